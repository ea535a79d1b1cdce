// The Atlas client's own bounds, over real HTTP against the emulator's faults: how many attempts each failure
// earns, what each one is reported as, and what the client refuses to read.
import * as http from "http";
import * as net from "net";
import { AtlasClient } from "../../provider/atlas/client";
import { AtlasRequestError } from "../../provider/atlas/failure";
import { USER_AGENT } from "../../provider/atlas/http";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { ClientSettings, Credentials } from "../../provider/atlas/settings";
import { SEED } from "../e2e/programs";
import { apiKey, emulator, emulatorClient, serviceAccount, useEmulator } from "../helpers/emulatorFixture";

useEmulator();

/** A client with short limits, so every bound below is reached in well under a second. */
function client(overrides: Partial<ClientSettings> = {}, credentials: Credentials = serviceAccount): AtlasClient {
    return emulatorClient({ requestTimeoutMs: 400, maxAttempts: 3, maxRetryDelayMs: 100, credentials, ...overrides });
}

const readFlex = (atlas: AtlasClient) => atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);

/** The error a read fails with; fails the test when the read succeeds. */
async function failureOfRead(read: Promise<unknown>): Promise<AtlasRequestError> {
    try {
        await read;
    } catch (error) {
        expect(error).toBeInstanceOf(AtlasRequestError);
        return error as AtlasRequestError;
    }
    throw new Error("expected the read to fail, but it succeeded");
}

function snapshotGets() {
    return emulator.requests().filter((r) => r.route === "flexSnapshot");
}

const flexPath = `/api/atlas/v2/groups/${SEED.projectId}/flexClusters/${SEED.flexCluster}/backup/snapshots/${SEED.flexSnapshot}`;

describe("retries", () => {
    test("a 503 on every attempt is tried maxAttempts times, then reported as Atlas's 503 with the attempts", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 503, times: Infinity });

        const error = await failureOfRead(readFlex(client({ maxAttempts: 3 })));

        expect(error.failure).toMatchObject({ kind: "http", status: 503, errorCode: "SERVICE_UNAVAILABLE" });
        expect(error.attempts).toBe(3);
        expect(error.request).toStrictEqual({ method: "GET", host: new URL(emulator.url).host, path: flexPath });
        expect(snapshotGets()).toHaveLength(3);
    });

    test("a single allowed attempt is never retried", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 500, times: Infinity });

        const error = await failureOfRead(readFlex(client({ maxAttempts: 1 })));

        expect(error.attempts).toBe(1);
        expect(snapshotGets()).toHaveLength(1);
    });

    test("a reset connection is retried, and the next answer is read", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "reset" });

        const answer = await readFlex(client());

        expect(answer.snapshot.id).toBe(SEED.flexSnapshot);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("a 429 whose Retry-After is past the rate-limit budget fails at once, after one attempt", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, retryAfter: 2, times: Infinity });

        const error = await failureOfRead(readFlex(client({ maxRetryDelayMs: 100, rateLimitBudgetMs: 1_000 })));

        expect(error.failure).toMatchObject({
            kind: "http",
            status: 429,
            retryAfterSeconds: 2,
            rateLimit: { waitedMs: 0, budgetMs: 1_000, refusals: 1 },
        });
        expect(snapshotGets()).toHaveLength(1);
    });

    test("a 404 is not retried", async () => {
        const error = await failureOfRead(
            client().getSnapshot("flex", SEED.projectId, "no-such-cluster", SEED.flexSnapshot),
        );

        expect(error.failure).toMatchObject({ kind: "http", status: 404, errorCode: "CLUSTER_NOT_FOUND" });
        expect(error.attempts).toBe(1);
    });
});

