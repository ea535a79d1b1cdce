// What each credential does with a 401: the decisions, as tables, without a server.
import { AxiosHeaders } from "axios";
import type { AxiosInstance, AxiosResponse } from "axios";
import { createAuthenticator, judgeDigestRefusal, signatureOf } from "../../../provider/atlas/auth";
import type { DigestRefusal, DigestSignature } from "../../../provider/atlas/auth";
import type { DigestChallenge } from "../../../provider/atlas/digest";
import { DEFAULT_LIMITS } from "../../../provider/atlas/settings";
import type { Credentials } from "../../../provider/atlas/settings";

const challenge = (nonce: string, stale = false): DigestChallenge => ({
    realm: "MMS Public API",
    nonce,
    algorithm: "MD5",
    qop: "auth",
    stale,
});

/** Atlas's challenge as it sends it, with this nonce and stale flag. */
const atlasChallenge = (nonce: string, stale = false) =>
    `Digest realm="MMS Public API", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;

describe("signatureOf", () => {
    test.each([
        [
            "a signature with qop",
            'Digest username="emulpubk", realm="MMS Public API", nonce="n/+=1", uri="/a?b=c", algorithm=MD5, response="ab", qop=auth, nc=00000001, cnonce="c1"',
            { nonce: "n/+=1", nc: 1 },
        ],
        [
            "a nonce count in hexadecimal",
            'Digest username="k", realm="r", nonce="n", uri="/", response="ab", qop=auth, nc=0000001a, cnonce="c"',
            { nonce: "n", nc: 26 },
        ],
        [
            "a count after the cnonce that names a nonce too",
            'Digest username="k", realm="r", cnonce="not-this", nonce="this-one", uri="/", response="ab", nc=00000003',
            { nonce: "this-one", nc: 3 },
        ],
        [
            "a signature without qop, which counts nothing",
            'Digest username="k", realm="r", nonce="n2", uri="/", response="ab"',
            { nonce: "n2", nc: 1 },
        ],
    ])("reads the nonce and count of %s", (_case, header, expected) => {
        expect(signatureOf(header)).toStrictEqual(expected);
    });

    test.each([
        ["no header", undefined],
        ["a Bearer token", "Bearer abc.def"],
        ["a Digest header without a nonce", 'Digest username="k", realm="r", uri="/"'],
        ["a scheme that merely starts like Digest", 'Digested nonce="n", nc=00000001'],
    ])("finds no digest signature in %s", (_case, header) => {
        expect(signatureOf(header)).toBeUndefined();
    });
});

describe("judgeDigestRefusal", () => {
    const signed = (nonce: string, nc: number): DigestSignature => ({ nonce, nc });

    test.each<[string, DigestSignature | undefined, DigestChallenge, boolean, DigestRefusal]>([
        ["an unsigned request that learned the challenge", undefined, challenge("n1"), false, "challenged"],
        ["an unsigned request, even once the key is refused", undefined, challenge("n1"), true, "challenged"],
        ["the first use of a nonce, refused and not stale", signed("n1", 1), challenge("n2"), false, "keyRefused"],
        [
            "a reused nonce answered with that same nonce, not stale",
            signed("n1", 7),
            challenge("n1"),
            false,
            "keyRefused",
        ],
        ["a reused nonce the server may have forgotten", signed("n1", 7), challenge("n2"), false, "nonceUnknown"],
        ["a reused nonce once the key is known refused", signed("n1", 7), challenge("n2"), true, "keyRefused"],
        ["a reused nonce answered stale", signed("n1", 7), challenge("n2", true), false, "stale"],
        ["a fresh nonce answered stale", signed("n1", 1), challenge("n2", true), false, "stale"],
        ["a stale answer even once the key was refused", signed("n1", 2), challenge("n2", true), true, "stale"],
    ])("judges %s", (_case, signature, answer, keyRefused, expected) => {
        expect(judgeDigestRefusal(signature, answer, keyRefused)).toBe(expected);
    });
});

/**
 * A 401 as axios hands it over, with the `WWW-Authenticate` headers as Node received them (or only joined), after
 * any other raw headers given.
 */
function refusal(challenges: string[], raw = true, otherRawHeaders: string[] = []): AxiosResponse {
    const rawHeaders = [
        "Content-Type",
        "application/json",
        ...otherRawHeaders,
        ...challenges.flatMap((value) => ["WWW-Authenticate", value]),
    ];
    return {
        status: 401,
        statusText: "Unauthorized",
        data: "",
        headers: new AxiosHeaders(challenges.length > 0 ? { "www-authenticate": challenges.join(", ") } : {}),
        config: { headers: new AxiosHeaders() },
        request: raw ? { res: { rawHeaders } } : {},
    } as AxiosResponse;
}

// The API key and service account paths that need no server: nothing here sends a request.
const noHttp = {} as AxiosInstance;
const settingsFor = (credentials: Credentials) => ({
    ...DEFAULT_LIMITS,
    baseUrl: "https://cloud.mongodb.com",
    credentials,
});

describe("createAuthenticator", () => {
    test.each<[string, Credentials, string]>([
        [
            "access token",
            { kind: "accessToken", accessToken: "tok-secret", source: "environment MONGODB_ATLAS_ACCESS_TOKEN" },
            "the access token from environment MONGODB_ATLAS_ACCESS_TOKEN",
        ],
        [
            "service account",
            { kind: "serviceAccount", clientId: "id", clientSecret: "sa-secret", source: "stack config" },
            "the service account from stack config",
        ],
        [
            "API key",
            { kind: "apiKey", publicKey: "pub", privateKey: "key-secret", source: "the environment" },
            "the API key from the environment",
        ],
    ])("describes the %s by kind and source, never by value", (_kind, credentials, description) => {
        const auth = createAuthenticator(settingsFor(credentials), noHttp);

        expect(auth.description).toBe(description);
        expect(auth.description).not.toMatch(/secret/);
        expect(auth.tokensFetched).toBe(0);
    });
});

describe("a ready access token", () => {
    const auth = createAuthenticator(
        settingsFor({ kind: "accessToken", accessToken: "ready-token", source: "test" }),
        noHttp,
    );

    test("signs every request with it, and never waits for a challenge", async () => {
        await expect(auth.authorize("GET", "/api/atlas/v2")).resolves.toBe("Bearer ready-token");
        expect(auth.awaitsChallenge).toBe(false);
    });

    test("never recovers from a 401: nothing could be refreshed", () => {
        expect(auth.recover(refusal([atlasChallenge("n1")]), "Bearer ready-token")).toBe(false);
    });
});

describe("a service account", () => {
    const auth = createAuthenticator(
        settingsFor({ kind: "serviceAccount", clientId: "id", clientSecret: "secret", source: "test" }),
        noHttp,
    );

    test("never waits for a challenge", () => {
        expect(auth.awaitsChallenge).toBe(false);
    });

    test.each([
        ["no Authorization header", undefined],
        ["a Digest header", 'Digest username="k", nonce="n"'],
    ])("does not recover a 401 to a request that carried %s", (_case, sent) => {
        expect(auth.recover(refusal([atlasChallenge("n1")]), sent)).toBe(false);
    });
});

describe("an API key", () => {
    const key = () =>
        createAuthenticator(
            settingsFor({ kind: "apiKey", publicKey: "pub", privateKey: "priv", source: "test" }),
            noHttp,
        );
    const uri = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/flexClusters/payments/backup/snapshots";

    test("sends its first request unsigned to learn the challenge, and signs every one after it", async () => {
        const auth = key();
        expect(auth.awaitsChallenge).toBe(true);
        await expect(auth.authorize("GET", uri)).resolves.toBeUndefined();

        expect(auth.recover(refusal([atlasChallenge("n1")]), undefined)).toBe(true);

        expect(auth.awaitsChallenge).toBe(false);
        const signed = await auth.authorize("GET", uri);
        expect(signatureOf(signed)).toStrictEqual({ nonce: "n1", nc: 1 });
        expect(signed).toContain(`uri="${uri}"`);
    });

    test("does not recover a 401 that carries no digest challenge it can answer", () => {
        expect(key().recover(refusal(['Basic realm="MMS Public API"']), undefined)).toBe(false);
    });

    test("does not recover a 401 that carries no challenge at all, as a proxy in the way might send", () => {
        expect(key().recover(refusal([], false), undefined)).toBe(false);
    });

    test("reads the challenge from the joined header when the raw headers are not at hand", async () => {
        const auth = key();

        expect(auth.recover(refusal([atlasChallenge("joined")], false), undefined)).toBe(true);

        expect(signatureOf(await auth.authorize("GET", uri))?.nonce).toBe("joined");
    });

    test("takes the SHA-256 challenge of two sent as separate headers", async () => {
        const auth = key();
        const sha = atlasChallenge("sha-nonce").replace("algorithm=MD5", "algorithm=SHA-256");

        auth.recover(refusal([atlasChallenge("md5-nonce"), sha]), undefined);

        const signed = await auth.authorize("GET", uri);
        expect(signed).toContain('nonce="sha-nonce"');
        expect(signed).toContain("algorithm=SHA-256");
    });

    test("answers the server's challenge, never a proxy's in the same answer", async () => {
        const auth = key();

        auth.recover(
            refusal([atlasChallenge("server-nonce")], true, ["Proxy-Authenticate", atlasChallenge("proxy-nonce")]),
            undefined,
        );

        expect(signatureOf(await auth.authorize("GET", uri))?.nonce).toBe("server-nonce");
    });

    test("a refused first signature on a fresh nonce means the key is refused: no retry, now or for later reads", async () => {
        const auth = key();
        auth.recover(refusal([atlasChallenge("n1")]), undefined);
        const first = await auth.authorize("GET", uri);

        expect(auth.recover(refusal([atlasChallenge("n2")]), first)).toBe(false);

        // A later read signs with the newest nonce at once, and is not retried either.
        const later = await auth.authorize("GET", uri);
        expect(signatureOf(later)).toStrictEqual({ nonce: "n2", nc: 1 });
        expect(auth.recover(refusal([atlasChallenge("n3")]), later)).toBe(false);
        const reused = await auth.authorize("GET", uri);
        expect(signatureOf(reused)).toStrictEqual({ nonce: "n3", nc: 1 });
    });

    test("a reused nonce refused without stale is tried once more on the new nonce, then judged by it", async () => {
        const auth = key();
        auth.recover(refusal([atlasChallenge("n1")]), undefined);
        await auth.authorize("GET", uri);
        const reused = await auth.authorize("GET", uri);

        expect(auth.recover(refusal([atlasChallenge("n2")]), reused)).toBe(true);

        const retried = await auth.authorize("GET", uri);
        expect(signatureOf(retried)).toStrictEqual({ nonce: "n2", nc: 1 });
        expect(auth.recover(refusal([atlasChallenge("n3")]), retried)).toBe(false);
    });

    test("a stale answer is retried even after the key was refused, and clears that verdict", async () => {
        const auth = key();
        auth.recover(refusal([atlasChallenge("n1")]), undefined);
        auth.recover(refusal([atlasChallenge("n2")]), await auth.authorize("GET", uri));
        await auth.authorize("GET", uri);
        const reused = await auth.authorize("GET", uri);

        expect(auth.recover(refusal([atlasChallenge("n3", true)]), reused)).toBe(true);

        // The server found that signature right, so a reused nonce refused later is worth one more try again.
        await auth.authorize("GET", uri);
        const again = await auth.authorize("GET", uri);
        expect(auth.recover(refusal([atlasChallenge("n4")]), again)).toBe(true);
    });
});
