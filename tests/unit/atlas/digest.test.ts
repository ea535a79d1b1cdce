// HTTP Digest (RFC 7616) for Atlas API keys: Atlas's challenge parsed, and each answer checked independently.
import { createHash } from "crypto";
import { DigestSession, parseDigestChallenge } from "../../../provider/atlas/digest";
import type { DigestChallenge } from "../../../provider/atlas/digest";

/** The `WWW-Authenticate` value Atlas sent in a recorded 401 (recorded-http-responses.txt, Invalid_Private_Key). */
const ATLAS_CHALLENGE =
    'Digest realm="MMS Public API", domain="", nonce="SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg", algorithm=MD5, qop="auth", stale=false';

const SHA256_CHALLENGE = 'Digest realm="MMS Public API", nonce="sha-nonce", algorithm=SHA-256, qop="auth"';

describe("parseDigestChallenge", () => {
    test("reads Atlas's exact challenge, empty domain, unquoted algorithm and stale included", () => {
        expect(parseDigestChallenge([ATLAS_CHALLENGE])).toEqual({
            realm: "MMS Public API",
            nonce: "SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg",
            algorithm: "MD5",
            qop: "auth",
            stale: false,
        });
    });

    test("reads stale=true as a stale nonce", () => {
        const challenge = parseDigestChallenge([ATLAS_CHALLENGE.replace("stale=false", "stale=true")]);

        expect(challenge?.stale).toBe(true);
    });

    test.each([
        ["as separate header values, MD5 first", [ATLAS_CHALLENGE, SHA256_CHALLENGE]],
        ["as separate header values, SHA-256 first", [SHA256_CHALLENGE, ATLAS_CHALLENGE]],
        ["joined into one value, MD5 first", [`${ATLAS_CHALLENGE}, ${SHA256_CHALLENGE}`]],
        ["joined into one value, SHA-256 first", [`${SHA256_CHALLENGE}, ${ATLAS_CHALLENGE}`]],
    ])("prefers SHA-256 when offered both challenges %s", (_case, values) => {
        const challenge = parseDigestChallenge(values);

        expect(challenge).toEqual({
            realm: "MMS Public API",
            nonce: "sha-nonce",
            algorithm: "SHA-256",
            qop: "auth",
            stale: false,
        });
    });

    test.each([
        ["Basic only", ['Basic realm="MMS Public API"']],
        ["Bearer only", ['Bearer realm="atlas", error="invalid_token"']],
        ["Basic and Bearer", ['Basic realm="a", Bearer realm="b"']],
        ["no header", []],
        ["an unsupported algorithm", [ATLAS_CHALLENGE.replace("algorithm=MD5", "algorithm=SHA-512-256")]],
        ["qop without auth", [ATLAS_CHALLENGE.replace('qop="auth"', 'qop="auth-int"')]],
        ["no nonce", ['Digest realm="MMS Public API", algorithm=MD5, qop="auth"']],
    ])("finds no digest challenge it can answer in %s", (_case, values) => {
        expect(parseDigestChallenge(values)).toBeUndefined();
    });

    test("finds the digest challenge after a Basic one in the same value", () => {
        expect(parseDigestChallenge([`Basic realm="x", ${ATLAS_CHALLENGE}`])?.nonce).toBe(
            "SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg",
        );
    });

    test("takes a challenge with no algorithm as MD5, as RFC 7616 says", () => {
        expect(parseDigestChallenge(['Digest realm="r", nonce="n", qop="auth"'])?.algorithm).toBe("MD5");
    });

    test("reassembles one challenge whose parameters came on two header lines, as a list header may", () => {
        const challenge = parseDigestChallenge([
            'Digest realm="MMS Public API", algorithm=MD5',
            'nonce="n2", qop="auth"',
        ]);

        expect(challenge).toEqual({
            realm: "MMS Public API",
            nonce: "n2",
            algorithm: "MD5",
            qop: "auth",
            stale: false,
        });
    });

    test("splits challenges joined without a space after the comma", () => {
        expect(parseDigestChallenge([`${ATLAS_CHALLENGE},${SHA256_CHALLENGE}`])?.nonce).toBe("sha-nonce");
    });

    test("splits off a digest challenge whose scheme is followed by more than one space", () => {
        expect(parseDigestChallenge(['Basic realm="x", Digest  realm="r", nonce="n", qop="auth"'])?.nonce).toBe("n");
    });

    test("reads the scheme in any case, as RFC 7235 asks", () => {
        expect(parseDigestChallenge(['DIGEST realm="r", nonce="n", qop="auth"'])?.nonce).toBe("n");
    });

    test("answers only a Digest scheme, whatever parameters another scheme carries", () => {
        expect(parseDigestChallenge(['Newauth realm="apps", nonce="n", qop="auth"'])).toBeUndefined();
    });

    test("finds auth among the qop options wherever it is listed", () => {
        expect(parseDigestChallenge(['Digest realm="r", nonce="n", qop="auth-int, auth"'])?.qop).toBe("auth");
    });

    test("keeps opaque when the challenge has one", () => {
        expect(parseDigestChallenge(['Digest realm="r", nonce="n", opaque="op", qop="auth"'])?.opaque).toBe("op");
    });
});