describe("the deadline of each attempt", () => {
    test("an answer that never comes fails as a timeout of the configured length, after every attempt", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "hang", times: Infinity });

        const error = await failureOfRead(readFlex(client({ requestTimeoutMs: 300, maxAttempts: 2 })));

        expect(error.failure).toStrictEqual({ kind: "timeout", timeoutMs: 300 });
        expect(error.attempts).toBe(2);
        expect(error.message).toMatch(/no answer within 0.3 s/);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("an attempt that timed out is followed by one with its own full deadline, which reads the answer", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "hang" });

        const answer = await readFlex(client({ requestTimeoutMs: 1_000 }));

        expect(answer.snapshot.id).toBe(SEED.flexSnapshot);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("a body that keeps trickling in is cut off at the deadline and fails as a timeout", async () => {
        // 8 bytes every 50 ms: the socket is never idle, yet the whole answer would take tens of seconds.
        emulator.inject({ route: "flexSnapshot", kind: "trickle", ms: 50, times: Infinity });

        const error = await failureOfRead(readFlex(client({ requestTimeoutMs: 400, maxAttempts: 2 })));

        expect(error.failure).toStrictEqual({ kind: "timeout", timeoutMs: 400 });
        expect(error.attempts).toBe(2);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("a trickle on the first attempt is retried, and the next answer is read", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "trickle", ms: 50 });

        const answer = await readFlex(client({ requestTimeoutMs: 1_000 }));

        expect(answer.snapshot.id).toBe(SEED.flexSnapshot);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("an answer that arrives in time, slowly, is read whole", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "latency", ms: 150 });

        const answer = await readFlex(client({ requestTimeoutMs: 5_000 }));

        expect(answer.snapshot.id).toBe(SEED.flexSnapshot);
        expect(snapshotGets()).toHaveLength(1);
    });
});

describe("answers the client will not read", () => {
    test.each([301, 302, 307])("a %d is neither followed nor retried, and names where it pointed", async (status) => {
        emulator.inject({
            route: "flexSnapshot",
            kind: "redirect",
            status,
            location: "https://elsewhere.example.net/login?token=abc",
            times: Infinity,
        });

        const error = await failureOfRead(readFlex(client()));

        expect(error.failure).toStrictEqual({ kind: "redirect", status, locationHost: "elsewhere.example.net" });
        expect(error.attempts).toBe(1);
        expect(error.message).not.toContain("token=abc");
        expect(snapshotGets()).toHaveLength(1);
    });

    test("a 300 is a redirect too, never taken for a success", async () => {
        emulator.inject({
            route: "flexSnapshot",
            kind: "body",
            status: 300,
            body: { id: SEED.flexSnapshot, status: "COMPLETED" },
            times: Infinity,
        });

        const error = await failureOfRead(readFlex(client()));

        expect(error.failure).toMatchObject({ kind: "redirect", status: 300 });
        expect(snapshotGets()).toHaveLength(1);
    });

    test("an answer past the size bound fails at once as an unexpected answer", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "oversized", bytes: 5 * 1024 * 1024, times: Infinity });

        const error = await failureOfRead(readFlex(client({ requestTimeoutMs: 5_000 })));

        expect(error.failure).toMatchObject({ kind: "unexpected", status: 200 });
        expect(error.message).toMatch(/larger than 4 MiB \(4194304 bytes\)/);
        expect(error.attempts).toBe(1);
        expect(snapshotGets()).toHaveLength(1);
    });

    test("a body cut short on every attempt is retried, then reported as truncated", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "truncated", times: Infinity });

        const error = await failureOfRead(readFlex(client({ maxAttempts: 2 })));

        expect(error.failure).toMatchObject({ kind: "unexpected", problem: expect.stringMatching(/truncated body/) });
        expect(error.attempts).toBe(2);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("a page that is not JSON is not retried, and is named by its Content-Type and first characters", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "html", times: Infinity });

        const error = await failureOfRead(readFlex(client()));

        expect(error.failure).toMatchObject({
            kind: "unexpected",
            status: 200,
            problem: "the body is not JSON (Content-Type text/html;charset=utf-8)",
            excerpt: expect.stringMatching(/^</),
        });
        expect(error.attempts).toBe(1);
        expect(snapshotGets()).toHaveLength(1);
    });

    test("a body that breaks the schema names the first field at fault and shows what came", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: { id: SEED.flexSnapshot, status: "DONE" } });

        const error = await failureOfRead(readFlex(client()));

        expect(error.failure).toMatchObject({
            kind: "unexpected",
            status: 200,
            problem: expect.stringMatching(/^the body does not match the API's schema \(status: /),
            excerpt: `{"id":"${SEED.flexSnapshot}","status":"DONE"}`,
        });
        expect(error.attempts).toBe(1);
    });

    test("a body that is not an object at all is named as the body", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: [1, 2] });

        const error = await failureOfRead(readFlex(client()));

        expect(error.failure).toMatchObject({
            kind: "unexpected",
            problem: expect.stringMatching(/^the body does not match the API's schema \(the body: /),
        });
    });
});

