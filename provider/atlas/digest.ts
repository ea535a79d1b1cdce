// HTTP Digest (RFC 7616) for Atlas API keys, reusing one nonce with a rising nonce count so that each
// request after the first costs one round trip instead of two.
import { createHash, randomBytes } from "crypto";
import { parse } from "auth-header";

/** The digest algorithms this client answers, strongest first. */
export const DIGEST_ALGORITHMS = ["SHA-256", "MD5"] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** A `Digest` challenge from a `WWW-Authenticate` header. */
export interface DigestChallenge {
    realm: string;
    nonce: string;
    algorithm: DigestAlgorithm;
    qop?: string;
    opaque?: string;
    stale: boolean;
}

/** Splits `WWW-Authenticate` values into single challenges; Node joins repeated headers with ", ". */
function splitChallenges(values: string[]): string[] {
    return values
        .flatMap((value) => value.split(/,\s*(?=[A-Za-z][\w-]*\s+[\w-]+=)/))
        .reduce<string[]>((out, part) => {
            if (/^[A-Za-z][\w-]*\s+[\w-]+=/.test(part) || out.length === 0) {
                out.push(part);
            } else {
                out[out.length - 1] += `, ${part}`;
            }
            return out;
        }, []);
}

/** The strongest digest challenge among `WWW-Authenticate` values that this client can answer, if any. */
export function parseDigestChallenge(values: string[]): DigestChallenge | undefined {
    const challenges: DigestChallenge[] = [];
    for (const text of splitChallenges(values)) {
        let parsed;
        try {
            parsed = parse(text);
        } catch {
            continue;
        }
        if (parsed.scheme.toLowerCase() !== "digest") {
            continue;
        }
        const param = (name: string): string | undefined => {
            const value = parsed.params[name];
            return Array.isArray(value) ? value[0] : value;
        };
        const algorithm = (param("algorithm") ?? "MD5").toUpperCase();
        const qop = param("qop")
            ?.split(",")
            .map((q) => q.trim());
        const realm = param("realm");
        const nonce = param("nonce");
        if (realm === undefined || nonce === undefined || (qop && !qop.includes("auth"))) {
            continue;
        }
        if (!(DIGEST_ALGORITHMS as readonly string[]).includes(algorithm)) {
            continue;
        }
        challenges.push({
            realm,
            nonce,
            algorithm: algorithm as DigestAlgorithm,
            qop: qop ? "auth" : undefined,
            opaque: param("opaque"),
            stale: param("stale")?.toLowerCase() === "true",
        });
    }
    challenges.sort((a, b) => DIGEST_ALGORITHMS.indexOf(a.algorithm) - DIGEST_ALGORITHMS.indexOf(b.algorithm));
    return challenges[0];
}

function hash(algorithm: DigestAlgorithm, text: string): string {
    return createHash(algorithm === "MD5" ? "md5" : "sha256")
        .update(text)
        .digest("hex");
}

function quoted(value: string): string {
    return `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

/**
 * One API key's digest state: the last challenge and how many times its nonce has been used.
 * Requests share it, so concurrent reads reuse one nonce with distinct nonce counts.
 */
export class DigestSession {
    private challenge?: DigestChallenge;
    private nonceCount = 0;

    constructor(
        private readonly username: string,
        private readonly password: string,
    ) {}

    /** Whether a challenge has been seen, so requests can be signed without a first unsigned round trip. */
    get ready(): boolean {
        return this.challenge !== undefined;
    }

    /** The nonce currently in use, so a caller can tell whether a refusal was for an older one. */
    get nonce(): string | undefined {
        return this.challenge?.nonce;
    }

    /** Takes a new challenge; the nonce count starts again for its nonce. */
    accept(challenge: DigestChallenge): void {
        if (challenge.nonce !== this.challenge?.nonce) {
            this.nonceCount = 0;
        }
        this.challenge = challenge;
    }

    /** Forgets the challenge, so the next request asks for a fresh one. */
    reset(): void {
        this.challenge = undefined;
        this.nonceCount = 0;
    }

    /** The `Authorization` value for one request, or undefined before the first challenge. */
    authorization(method: string, uri: string): string | undefined {
        const challenge = this.challenge;
        if (!challenge) {
            return undefined;
        }
        this.nonceCount += 1;
        const nc = this.nonceCount.toString(16).padStart(8, "0");
        const cnonce = randomBytes(12).toString("hex");
        const ha1 = hash(challenge.algorithm, `${this.username}:${challenge.realm}:${this.password}`);
        const ha2 = hash(challenge.algorithm, `${method.toUpperCase()}:${uri}`);
        const response = challenge.qop
            ? hash(challenge.algorithm, `${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`)
            : hash(challenge.algorithm, `${ha1}:${challenge.nonce}:${ha2}`);
        const parts = [
            `username=${quoted(this.username)}`,
            `realm=${quoted(challenge.realm)}`,
            `nonce=${quoted(challenge.nonce)}`,
            `uri=${quoted(uri)}`,
            `algorithm=${challenge.algorithm}`,
            `response=${quoted(response)}`,
        ];
        if (challenge.qop) {
            parts.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce=${quoted(cnonce)}`);
        }
        if (challenge.opaque !== undefined) {
            parts.push(`opaque=${quoted(challenge.opaque)}`);
        }
        return `Digest ${parts.join(", ")}`;
    }
}
