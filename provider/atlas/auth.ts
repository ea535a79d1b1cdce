// How each kind of credential signs a request, and what it does when Atlas answers 401.
import type { AxiosResponse } from "axios";
import type { AxiosInstance } from "axios";
import type { ClientSettings, Credentials } from "./settings";
import { DigestSession, parseDigestChallenge } from "./digest";
import { TokenSource } from "./oauth";

/** Signs requests for one credential and recovers from the 401s that a fresh signature can fix. */
export interface Authenticator {
    /** The `Authorization` header for a request, or undefined when a challenge must come first. */
    authorize(method: string, uri: string): Promise<string | undefined>;
    /** Given a 401 and the header that drew it, whether to try once more with a fresh signature. */
    recover(response: AxiosResponse, sent: string | undefined): boolean;
    /** The credential in words, without its value: "the service account from stack config …". */
    readonly description: string;
    /** Tokens fetched, for counting; zero for credentials that fetch none. */
    readonly tokensFetched: number;
    /** Whether the next request goes unsigned to learn a challenge, so requests beside it should wait for it. */
    readonly awaitsChallenge: boolean;
}

const KIND_NAMES: Record<Credentials["kind"], string> = {
    accessToken: "access token",
    serviceAccount: "service account",
    apiKey: "API key",
};

function describe(credentials: Credentials): string {
    return `the ${KIND_NAMES[credentials.kind]} from ${credentials.source}`;
}

/** The `WWW-Authenticate` values of a response, kept apart even when the server repeated the header. */
function challengesOf(response: AxiosResponse): string[] {
    const raw: string[] | undefined = (response.request as { res?: { rawHeaders?: string[] } } | undefined)?.res
        ?.rawHeaders;
    if (raw) {
        const values: string[] = [];
        for (let i = 0; i + 1 < raw.length; i += 2) {
            if (raw[i].toLowerCase() === "www-authenticate") {
                values.push(raw[i + 1]);
            }
        }
        return values;
    }
    const joined = response.headers["www-authenticate"];
    return typeof joined === "string" ? [joined] : [];
}

/** A ready access token: nothing to refresh, so a 401 is final. */
class AccessTokenAuth implements Authenticator {
    readonly tokensFetched = 0;
    readonly awaitsChallenge = false;
    constructor(
        private readonly token: string,
        readonly description: string,
    ) {}
    async authorize(): Promise<string> {
        return `Bearer ${this.token}`;
    }
    recover(): boolean {
        return false;
    }
}

/** A service account: Bearer tokens from the token endpoint, one fresh token when Atlas refuses one. */
class ServiceAccountAuth implements Authenticator {
    readonly awaitsChallenge = false;
    constructor(
        private readonly tokens: TokenSource,
        readonly description: string,
    ) {}
    get tokensFetched(): number {
        return this.tokens.fetched;
    }
    async authorize(): Promise<string> {
        return `Bearer ${await this.tokens.token()}`;
    }
    recover(_response: AxiosResponse, sent: string | undefined): boolean {
        if (sent?.startsWith("Bearer ")) {
            this.tokens.invalidate(sent.slice("Bearer ".length));
        }
        return true;
    }
}

/** An API key: HTTP Digest, answering a new challenge when the nonce is new, stale, or was never had. */
class DigestAuth implements Authenticator {
    readonly tokensFetched = 0;
    constructor(
        private readonly session: DigestSession,
        readonly description: string,
    ) {}
    get awaitsChallenge(): boolean {
        return !this.session.ready;
    }
    async authorize(method: string, uri: string): Promise<string | undefined> {
        return this.session.authorization(method, uri);
    }
    recover(response: AxiosResponse, sent: string | undefined): boolean {
        const challenge = parseDigestChallenge(challengesOf(response));
        if (!challenge) {
            return false;
        }
        const usedNonce = sent ? /nonce="([^"]*)"/.exec(sent)?.[1] : undefined;
        // A signature on this very nonce that was not stale means the key itself was refused.
        const worthRetry = sent === undefined || challenge.stale || usedNonce !== challenge.nonce;
        this.session.accept(challenge);
        return worthRetry;
    }
}

/** The authenticator for the configured credential; one per client, shared by its requests. */
export function createAuthenticator(settings: ClientSettings, http: AxiosInstance): Authenticator {
    const credentials = settings.credentials;
    const description = describe(credentials);
    switch (credentials.kind) {
        case "accessToken":
            return new AccessTokenAuth(credentials.accessToken, description);
        case "serviceAccount":
            return new ServiceAccountAuth(
                new TokenSource(
                    http,
                    settings.baseUrl,
                    credentials.clientId,
                    credentials.clientSecret,
                    settings.requestTimeoutMs,
                ),
                description,
            );
        case "apiKey":
            return new DigestAuth(new DigestSession(credentials.publicKey, credentials.privateKey), description);
    }
}