describe("envelope=true", () => {
    test("a list comes back whole from its envelope, page fields and all", async () => {
        const plain = await client().listSnapshots("flex", SEED.projectId, SEED.flexCluster);

        const enveloped = await client({ envelope: true }).listSnapshots("flex", SEED.projectId, SEED.flexCluster);

        expect(enveloped).toStrictEqual(plain);
        expect(enveloped.snapshots.length).toBeGreaterThan(0);
        expect(
            emulator.requests().filter((r) => r.route === "flexSnapshots" && r.query.envelope === "true"),
        ).toHaveLength(1);
    });

    test("a body without the envelope's numeric status is an unexpected answer that says so", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: { id: SEED.flexSnapshot, status: "COMPLETED" } });

        const error = await failureOfRead(readFlex(client({ envelope: true })));

        expect(error.failure).toStrictEqual({
            kind: "unexpected",
            problem: "envelope=true was asked for, but the body has no numeric `status`",
            excerpt: `{"id":"${SEED.flexSnapshot}","status":"COMPLETED"}`,
        });
    });

    test("without envelope=true the query never asks for one", async () => {
        await readFlex(client());

        expect(snapshotGets()[0].query).toStrictEqual({});
    });
});

describe("lists", () => {
    test("ask for the largest pages, with their count, one page number after another", async () => {
        await client().listSnapshots("serverless", SEED.projectId, SEED.serverlessInstance);

        const pages = emulator.requests().filter((r) => r.route === "serverlessSnapshots");
        expect(pages.map((r) => r.query)).toStrictEqual([{ pageNum: "1", itemsPerPage: "500", includeCount: "true" }]);
        expect(pages[0].accept).toBe("application/vnd.atlas.2023-01-01+json");
    });

    test("a list's page cap counts from the first page, and the request that hit it is named", async () => {
        for (const id of [SEED.flexSnapshot, "6b0000000000000000000001", "6b0000000000000000000002"]) {
            emulator.inject({
                route: "flexSnapshots",
                kind: "body",
                body: { results: [{ id }], links: [{ rel: "next", href: "x" }] },
            });
        }
        const atlas = new AtlasClient(
            { ...DEFAULT_LIMITS, baseUrl: emulator.url, credentials: serviceAccount },
            { maxPages: 2 },
        );

        const error = await failureOfRead(atlas.listSnapshots("flex", SEED.projectId, SEED.flexCluster));

        expect(error.failure).toMatchObject({
            kind: "unexpected",
            problem: expect.stringMatching(/within 2 pages of 500: .* \(2 snapshots read\)$/),
            excerpt: "",
        });
        expect(error.attempts).toBe(1);
        expect(error.request).toStrictEqual({
            method: "GET",
            host: new URL(emulator.url).host,
            path: `/api/atlas/v2/groups/${SEED.projectId}/flexClusters/${SEED.flexCluster}/backup/snapshots`,
        });
    });
});

