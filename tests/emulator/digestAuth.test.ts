// API keys authenticate with HTTP Digest exactly as against Atlas: curl --digest works, the challenge has Atlas's
// format, and a client may reuse a nonce with a growing nc (never replay one) until it goes stale.
import { startEmulator, type AtlasEmulator } from "../../emulator";
import {
    API_KEY,
    EMPTY_PROJECT_ID,
    LIMITED_KEY,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    curl,
    digestHeader,
    headerValue,
    http,
    parseChallenge,
    serverlessPath,
    type HttpAnswer,
} from "./support";

const ATLAS_CHALLENGE =
    /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]+={0,2}", algorithm=MD5, qop="auth", stale=false$/;

let emulator: AtlasEmulator;
const uri = serverlessPath("orders", "5f4e3d2c1b0a998877665544");

/** Sends an unauthenticated request and returns the challenge it gets. */
async function challenge(target: AtlasEmulator = emulator): Promise<HttpAnswer> {
    const answer = await http(`${target.url}${uri}`, { headers: { Accept: SERVERLESS_ACCEPT } });
    expect(answer.status).toBe(401);
    return answer;
}

/** Sends a request signed with the hand-written client. */
function signed(target: AtlasEmulator, authorization: string, path = uri): Promise<HttpAnswer> {
    return http(`${target.url}${path}`, { headers: { Accept: SERVERLESS_ACCEPT, Authorization: authorization } });
}

beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe("with curl --digest", () => {
    test("reads a seeded serverless snapshot, serving 2023-01-01 for a 2023-02-01 Accept", async () => {
        const answer = await curl([
            "--digest",
            "-u",
            `${API_KEY.publicKey}:${API_KEY.privateKey}`,
            "-H",
            "Accept: application/vnd.atlas.2023-02-01+json",
            `${emulator.url}${uri}`,
        ]);
        expect(answer.status).toBe(200);
        expect(headerValue(answer.headers, "Content-Type")).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
        expect(JSON.parse(answer.body)).toMatchObject({ id: "5f4e3d2c1b0a998877665544", status: "completed" });
    });

    test("asks for a version older than the resource and gets 406 INVALID_VERSION_DATE", async () => {
        const answer = await curl([
            "--digest",
            "-u",
            `${API_KEY.publicKey}:${API_KEY.privateKey}`,
            "-H",
            "Accept: application/vnd.atlas.2022-01-01+json",
            `${emulator.url}${uri}`,
        ]);
        expect(answer.status).toBe(406);
        expect(JSON.parse(answer.body)).toMatchObject({ error: 406, errorCode: "INVALID_VERSION_DATE" });
        expect(headerValue(answer.headers, "X-Error-Code")).toBe("INVALID_VERSION_DATE");
    });

    test("with a wrong key gets 401 and Atlas's exact challenge", async () => {
        const answer = await curl(["--digest", "-u", `${API_KEY.publicKey}:wrong`, `${emulator.url}${uri}`]);
        expect(answer.status).toBe(401);
        expect(headerValue(answer.headers, "WWW-Authenticate")).toMatch(ATLAS_CHALLENGE);
        expect(JSON.parse(answer.body)).toEqual({
            detail: "You are not authorized for this resource.",
            error: 401,
            errorCode: "UNEXPECTED_ERROR",
            reason: "Unauthorized",
        });
    });

    test("with a key limited to another project gets 403 USER_UNAUTHORIZED, and 404s inside its own", async () => {
        const auth = [
            "--digest",
            "-u",
            `${LIMITED_KEY.publicKey}:${LIMITED_KEY.privateKey}`,
            "-H",
            `Accept: ${SERVERLESS_ACCEPT}`,
        ];
        const elsewhere = await curl([...auth, `${emulator.url}${serverlessPath("orders", undefined, PROJECT_ID)}`]);
        expect(elsewhere.status).toBe(403);
        expect(JSON.parse(elsewhere.body)).toMatchObject({ error: 403, errorCode: "USER_UNAUTHORIZED" });
        expect(JSON.parse(elsewhere.body).detail).toContain("Project Read Only");

        const own = await curl([...auth, `${emulator.url}${serverlessPath("orders", undefined, EMPTY_PROJECT_ID)}`]);
        expect(own.status).toBe(404);
        expect(JSON.parse(own.body).errorCode).toBe("SERVERLESS_INSTANCE_NOT_FOUND");
    });
});

describe("without credentials", () => {
    test("the 401 carries exactly one MD5 challenge with a 32-character nonce", async () => {
        const answer = await challenge();
        expect(answer.headerLists["www-authenticate"]).toHaveLength(1);
        expect(answer.headers["www-authenticate"]).toMatch(ATLAS_CHALLENGE);
        expect(parseChallenge(answer.headers["www-authenticate"] ?? "").nonce).toHaveLength(32);
    });

    test("Basic credentials are not accepted on API routes", async () => {
        const basicAuth = `Basic ${Buffer.from(`${API_KEY.publicKey}:${API_KEY.privateKey}`).toString("base64")}`;
        const answer = await signed(emulator, basicAuth);
        expect(answer.status).toBe(401);
        expect(answer.headers["www-authenticate"]).toMatch(ATLAS_CHALLENGE);
    });
});

