// HTTP Digest authentication (RFC 7616, qop=auth) for Atlas API keys, with Atlas's exact challenge format
// and per-nonce `nc` tracking, so a client may reuse a nonce with new counts but never replay one. Counts are
// remembered, not only the highest: concurrent requests on one nonce may arrive out of order (RFC 7616 §3.4).
import { createHash, randomBytes } from "node:crypto";
import { secretsEqual } from "./credentials";

/** The Digest hash algorithms the emulator can offer. */
export type DigestAlgorithm = "MD5" | "SHA-256";

/** The realm Atlas names in its challenges (and that every response must repeat). */
export const DIGEST_REALM = "MMS Public API";

/** How a Digest authenticator behaves. */
export interface DigestOptions {
    /** Algorithms offered, one challenge header each; SHA-256 is always listed first, as RFC 7616 prefers it. */
    algorithms: readonly DigestAlgorithm[];
    /** How long a nonce stays fresh; older ones get a challenge with `stale=true`. */
    nonceTtlMs: number;
    /** The secret (private key) for a username (public key), if the key exists. */
    secretFor(username: string): string | undefined;
}

/** The fields of a client's `Authorization: Digest …` header, as parsed. */
export type DigestParams = Record<string, string | string[]>;

/** The outcome of checking a Digest response: the username, or why not and whether the nonce was merely stale. */
export type DigestVerdict = { ok: true; username: string } | { ok: false; stale: boolean; reason: string };

interface NonceRecord {
    issuedAtMs: number;
    usedNc: Set<number>;
    stale: boolean;
}

// RFC 7616 section 3.7: a server lists its preferred algorithm first, and clients pick the first they support.
const PREFERENCE: readonly DigestAlgorithm[] = ["SHA-256", "MD5"];

// Enough for any test run; the oldest nonces are forgotten first (and then answered as unknown).
const MAX_NONCES = 10_000;

/** Formats one challenge exactly as Atlas does: quoted realm, domain, nonce and qop; bare algorithm and stale. */
export function formatChallenge(nonce: string, algorithm: DigestAlgorithm, stale: boolean): string {
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=${algorithm}, qop="auth", stale=${stale}`;
}

/** Computes the RFC 7616 `response` for qop=auth, which client and server must agree on. */
export function digestResponse(input: {
    algorithm: DigestAlgorithm;
    username: string;
    realm: string;
    password: string;
    method: string;
    uri: string;
    nonce: string;
    nc: string;
    cnonce: string;
    qop: string;
}): string {
    const hash = (text: string) =>
        createHash(input.algorithm === "MD5" ? "md5" : "sha256")
            .update(text, "utf8")
            .digest("hex");
    const ha1 = hash(`${input.username}:${input.realm}:${input.password}`);
    const ha2 = hash(`${input.method}:${input.uri}`);
    return hash(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

/** Issues nonces and checks Digest responses against them. */
export class DigestAuthenticator {
    private readonly nonces = new Map<string, NonceRecord>();

    /** An authenticator with the given algorithms, nonce lifetime and key lookup. */
    constructor(private readonly options: DigestOptions) {}

    /** Fresh `WWW-Authenticate` values (one per algorithm, sharing one new nonce), flagged stale or not. */
    challenges(stale: boolean, nowMs = Date.now()): string[] {
        // 24 random bytes are 32 base64 characters, the length of the nonces Atlas sends.
        const nonce = randomBytes(24).toString("base64");
        this.nonces.set(nonce, { issuedAtMs: nowMs, usedNc: new Set(), stale: false });
        if (this.nonces.size > MAX_NONCES) this.nonces.delete(this.nonces.keys().next().value as string);
        const preferred = PREFERENCE.filter((algorithm) => this.options.algorithms.includes(algorithm));
        return preferred.map((algorithm) => formatChallenge(nonce, algorithm, stale));
    }

    /** Marks every nonce issued so far as stale, as when a server restarts or rotates its nonce secret. */
    staleAll(): void {
        for (const record of this.nonces.values()) record.stale = true;
    }

    /** Checks a Digest response for a request `method` on `uri` (path and query, as sent on the request line). */
    verify(params: DigestParams, method: string, uri: string, nowMs = Date.now()): DigestVerdict {
        const field = (name: string): string | undefined => {
            const value = params[name];
            return typeof value === "string" ? value : undefined;
        };
        const username = field("username");
        const realm = field("realm");
        const nonce = field("nonce");
        const clientUri = field("uri");
        const response = field("response");
        const qop = field("qop");
        const nc = field("nc");
        const cnonce = field("cnonce");
        const algorithm = (field("algorithm") ?? "MD5").toUpperCase();
        if (
            username === undefined ||
            nonce === undefined ||
            clientUri === undefined ||
            response === undefined ||
            nc === undefined ||
            cnonce === undefined
        ) {
            return { ok: false, stale: false, reason: "incomplete Digest response" };
        }
        if (realm !== DIGEST_REALM) return { ok: false, stale: false, reason: "wrong realm" };
        if (qop !== "auth") return { ok: false, stale: false, reason: "qop must be auth" };
        if (!this.options.algorithms.some((offered) => offered === algorithm)) {
            return { ok: false, stale: false, reason: `algorithm ${algorithm} was not offered` };
        }
        if (clientUri !== uri) return { ok: false, stale: false, reason: "uri does not match the request target" };
        if (!/^[0-9a-fA-F]{1,8}$/.test(nc)) return { ok: false, stale: false, reason: "malformed nc" };
        const record = this.nonces.get(nonce);
        if (record === undefined) return { ok: false, stale: false, reason: "nonce was never issued" };
        const password = this.options.secretFor(username);
        if (password === undefined) return { ok: false, stale: false, reason: "unknown API key" };
        const expected = digestResponse({
            algorithm: algorithm as DigestAlgorithm,
            username,
            realm,
            password,
            method,
            uri,
            nonce,
            nc,
            cnonce,
            qop,
        });
        if (!secretsEqual(expected, response.toLowerCase())) return { ok: false, stale: false, reason: "wrong key" };
        // Staleness is only reported for an otherwise correct response, so the client knows a retry will work.
        if (record.stale || nowMs - record.issuedAtMs > this.options.nonceTtlMs) {
            return { ok: false, stale: true, reason: "stale nonce" };
        }
        const count = parseInt(nc, 16);
        if (count === 0 || record.usedNc.has(count)) return { ok: false, stale: false, reason: `nc ${nc} replayed` };
        record.usedNc.add(count);
        return { ok: true, username };
    }
}