describe("lists that bend the rules", () => {
    test("keep Atlas's count from an earlier page when a later one leaves it out", async () => {
        emulator.inject({
            route: "flexSnapshots",
            kind: "body",
            body: { results: [{ id: SEED.flexSnapshot }], links: [{ rel: "next", href: "x" }], totalCount: 9 },
        });
        emulator.inject({
            route: "flexSnapshots",
            kind: "body",
            body: { results: [{ id: "6b0000000000000000000001" }] },
        });

        const answer = await client().listSnapshots("flex", SEED.projectId, SEED.flexCluster);

        expect(answer.snapshots).toHaveLength(2);
        expect(answer.totalCount).toBe(9);
    });

    test("name the field at fault inside a page by its whole path", async () => {
        emulator.inject({
            route: "flexSnapshots",
            kind: "body",
            body: { results: [{ id: SEED.flexSnapshot }, { status: "DONE" }] },
        });

        const error = await failureOfRead(client().listSnapshots("flex", SEED.projectId, SEED.flexCluster));

        expect(error.failure).toMatchObject({
            kind: "unexpected",
            problem: expect.stringMatching(/\(results\.1\.status: /),
        });
    });
});

describe("concurrency", () => {
    test("never has more requests in flight than maxConcurrency, and uses every slot", async () => {
        const atlas = client({ maxConcurrency: 3, requestTimeoutMs: 5_000 });
        await readFlex(atlas); // the token, fetched before the count starts
        emulator.clearLog();
        emulator.inject({ route: "flexSnapshot", kind: "latency", ms: 250, times: Infinity });

        await Promise.all(Array.from({ length: 12 }, () => readFlex(atlas)));

        expect(emulator.peakConcurrency()).toBe(3);
        expect(snapshotGets()).toHaveLength(12);
    });
});

describe("digest recovery", () => {
    const staleChallenge =
        'Digest realm="MMS Public API", domain="", nonce="0123456789abcdef0123456789abcdef", algorithm=MD5, ' +
        'qop="auth", stale=true';

    test("a request is signed afresh at most twice: a 401 that keeps calling the nonce stale is then reported", async () => {
        const atlas = client({}, apiKey);
        await readFlex(atlas);
        emulator.clearLog();
        emulator.inject({
            route: "flexSnapshot",
            kind: "status",
            status: 401,
            headers: { "WWW-Authenticate": staleChallenge },
            times: Infinity,
        });

        const error = await failureOfRead(readFlex(atlas));

        expect(error.failure).toMatchObject({ kind: "http", status: 401 });
        expect(snapshotGets()).toHaveLength(3);
        expect(snapshotGets().every((r) => r.authScheme === "digest")).toBe(true);
    });

    test("reads that start together wait for the one learning the challenge; when it fails, the next learns it for the rest", async () => {
        const atlas = client({}, apiKey);
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 404, errorCode: "CLUSTER_NOT_FOUND" });

        const reads = await Promise.allSettled(Array.from({ length: 4 }, () => readFlex(atlas)));

        // The reads that waited all succeed. (The first fails on its 404, unless a dropped keep-alive socket had
        // it retried: then it learned the challenge itself.)
        expect(reads.slice(1).map((read) => read.status)).toStrictEqual(["fulfilled", "fulfilled", "fulfilled"]);
        const gets = snapshotGets();
        expect(gets[0]).toMatchObject({ status: 404, authScheme: "none" });
        expect(gets.filter((r) => r.status === 401)).toHaveLength(1);
    });
});

/** A plain HTTP server answering every request with `answer`, recording the headers of each. */
async function rawServer(answer: (res: http.ServerResponse) => void) {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
        seen.push(req.headers);
        answer(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
        seen,
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

const accessToken: Credentials = { kind: "accessToken", accessToken: "a-token", source: "test" };

describe("what every request carries", () => {
    test("the package's User-Agent, the version's Accept and the credential's Authorization", async () => {
        const server = await rawServer((res) => {
            res.writeHead(200, { "Content-Type": "application/vnd.atlas.2024-11-13+json" });
            res.end(JSON.stringify({ id: SEED.flexSnapshot, status: "COMPLETED" }));
        });
        try {
            const atlas = new AtlasClient({ ...DEFAULT_LIMITS, baseUrl: server.url, credentials: accessToken });

            await readFlex(atlas);

            expect(server.seen).toHaveLength(1);
            expect(server.seen[0]["user-agent"]).toBe(USER_AGENT);
            expect(USER_AGENT).toBe("pulumi-atlas-backup-snapshots");
            expect(server.seen[0].accept).toBe("application/vnd.atlas.2024-11-13+json");
            expect(server.seen[0].authorization).toBe("Bearer a-token");
            expect(atlas.counters).toStrictEqual({ requests: 1, tokensFetched: 0 });
        } finally {
            await server.close();
        }
    });
});

describe("an answer without a Content-Type", () => {
    test("that is not JSON says it had none", async () => {
        const server = await rawServer((res) => {
            res.removeHeader("Content-Type");
            res.writeHead(200);
            res.end("OK");
        });
        try {
            const atlas = new AtlasClient({ ...DEFAULT_LIMITS, baseUrl: server.url, credentials: accessToken });

            const error = await failureOfRead(readFlex(atlas));

            expect(error.failure).toStrictEqual({
                kind: "unexpected",
                status: 200,
                problem: "the body is not JSON (Content-Type none)",
                excerpt: "OK",
            });
        } finally {
            await server.close();
        }
    });
});
