// Where MongoDB's own clients found the emulator answering differently from Atlas, the emulator now answers as
// the recorded Atlas responses (/work/shared/atlas/recorded-http-responses.txt in the contract) show.
import { startEmulator, type AtlasEmulator, type Seed } from "../../emulator";
import {
    API_KEY,
    EMPTY_PROJECT_ID,
    FLEX_ACCEPT,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    SERVICE_ACCOUNT,
    UNKNOWN_PROJECT_ID,
    digestHeader,
    expectValid,
    flexPath,
    getWithToken,
    http,
    issueToken,
    parseChallenge,
    serverlessPath,
    validate,
    type HttpAnswer,
} from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

useEmulatorWithToken();

/** The value of a header whose name was written exactly so, or undefined. */
function rawHeader(answer: HttpAnswer, name: string): string | undefined {
    const at = answer.rawHeaders.findIndex((candidate, index) => index % 2 === 0 && candidate === name);
    return at < 0 ? undefined : answer.rawHeaders[at + 1];
}

/** The header names of an answer, lowercased, without those HTTP/1.1 adds per connection. */
function headerNames(answer: HttpAnswer): string[] {
    const transport = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
    return Object.keys(answer.headers)
        .filter((name) => !transport.has(name))
        .sort();
}

describe("Flex snapshots carry no links of their own", () => {
    test("a single Flex snapshot has exactly the recorded fields, in the recorded order, and no links", async () => {
        const answer = await getWithToken(
            emulator,
            flexPath("payments", "6a6f78e0cab84da5c4476b25"),
            token,
            FLEX_ACCEPT,
        );

        expect(answer.status).toBe(200);
        // The recorded GET body: {"expiration", "finishTime", "id", "mongoDBVersion", "scheduledTime", "startTime", "status"}.
        expect(Object.keys(answer.json)).toEqual([
            "expiration",
            "finishTime",
            "id",
            "mongoDBVersion",
            "scheduledTime",
            "startTime",
            "status",
        ]);
        expectValid(validate.flex, answer.json);
    });

    test("a Flex list page has page-level links only: a self link, and no links on its results", async () => {
        const answer = await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT);

        expect(answer.status).toBe(200);
        expect(Object.keys(answer.json)).toEqual(["links", "results", "totalCount"]);
        expect(answer.json.links).toEqual([
            {
                href: `${emulator.url}${flexPath("payments")}?includeCount=true&pageNum=1&itemsPerPage=100`,
                rel: "self",
            },
        ]);
        expect(answer.json.results).toHaveLength(4);
        for (const snapshot of answer.json.results) expect(snapshot).not.toHaveProperty("links");
        expectValid(validate.flexPage, answer.json);
    });

    test("an enveloped Flex snapshot has no links either", async () => {
        const answer = await getWithToken(
            emulator,
            `${flexPath("inventory", "6a7944f22c88faeba59d3572")}?envelope=true`,
            token,
            FLEX_ACCEPT,
        );
        expect(answer.json.status).toBe(200);
        expect(answer.json.content).not.toHaveProperty("links");
    });

    test("serverless snapshots keep their self link, as ServerlessBackupSnapshot declares", async () => {
        const single = await getWithToken(emulator, serverlessPath("inventory", "6a7944f22c88faeba59d3572"), token);
        expect(single.json.links).toEqual([
            { href: `${emulator.url}${serverlessPath("inventory", "6a7944f22c88faeba59d3572")}`, rel: "self" },
        ]);
    });
});

