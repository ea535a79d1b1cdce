// Service account tokens: fetched once per process and reused until shortly before they expire, because
// Atlas's token endpoint allows only 50 requests a minute per client. For the same reason a refused token earns
// one fresh token, not one per read, and client credentials the endpoint refused are not sent again.
import type { AxiosInstance } from "axios";
import { AtlasRequestError, failureOf } from "./failure";
import { attemptsOf } from "./http";
import { tokenResponseSchema } from "./schemas";
import { TOKEN_PATH } from "./endpoints";

/** How long before its expiry a token is replaced: a minute, or a tenth of a short lifetime. */
export function refreshMarginMs(lifetimeMs: number): number {
    return Math.min(60_000, lifetimeMs / 10);
}

/** The token a service account signs with now, and what is known of it. */
export interface CurrentToken {
    token: string;
    /** When to replace it, a margin before it expires. */
    refreshAt: number;
    /** Whether it was fetched because Atlas refused the one before it. */
    afterRefusal: boolean;
    /** Whether Atlas refused it too, after a refusal: the account's tokens are refused, not merely old. */
    refused: boolean;
}

/**
 * What to do when Atlas refuses a Bearer token. `retry`: a newer token replaced it, or is being fetched, so use
 * that. `refetch`: fetch one fresh token and use it. `giveUp`: the fresh token fetched after a refusal was refused
 * too, so another would be as well, and fetching it would only spend the token endpoint's 50 a minute.
 */
export type TokenRefusalAction = "retry" | "refetch" | "giveUp";

/** Decides what a refusal of `refused` calls for, given the current token (undefined while one is being fetched). */
export function tokenRefusalAction(refused: string, current: CurrentToken | undefined): TokenRefusalAction {
    if (current === undefined) {
        return "retry";
    }
    if (current.token !== refused) {
        return current.refused ? "giveUp" : "retry";
    }
    return current.afterRefusal ? "giveUp" : "refetch";
}

/** Whether the token endpoint refused the client credentials themselves, so asking again would get the same. */
export function isCredentialRefusal(error: AtlasRequestError): boolean {
    const failure = error.failure;
    return failure.kind === "http" && [400, 401, 403].includes(failure.status);
}

/** A cached access token for one service account. */
export class TokenSource {
    private current?: CurrentToken;
    private pending?: Promise<string>;
    /** Whether the next token fetched replaces one that Atlas refused. */
    private replacingRefused = false;
    /** The token endpoint's refusal of the client credentials, given again to every later read. */
    private credentialRefusal?: AtlasRequestError;
    /** Tokens fetched so far; the benchmark and tests read it. */
    fetched = 0;

    constructor(
        private readonly http: AxiosInstance,
        private readonly baseUrl: string,
        private readonly clientId: string,
        private readonly clientSecret: string,
        private readonly timeoutMs: number,
        private readonly now: () => number = Date.now,
    ) {}

    /** A valid token: the cached one, the one being fetched, or a new one. */
    async token(): Promise<string> {
        if (this.credentialRefusal) {
            throw this.credentialRefusal;
        }
        if (this.current && this.now() < this.current.refreshAt) {
            return this.current.token;
        }
        this.pending ??= this.fetch().finally(() => (this.pending = undefined));
        return this.pending;
    }

    /**
     * Takes note that Atlas refused `token`, and answers whether the request is worth sending again: with a newer
     * token, or with one fresh token when this was the first refusal. Concurrent refusals share that one fetch.
     */
    refused(token: string): boolean {
        const action = tokenRefusalAction(token, this.current);
        if (action === "refetch") {
            this.current = undefined;
            this.replacingRefused = true;
        } else if (action === "giveUp" && this.current) {
            this.current.refused = true;
        }
        return action !== "giveUp";
    }

    private async fetch(): Promise<string> {
        const url = new URL(this.baseUrl + TOKEN_PATH);
        const request = { method: "POST", host: url.host, path: url.pathname };
        const basic = Buffer.from(`${this.clientId}:${this.clientSecret}`).toString("base64");
        const started = this.now();
        let body: unknown;
        try {
            const response = await this.http.post(url.toString(), "grant_type=client_credentials", {
                headers: {
                    Authorization: `Basic ${basic}`,
                    "Content-Type": "application/x-www-form-urlencoded",
                    Accept: "application/json",
                },
            });
            body = response.data;
        } catch (error) {
            const failed = new AtlasRequestError(failureOf(error, this.timeoutMs), request, attemptsOf(error));
            if (isCredentialRefusal(failed)) {
                this.credentialRefusal = failed;
            }
            throw failed;
        }
        this.fetched += 1;
        let parsed;
        try {
            parsed = tokenResponseSchema.safeParse(JSON.parse(String(body)));
        } catch {
            parsed = undefined;
        }
        if (!parsed?.success) {
            // The body may hold a token: quote none of it.
            const problem = parsed
                ? "the token answer lacks access_token or expires_in"
                : "the token answer is not JSON";
            throw new AtlasRequestError({ kind: "unexpected", problem, excerpt: "" }, request, 1);
        }
        const lifetimeMs = parsed.data.expires_in * 1000;
        this.current = {
            token: parsed.data.access_token,
            refreshAt: started + lifetimeMs - refreshMarginMs(lifetimeMs),
            afterRefusal: this.replacingRefused,
            refused: false,
        };
        this.replacingRefused = false;
        return parsed.data.access_token;
    }
}