describe("nonce reuse", () => {
    test("a nonce serves several requests while nc grows", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        for (const nc of [1, 2, 3]) {
            const answer = await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc, uri }));
            expect(answer.status).toBe(200);
        }
    });

    test("nc may skip ahead", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        expect(
            (await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri }))).status,
        ).toBe(200);
        expect(
            (await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 9, uri }))).status,
        ).toBe(200);
    });

    test("counts used out of order are accepted, as concurrent requests on one nonce arrive", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        const statuses: number[] = [];
        for (const nc of [3, 1, 2]) {
            statuses.push(
                (await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc, uri }))).status,
            );
        }

        expect(statuses).toEqual([200, 200, 200]);
    });

    test("a replayed nc is refused with a fresh, non-stale challenge", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri }));
        await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 2, uri }));

        const replay = await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 2, uri }));

        expect(replay.status).toBe(401);
        const fresh = parseChallenge(replay.headers["www-authenticate"] ?? "");
        expect(fresh.stale).toBe(false);
        expect(fresh.nonce).not.toBe(nonce);
    });

    test("staleNonces() makes the next use of an old nonce answer stale=true, and the new nonce works", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        expect(
            (await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri }))).status,
        ).toBe(200);

        emulator.staleNonces();
        const stale = await signed(emulator, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 2, uri }));

        expect(stale.status).toBe(401);
        expect(stale.headers["www-authenticate"]).toMatch(/, stale=true$/);
        const fresh = parseChallenge(stale.headers["www-authenticate"] ?? "");
        const retry = await signed(
            emulator,
            digestHeader({ algorithm: "MD5", key: API_KEY, nonce: fresh.nonce, nc: 1, uri }),
        );
        expect(retry.status).toBe(200);
    });

    test("a nonce older than nonceTtlMs answers stale=true", async () => {
        const shortLived = await startEmulator({ nonceTtlMs: 100 });
        try {
            const { nonce } = parseChallenge((await challenge(shortLived)).headers["www-authenticate"] ?? "");
            await new Promise((resolve) => setTimeout(resolve, 150));
            const answer = await signed(
                shortLived,
                digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri }),
            );
            expect(answer.status).toBe(401);
            expect(parseChallenge(answer.headers["www-authenticate"] ?? "").stale).toBe(true);
        } finally {
            await shortLived.close();
        }
    });

    test("a nonce the emulator never issued answers stale=false", async () => {
        const answer = await signed(
            emulator,
            digestHeader({ algorithm: "MD5", key: API_KEY, nonce: "bm90LWlzc3VlZC1ieS10aGUtZW11bGF0b3I=", nc: 1, uri }),
        );
        expect(answer.status).toBe(401);
        expect(parseChallenge(answer.headers["www-authenticate"] ?? "").stale).toBe(false);
    });

    test("a wrong private key answers stale=false", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        const wrongKey = { publicKey: API_KEY.publicKey, privateKey: "not-the-key" };
        const answer = await signed(emulator, digestHeader({ algorithm: "MD5", key: wrongKey, nonce, nc: 1, uri }));
        expect(answer.status).toBe(401);
        expect(parseChallenge(answer.headers["www-authenticate"] ?? "").stale).toBe(false);
    });

    test("a response signed for another uri is refused", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        const header = digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri: serverlessPath("orders") });
        expect((await signed(emulator, header)).status).toBe(401);
    });

    test("the uri signed includes the query string", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        const withQuery = `${serverlessPath("orders")}?itemsPerPage=2&pretty=true`;
        const answer = await signed(
            emulator,
            digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri: withQuery }),
            withQuery,
        );
        expect(answer.status).toBe(200);
        expect(answer.json.results).toHaveLength(2);
    });
});

describe("SHA-256", () => {
    test("when offered, SHA-256 is challenged first in its own header and accepted, and MD5 still works", async () => {
        const both = await startEmulator({ digestAlgorithms: ["MD5", "SHA-256"] });
        try {
            const first = await challenge(both);
            const challenges = first.headerLists["www-authenticate"];
            expect(challenges).toHaveLength(2);
            expect(parseChallenge(challenges[0]).algorithm).toBe("SHA-256");
            expect(parseChallenge(challenges[1]).algorithm).toBe("MD5");

            const { nonce } = parseChallenge(challenges[0]);
            expect(
                (await signed(both, digestHeader({ algorithm: "SHA-256", key: API_KEY, nonce, nc: 1, uri }))).status,
            ).toBe(200);
            expect(
                (await signed(both, digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 2, uri }))).status,
            ).toBe(200);
        } finally {
            await both.close();
        }
    });

    test("when not offered (the Atlas default), a SHA-256 response is refused", async () => {
        const { nonce } = parseChallenge((await challenge()).headers["www-authenticate"] ?? "");
        const answer = await signed(emulator, digestHeader({ algorithm: "SHA-256", key: API_KEY, nonce, nc: 1, uri }));
        expect(answer.status).toBe(401);
    });
});