describe("the Digest challenge's 401", () => {
    // Verbatim from the recording, Jackson's indentation included: 142 bytes, its Content-Length.
    const RECORDED_BODY =
        '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource.",\n' +
        '  "errorCode" : "UNEXPECTED_ERROR"\n}';

    test.each([
        ["a Flex list", flexPath("payments")],
        ["a serverless snapshot", serverlessPath("orders", "5f4e3d2c1b0a998877665544")],
        ["an unknown API path", "/api/atlas/v2/groups"],
    ])("for %s is the recorded body and header set, without X-Error-Code", async (_what, path) => {
        const answer = await http(`${emulator.url}${path}`, { headers: { Accept: FLEX_ACCEPT } });

        expect(answer.status).toBe(401);
        expect(answer.text).toBe(RECORDED_BODY);
        expect(answer.headers["content-length"]).toBe("142");
        expect(answer.headers["content-type"]).toBe("application/json");
        expect(answer.headers.vary).toBe("Accept-Encoding");
        expect(answer.headers["www-authenticate"]).toMatch(
            /^Digest realm="MMS Public API", domain="", nonce="[^"]{32}", algorithm=MD5, qop="auth", stale=false$/,
        );
        // Recorded: Content-Length, Content-Type, Vary, Www-Authenticate, plus Date, Server and a proxy header.
        expect(headerNames(answer)).toEqual(["content-length", "content-type", "vary", "www-authenticate"]);
        expectValid(validate.apiError, answer.json);
    });

    test("pretty=true does not change the recorded body", async () => {
        const answer = await http(`${emulator.url}${flexPath("payments")}?pretty=true`);
        expect(answer.text).toBe(RECORDED_BODY);
    });

    test("a refused bearer token gets the same shape, with its own detail", async () => {
        const answer = await getWithToken(emulator, flexPath("payments"), "made-up-token", FLEX_ACCEPT);

        expect(answer.status).toBe(401);
        expect(Object.keys(answer.json)).toEqual(["error", "reason", "detail", "errorCode"]);
        expect(answer.json).toMatchObject({ error: 401, reason: "Unauthorized", errorCode: "UNEXPECTED_ERROR" });
        expect(answer.headers).not.toHaveProperty("x-error-code");
        expect(answer.headers["www-authenticate"]).toMatch(/^Digest /);
    });
});

