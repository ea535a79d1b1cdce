// Service account tokens: fetched once per process and reused until shortly before they expire, because
// Atlas's token endpoint allows only 50 requests a minute per client.
import type { AxiosInstance } from "axios";
import { AtlasRequestError, failureOf } from "./failure";
import { attemptsOf } from "./http";
import { tokenResponseSchema } from "./schemas";
import { TOKEN_PATH } from "./endpoints";

/** How long before its expiry a token is replaced: a minute, or a tenth of a short lifetime. */
export function refreshMarginMs(lifetimeMs: number): number {
    return Math.min(60_000, lifetimeMs / 10);
}

/** A cached access token for one service account. */
export class TokenSource {
    private current?: { token: string; refreshAt: number };
    private pending?: Promise<string>;
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
        if (this.current && this.now() < this.current.refreshAt) {
            return this.current.token;
        }
        this.pending ??= this.fetch().finally(() => (this.pending = undefined));
        return this.pending;
    }

    /** Drops a token Atlas refused, unless a newer one has replaced it already. */
    invalidate(token: string): void {
        if (this.current?.token === token) {
            this.current = undefined;
        }
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
            throw new AtlasRequestError(failureOf(error, this.timeoutMs), request, attemptsOf(error));
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
        };
        return parsed.data.access_token;
    }
}
