// How each kind of credential signs a request, and what it does when Atlas answers 401.
import type { AxiosResponse } from "axios";
import type { AxiosInstance } from "axios";
import { parse } from "auth-header";
import type { ClientSettings, Credentials } from "./settings";
import { DigestSession, parseDigestChallenge } from "./digest";
import type { DigestChallenge } from "./digest";
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
        return sent?.startsWith("Bearer ") === true && this.tokens.refused(sent.slice("Bearer ".length));
    }
}

/** The nonce and nonce count a digest `Authorization` header signed with. */
export interface DigestSignature {
    nonce: string;
    /** The nonce count, 1 for the nonce's first use; 1 too when the header has none (no qop, no counting). */
    nc: number;
}

/** The nonce and count of a `Digest` header this client sent, or undefined for no header or another scheme. */
export function signatureOf(sent: string | undefined): DigestSignature | undefined {
    if (!sent?.startsWith("Digest ")) {
        return undefined;
    }
    // This client's own header names each parameter once, so each is a single string.
    const { nonce, nc } = parse(sent).params;
    if (typeof nonce !== "string") {
        return undefined;
    }
    return { nonce, nc: typeof nc === "string" ? parseInt(nc, 16) : 1 };
}

/**
 * What a digest 401 means. `challenged`: an unsigned request learned the challenge. `stale`: the server knew the
 * key but not the nonce any more (RFC 7616 sets stale=true only for a correct response). `nonceUnknown`: a reused
 * nonce was refused, which a server that forgot it answers the same as a wrong key. `keyRefused`: the key itself.
 */
export type DigestRefusal = "challenged" | "stale" | "nonceUnknown" | "keyRefused";

/**
 * Judges a digest 401 from the signature that drew it (undefined when none was sent), the challenge that came back
 * and whether the key is already known to be refused. A signature on a nonce fresh from a challenge (its first use,
 * or the very nonce the server just repeated) that is not stale can only mean the key is wrong.
 */
export function judgeDigestRefusal(
    signed: DigestSignature | undefined,
    challenge: DigestChallenge,
    keyRefused: boolean,
): DigestRefusal {
    if (signed === undefined) {
        return "challenged";
    }
    if (challenge.stale) {
        return "stale";
    }
    if (keyRefused || signed.nc === 1 || signed.nonce === challenge.nonce) {
        return "keyRefused";
    }
    return "nonceUnknown";
}

/**
 * An API key: HTTP Digest, answering a new challenge when the nonce is new, stale, or may have been forgotten. Once
 * Atlas has refused the key itself, every later read sends one signed request and stops at its 401.
 */
class DigestAuth implements Authenticator {
    readonly tokensFetched = 0;
    /** Whether a signature on a fresh nonce was refused: the key is wrong, deleted, or disabled. */
    private keyRefused = false;
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
        const refusal = judgeDigestRefusal(signatureOf(sent), challenge, this.keyRefused);
        // The latest verdict stands: a stale nonce means the server found the signature right after all.
        this.keyRefused = refusal === "keyRefused";
        // Later reads sign with the newest nonce, so even a refused key costs them one request, not a challenge.
        this.session.accept(challenge);
        return refusal !== "keyRefused";
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