describe("every /api/atlas/v2 path is authenticated before it is routed", () => {
    const UNROUTED: [string, string, string][] = [
        ["an unknown path", "GET", "/api/atlas/v2/groups"],
        ["an unknown resource", "GET", `/api/atlas/v2/groups/${PROJECT_ID}/clusters/analytics/backup/snapshots`],
        ["the API root", "GET", "/api/atlas/v2"],
        ["a wrong method", "DELETE", flexPath("payments")],
        ["a write", "POST", serverlessPath("orders")],
        ["a malformed snapshot id", "GET", flexPath("payments", "NOT-AN-ID")],
        ["a malformed project id", "GET", flexPath("payments", undefined, "32b6e34b")],
    ];

    test.each(UNROUTED)("%s without a credential draws the challenge", async (_what, method, path) => {
        const answer = await http(`${emulator.url}${path}`, { method });

        expect(answer.status).toBe(401);
        expect(answer.headers["www-authenticate"]).toMatch(/^Digest realm="MMS Public API"/);
        expect(answer.headers).not.toHaveProperty("allow");
    });

    test.each(UNROUTED)("%s with a refused token draws the challenge", async (_what, method, path) => {
        const answer = await http(`${emulator.url}${path}`, {
            method,
            headers: { Authorization: "Bearer made-up-token" },
        });
        expect(answer.status).toBe(401);
    });

    test.each([
        ["an unknown path", "GET", "/api/atlas/v2/groups", 404, "RESOURCE_NOT_FOUND"],
        ["the API root", "GET", "/api/atlas/v2", 404, "RESOURCE_NOT_FOUND"],
        ["a wrong method", "DELETE", flexPath("payments"), 405, "METHOD_NOT_ALLOWED"],
        ["a malformed snapshot id", "GET", flexPath("payments", "NOT-AN-ID"), 400, "INVALID_PARAMETER"],
    ])("%s with a valid token gets the routing answer", async (_what, method, path, status, errorCode) => {
        const answer = await http(`${emulator.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });

        expect(answer.status).toBe(status);
        expect(answer.json.errorCode).toBe(errorCode);
        expect(answer.headers["x-error-code"]).toBe(errorCode);
        expectValid(validate.apiError, answer.json);
    });

    test("an API key answers the challenge of an unknown path and then gets its 404", async () => {
        const path = `/api/atlas/v2/groups/${PROJECT_ID}/clusters`;
        const challenge = await http(`${emulator.url}${path}`);
        expect(challenge.status).toBe(401);

        const { nonce } = parseChallenge(challenge.headers["www-authenticate"] as string);
        const answer = await http(`${emulator.url}${path}`, {
            headers: { Authorization: digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc: 1, uri: path }) },
        });

        expect(answer.status).toBe(404);
        expect(answer.json.errorCode).toBe("RESOURCE_NOT_FOUND");
    });

    test("a path outside the Admin API is not challenged", async () => {
        const answer = await http(`${emulator.url}/nowhere`);
        expect(answer.status).toBe(404);
        expect(answer.headers).not.toHaveProperty("www-authenticate");
    });
});

describe("Ratelimit headers", () => {
    let fresh: AtlasEmulator;
    let freshToken: string;

    beforeEach(async () => {
        fresh = await startEmulator();
        freshToken = await issueToken(fresh, SERVICE_ACCOUNT);
    });
    afterEach(() => fresh.close());

    test("API answers carry Ratelimit-Limit 1200 and a Ratelimit-Remaining that counts down, spelled as recorded", async () => {
        const list = await getWithToken(fresh, flexPath("payments"), freshToken, FLEX_ACCEPT);
        const single = await getWithToken(
            fresh,
            flexPath("payments", "6a6f78e0cab84da5c4476b25"),
            freshToken,
            FLEX_ACCEPT,
        );

        // Recorded: the list answered 1199, the GET after it 1198.
        expect([rawHeader(list, "Ratelimit-Limit"), rawHeader(list, "Ratelimit-Remaining")]).toEqual(["1200", "1199"]);
        expect([rawHeader(single, "Ratelimit-Limit"), rawHeader(single, "Ratelimit-Remaining")]).toEqual([
            "1200",
            "1198",
        ]);
    });

    test("errors of a route in an existing project carry them too, as the recorded 400 and 404 do", async () => {
        const nonFlex = await getWithToken(
            fresh,
            flexPath("orders", "6a7944f22c88faeba59d3572"),
            freshToken,
            FLEX_ACCEPT,
        );
        const missing = await getWithToken(fresh, flexPath("cluster-833"), freshToken, FLEX_ACCEPT);
        const serverless = await getWithToken(fresh, serverlessPath("orders"), freshToken, SERVERLESS_ACCEPT);

        expect([nonFlex.status, missing.status, serverless.status]).toEqual([400, 404, 200]);
        expect([nonFlex, missing, serverless].map((answer) => rawHeader(answer, "Ratelimit-Remaining"))).toEqual([
            "1199",
            "1198",
            "1197",
        ]);
    });

    test("each project is counted on its own", async () => {
        await getWithToken(fresh, flexPath("payments"), freshToken, FLEX_ACCEPT);
        const other = await getWithToken(
            fresh,
            flexPath("payments", undefined, EMPTY_PROJECT_ID),
            freshToken,
            FLEX_ACCEPT,
        );

        expect(other.status).toBe(404);
        expect(rawHeader(other, "Ratelimit-Remaining")).toBe("1199");
    });

    test("the challenge, an unknown project and an unrouted path carry none, as recorded", async () => {
        const answers = [
            await http(`${fresh.url}${flexPath("payments")}`),
            await getWithToken(fresh, flexPath("payments", undefined, UNKNOWN_PROJECT_ID), freshToken, FLEX_ACCEPT),
            await getWithToken(fresh, "/api/atlas/v2/groups", freshToken),
        ];

        expect(answers.map((answer) => answer.status)).toEqual([401, 404, 404]);
        for (const answer of answers) {
            expect(answer.headers).not.toHaveProperty("ratelimit-limit");
            expect(answer.headers).not.toHaveProperty("ratelimit-remaining");
        }
    });
});

describe("lists are oldest first, on every page", () => {
    /** Walks every page of a list, two snapshots a page, and returns the pages' results. */
    async function pages(on: AtlasEmulator, path: string, accept: string, bearer: string): Promise<unknown[][]> {
        const found: unknown[][] = [];
        for (let pageNum = 1; ; pageNum++) {
            const answer = await getWithToken(on, `${path}?itemsPerPage=2&pageNum=${pageNum}`, bearer, accept);
            expect(answer.status).toBe(200);
            if (answer.json.results.length === 0) return found;
            found.push(answer.json.results);
        }
    }

    test.each([
        [
            "serverless orders",
            serverlessPath("orders"),
            SERVERLESS_ACCEPT,
            "createdAt",
            // createdAt now-20d, now-3d, now-30h, now-6h, now-10m (seeded in another order).
            [
                "5f4e3d2c1b0a998877665548",
                "5f4e3d2c1b0a998877665547",
                "5f4e3d2c1b0a998877665545",
                "5f4e3d2c1b0a998877665544",
                "5f4e3d2c1b0a998877665546",
            ],
        ],
        [
            "Flex payments",
            flexPath("payments"),
            FLEX_ACCEPT,
            "scheduledTime",
            [
                "6a70ca6904d982bb549e2a3a",
                "6a6f78e0cab84da5c4476b25",
                "6a721bebc2973a98f1546fc4",
                "6a736d658d9c11303b1c20d4",
            ],
        ],
        [
            "migrated inventory on the Flex route",
            flexPath("inventory"),
            FLEX_ACCEPT,
            "scheduledTime",
            ["6a7944f22c88faeba59d3573", "6a7944f22c88faeba59d3572", "6a7944f22c88faeba59d3574"],
        ],
        [
            "migrated inventory on the serverless route",
            serverlessPath("inventory"),
            SERVERLESS_ACCEPT,
            "createdAt",
            ["6a7944f22c88faeba59d3573", "6a7944f22c88faeba59d3572", "6a7944f22c88faeba59d3574"],
        ],
    ])("%s pages in ascending creation order", async (_what, path, accept, timeField, expectedIds) => {
        const results = (await pages(emulator, path, accept, token)) as Record<string, string>[][];

        const all = results.flat();
        expect(all.map((snapshot) => snapshot.id)).toEqual(expectedIds);
        const times = all.map((snapshot) => Date.parse(snapshot[timeField]));
        for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    });

    test("a snapshot without a creation time is placed by the time in its ObjectId, as Atlas's ids encode it", async () => {
        // 6a6f78e0 is 2026-08-02T17:05:36Z, between the two dated snapshots.
        const seed: Seed = {
            credentials: { serviceAccounts: [SERVICE_ACCOUNT] },
            projects: [
                {
                    id: PROJECT_ID,
                    serverlessInstances: [
                        {
                            name: "orders",
                            snapshots: [
                                {
                                    id: "6a7944f22c88faeba59d3572",
                                    createdAt: "2026-08-10T00:00:00Z",
                                    status: "completed",
                                },
                                { id: "6a6f78e0cab84da5c4476b25", status: "queued" },
                                {
                                    id: "6a7944f22c88faeba59d3573",
                                    createdAt: "2026-08-01T00:00:00Z",
                                    status: "completed",
                                },
                            ],
                        },
                    ],
                },
            ],
        };
        const seeded = await startEmulator({ seed });
        try {
            const seededToken = await issueToken(seeded);
            const results = (await pages(seeded, serverlessPath("orders"), SERVERLESS_ACCEPT, seededToken)).flat();
            expect(results.map((snapshot) => (snapshot as { id: string }).id)).toEqual([
                "6a7944f22c88faeba59d3573",
                "6a6f78e0cab84da5c4476b25",
                "6a7944f22c88faeba59d3572",
            ]);
        } finally {
            await seeded.close();
        }
    });
});