/** The parameters of a `Digest` Authorization value, with whether each was quoted. */
function paramsOf(header: string): Map<string, { value: string; quoted: boolean }> {
    expect(header.startsWith("Digest ")).toBe(true);
    const params = new Map<string, { value: string; quoted: boolean }>();
    for (const match of header.slice("Digest ".length).matchAll(/([a-z]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
        params.set(
            match[1],
            match[2] !== undefined ? { value: match[2], quoted: true } : { value: match[3], quoted: false },
        );
    }
    return params;
}

/** RFC 7616 section 3.4.1's `response`, computed here rather than by the code under test. */
function expectedResponse(
    algorithm: "MD5" | "SHA-256",
    fields: {
        username: string;
        realm: string;
        password: string;
        method: string;
        uri: string;
        nonce: string;
        nc: string;
        cnonce: string;
    },
): string {
    const h = (text: string) =>
        createHash(algorithm === "MD5" ? "md5" : "sha256")
            .update(text)
            .digest("hex");
    const ha1 = h(`${fields.username}:${fields.realm}:${fields.password}`);
    const ha2 = h(`${fields.method}:${fields.uri}`);
    return h(`${ha1}:${fields.nonce}:${fields.nc}:${fields.cnonce}:auth:${ha2}`);
}

describe("the independent RFC 7616 computation used below", () => {
    // RFC 7616 section 3.9.1: Mufasa's request, with MD5 and with SHA-256.
    const rfcExample = {
        username: "Mufasa",
        realm: "http-auth@example.org",
        password: "Circle of Life",
        method: "GET",
        uri: "/dir/index.html",
        nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
        nc: "00000001",
        cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
    };

    test.each([
        ["MD5", "8ca523f5e9506fed4657c9700eebdbec"],
        ["SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"],
    ] as const)("reproduces the RFC's %s example", (algorithm, response) => {
        expect(expectedResponse(algorithm, rfcExample)).toBe(response);
    });
});

describe("DigestSession.authorization", () => {
    const challenge = (algorithm: "MD5" | "SHA-256", nonce = "SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg"): DigestChallenge => ({
        realm: "MMS Public API",
        nonce,
        algorithm,
        qop: "auth",
        stale: false,
    });
    const uri = "/api/atlas/v2/groups/b0123456789abcdef012345b/flexClusters/snapshotCluster0/backup/snapshots";

    test("signs nothing before the first challenge", () => {
        const session = new DigestSession("SECRETPUB", "private-key");

        expect(session.ready).toBe(false);
        expect(session.nonce).toBeUndefined();
        expect(session.authorization("GET", uri)).toBeUndefined();
    });

    test("is ready to sign once it has a challenge", () => {
        const session = new DigestSession("SECRETPUB", "private-key");

        session.accept(challenge("MD5"));

        expect(session.ready).toBe(true);
        expect(session.nonce).toBe("SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg");
    });

    test("answers a challenge without qop as RFC 2069 did: no nonce count, no cnonce", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept({ ...challenge("MD5"), qop: undefined });

        const params = paramsOf(session.authorization("GET", uri) as string);

        const h = (text: string) => createHash("md5").update(text).digest("hex");
        const ha1 = h("SECRETPUB:MMS Public API:private-key");
        const ha2 = h(`GET:${uri}`);
        expect(params.get("response")?.value).toBe(h(`${ha1}:SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg:${ha2}`));
        expect([...params.keys()].sort()).toStrictEqual(["algorithm", "nonce", "realm", "response", "uri", "username"]);
    });

    test.each(["MD5", "SHA-256"] as const)("answers a %s challenge with the response RFC 7616 defines", (algorithm) => {
        const session = new DigestSession("SECRETPUB", "0f8a1c2d-private-key");
        session.accept(challenge(algorithm));

        const params = paramsOf(session.authorization("get", uri) as string);

        const cnonce = params.get("cnonce")?.value as string;
        expect(cnonce).toMatch(/^[0-9a-f]{16,}$/);
        expect(params.get("response")?.value).toBe(
            expectedResponse(algorithm, {
                username: "SECRETPUB",
                realm: "MMS Public API",
                password: "0f8a1c2d-private-key",
                method: "GET",
                uri,
                nonce: "SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg",
                nc: "00000001",
                cnonce,
            }),
        );
        expect(params.get("algorithm")?.value).toBe(algorithm);
    });

    test("quotes username, realm, nonce, uri, cnonce and response, and leaves qop, nc and algorithm bare", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept(challenge("MD5"));

        const params = paramsOf(session.authorization("GET", uri) as string);

        expect(Object.fromEntries([...params].map(([name, { quoted }]) => [name, quoted]))).toStrictEqual({
            username: true,
            realm: true,
            nonce: true,
            uri: true,
            algorithm: false,
            response: true,
            qop: false,
            nc: false,
            cnonce: true,
        });
        expect(params.get("username")?.value).toBe("SECRETPUB");
        expect(params.get("realm")?.value).toBe("MMS Public API");
        expect(params.get("nonce")?.value).toBe("SlgYP7Tv3FS/BuCj/x4WQRIV1bNKdpJg");
        expect(params.get("uri")?.value).toBe(uri);
        expect(params.get("qop")?.value).toBe("auth");
    });

    test("never sends the private key itself", () => {
        const session = new DigestSession("SECRETPUB", "SECRET-PRIVATE-KEY-7a8b");
        session.accept(challenge("SHA-256"));

        expect(session.authorization("GET", uri)).not.toContain("SECRET-PRIVATE-KEY-7a8b");
    });

    test("counts 00000001, 00000002, 00000003 on one nonce, each with its own cnonce", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept(challenge("MD5"));

        const answers = [1, 2, 3].map(() => paramsOf(session.authorization("GET", uri) as string));

        expect(answers.map((params) => params.get("nc")?.value)).toStrictEqual(["00000001", "00000002", "00000003"]);
        expect(new Set(answers.map((params) => params.get("cnonce")?.value)).size).toBe(3);
    });

    test("keeps counting when the same nonce is accepted again", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept(challenge("MD5", "nonce-a"));
        session.authorization("GET", uri);
        session.accept(challenge("MD5", "nonce-a"));

        expect(paramsOf(session.authorization("GET", uri) as string).get("nc")?.value).toBe("00000002");
    });

    test("starts counting again at 00000001 on a new nonce, and signs with it", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept(challenge("MD5", "nonce-a"));
        session.authorization("GET", uri);
        session.authorization("GET", uri);

        session.accept(challenge("MD5", "nonce-b"));
        const params = paramsOf(session.authorization("GET", uri) as string);

        expect(params.get("nc")?.value).toBe("00000001");
        expect(params.get("nonce")?.value).toBe("nonce-b");
        expect(session.nonce).toBe("nonce-b");
    });

    test("writes the nonce count in hexadecimal past nine", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept(challenge("MD5"));
        for (let i = 0; i < 9; i++) {
            session.authorization("GET", uri);
        }

        expect(paramsOf(session.authorization("GET", uri) as string).get("nc")?.value).toBe("0000000a");
    });

    test("forgets the challenge on reset", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept(challenge("MD5"));

        session.reset();

        expect(session.ready).toBe(false);
        expect(session.authorization("GET", uri)).toBeUndefined();
    });

    test("escapes a quote in the username", () => {
        const session = new DigestSession('pub"lic', "private-key");
        session.accept(challenge("MD5"));

        expect(session.authorization("GET", uri)).toContain('username="pub\\"lic"');
    });

    test("sends opaque back, quoted, when the challenge had one", () => {
        const session = new DigestSession("SECRETPUB", "private-key");
        session.accept({ ...challenge("MD5"), opaque: "opaque-value" });

        expect(paramsOf(session.authorization("GET", uri) as string).get("opaque")).toStrictEqual({
            value: "opaque-value",
            quoted: true,
        });
    });
});
