// Every fault Atlas can throw at a read: each one recovered from, or a clear error, within a stated bound.
import * as http from "http";
import * as net from "net";
import { AtlasClient } from "../../provider/atlas/client";
import type { AtlasClientOptions } from "../../provider/atlas/client";
import { MAX_ANSWER_BYTES } from "../../provider/atlas/http";
import type { ClientSettings } from "../../provider/atlas/settings";
import { validateArgs } from "../../provider/snapshots/args";
import { readSnapshot } from "../../provider/snapshots/read";
import { SnapshotReadError } from "../../provider/snapshots/errors";
import { SEED } from "../e2e/programs";
import { emulator, emulatorClient, serviceAccount, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(60_000);

useEmulator();

/** A client with short limits, so the bounds below are quick to reach. */
function client(
    overrides: Partial<ClientSettings> = {},
    baseUrl = emulator.url,
    options: AtlasClientOptions = {},
): AtlasClient {
    return emulatorClient({ requestTimeoutMs: 500, maxRetryDelayMs: 5_000, baseUrl, ...overrides }, options);
}

const flexArgs = validateArgs({
    projectId: SEED.projectId,
    instanceName: SEED.flexCluster,
    snapshotId: SEED.flexSnapshot,
    api: "flex",
});

function snapshotGets() {
    return emulator.requests().filter((r) => r.route === "flexSnapshot");
}

async function timed<T>(action: () => Promise<T>): Promise<{ value?: T; error?: Error; ms: number }> {
    const started = Date.now();
    try {
        return { value: await action(), ms: Date.now() - started };
    } catch (error) {
        return { error: error as Error, ms: Date.now() - started };
    }
}

describe("rate limits", () => {
    test("429 with Retry-After: 2, then 200: succeeds after waiting at least 2 s, in two attempts", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, retryAfter: 2 });

        const result = await timed(() => readSnapshot(client(), flexArgs));

        expect(result.error).toBeUndefined();
        expect(result.value?.status).toBe("completed");
        expect(result.ms).toBeGreaterThanOrEqual(2_000);
        expect(snapshotGets().map((r) => r.status)).toEqual([429, 200]);
    });

    test("429 without any wait three times: MongoDB's doubling waits (10 s, 20 s, 40 s; here from 0.2 s), then success", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, times: 3 });

        const result = await timed(() =>
            readSnapshot(client({}, emulator.url, { firstRateLimitWaitMs: 200 }), flexArgs),
        );

        expect(result.error).toBeUndefined();
        const gets = snapshotGets();
        expect(gets.map((r) => r.status)).toEqual([429, 429, 429, 200]);
        const gaps = gets.slice(1).map((r, i) => Date.parse(r.time) - Date.parse(gets[i].time));
        // Jitter only adds to each wait.
        expect(gaps[0]).toBeGreaterThanOrEqual(190);
        expect(gaps[1]).toBeGreaterThanOrEqual(390);
        expect(gaps[2]).toBeGreaterThanOrEqual(790);
    });

    test("429 on every attempt: waits until the next wait would pass the budget, then one clear error", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, times: Infinity });

        const result = await timed(() =>
            readSnapshot(client({ rateLimitBudgetMs: 1_000 }, emulator.url, { firstRateLimitWaitMs: 200 }), flexArgs),
        );

        expect(result.error).toBeInstanceOf(SnapshotReadError);
        expect(result.error?.message).toMatch(/Atlas answered 429 RATE_LIMITED/);
        expect(result.error?.message).toContain(`GET /api/atlas/v2/groups/${SEED.projectId}/flexClusters/payments`);
        expect(result.error?.message).toMatch(/past the read's wait budget of 1 s \(1 s waited already, 3 × 429\)/);
        expect(result.error?.message).toMatch(/raise ATLAS_RATE_LIMIT_BUDGET/);
        // 0.2 s and 0.4 s waited; the next 0.8 s would pass the second the budget allows.
        expect(snapshotGets()).toHaveLength(3);
    });

    test("a Retry-After past the read's budget fails at once instead of stalling the preview", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, retryAfter: 3600 });

        const result = await timed(() => readSnapshot(client(), flexArgs));

        expect(result.error?.message).toMatch(/asks for 6\d min( \d+ s)? more, past the read's wait budget of 3 min/);
        expect(snapshotGets()).toHaveLength(1);
    });

    test("a Retry-After longer than ATLAS_MAX_RETRY_DELAY is waited out within the budget", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, retryAfter: 2 });

        const result = await timed(() => readSnapshot(client({ maxRetryDelayMs: 1_000 }), flexArgs));

        expect(result.error).toBeUndefined();
        expect(result.ms).toBeGreaterThanOrEqual(2_000);
        expect(snapshotGets().map((r) => r.status)).toEqual([429, 200]);
    });
});

describe("server errors", () => {
    test("500, 502, 503, 504, then 200: succeeds after retries", async () => {
        for (const status of [500, 502, 503, 504]) {
            emulator.inject({ route: "flexSnapshot", kind: "status", status });
        }

        const result = await timed(() => readSnapshot(client({ maxAttempts: 5, maxRetryDelayMs: 1_000 }), flexArgs));

        expect(result.error).toBeUndefined();
        expect(snapshotGets().map((r) => r.status)).toEqual([500, 502, 503, 504, 200]);
    });

    test("500 on every try: fails after the configured attempts with the status, errorCode and detail", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 500, times: Infinity });

        const result = await timed(() => readSnapshot(client({ maxAttempts: 2 }), flexArgs));

        expect(result.error?.message).toMatch(/Atlas answered 500 UNEXPECTED_ERROR/);
        expect(result.error?.message).toMatch(/Atlas failed after 2 attempts/);
        expect(snapshotGets()).toHaveLength(2);
    });

    test("a single attempt (ATLAS_MAX_ATTEMPTS=1) never retries", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 503 });

        const result = await timed(() => readSnapshot(client({ maxAttempts: 1 }), flexArgs));

        expect(result.error?.message).toMatch(/503/);
        expect(snapshotGets()).toHaveLength(1);
    });
});

describe("broken connections", () => {
    test("a reset connection is retried, then succeeds", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "reset" });

        const result = await timed(() => readSnapshot(client(), flexArgs));

        expect(result.error).toBeUndefined();
        expect(snapshotGets()).toHaveLength(2);
    });

    test("a connection reset on every attempt: a clear network error naming the host", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "reset", times: Infinity });

        const result = await timed(() => readSnapshot(client({ maxAttempts: 2 }), flexArgs));

        const host = new URL(emulator.url).host;
        expect(result.error?.message).toMatch(new RegExp(`connection failed \\(ECONNRESET\\)`));
        expect(result.error?.message).toContain(`Could not reach ${host} after 2 attempts`);
    });

    test("a refused connection is retried, then a clear network error naming the host", async () => {
        const closedPort = await new Promise<number>((resolve) => {
            const server = net.createServer();
            server.listen(0, "127.0.0.1", () => {
                const port = (server.address() as net.AddressInfo).port;
                server.close(() => resolve(port));
            });
        });

        const result = await timed(() =>
            readSnapshot(
                client({ maxAttempts: 2, credentials: { ...serviceAccount } }, `http://127.0.0.1:${closedPort}`),
                flexArgs,
            ),
        );

        expect(result.error?.message).toContain(`127.0.0.1:${closedPort}`);
        expect(result.error?.message).toMatch(/ECONNREFUSED/);
    });

    test("an answer that never comes times out on each attempt and fails within attempts × timeout + backoff", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "hang", times: Infinity });

        const result = await timed(() =>
            readSnapshot(client({ maxAttempts: 3, requestTimeoutMs: 300, maxRetryDelayMs: 1_000 }), flexArgs),
        );

        expect(result.error?.message).toMatch(/no answer within 0.3 s/);
        expect(result.error?.message).toMatch(/did not answer after 3 attempts/);
        expect(snapshotGets()).toHaveLength(3);
        // 3 × 300 ms plus backoff of at most 0.5 s + 1 s.
        expect(result.ms).toBeLessThan(3 * 300 + 1_500 + 1_000);
    });

    test("a timeout followed by an answer recovers", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "hang" });

        const result = await timed(() => readSnapshot(client({ requestTimeoutMs: 300 }), flexArgs));

        expect(result.error).toBeUndefined();
        expect(result.value?.status).toBe("completed");
    });
});

describe("answers that arrive too slowly", () => {
    test("a body trickling in after the headers ends each attempt at the request timeout, then fails as a timeout", async () => {
        // 1 KiB at 8 bytes a second: each attempt would read for over two minutes if only idleness counted.
        emulator.inject({ route: "flexSnapshot", kind: "trickle", times: Infinity });

        const result = await timed(() =>
            readSnapshot(client({ requestTimeoutMs: 2_000, maxAttempts: 2, maxRetryDelayMs: 1_000 }), flexArgs),
        );

        expect(result.error).toBeInstanceOf(SnapshotReadError);
        expect(result.error?.message).toMatch(/no answer within 2 s/);
        expect(result.error?.message).toMatch(/did not answer after 2 attempts/);
        expect(snapshotGets()).toHaveLength(2);
        // 2 attempts of 2 s and one backoff of at most 0.5 s, with room for a slow machine.
        expect(result.ms).toBeLessThan(2 * 2_000 + 500 + 5_000);
    });

    test("a trickle on the first attempt is retried like a timeout, and the next answer is read", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "trickle", bytes: 4, ms: 200 });

        const result = await timed(() => readSnapshot(client({ requestTimeoutMs: 1_000 }), flexArgs));

        expect(result.error).toBeUndefined();
        expect(result.value?.status).toBe("completed");
        expect(snapshotGets()).toHaveLength(2);
    });

    test("headers that come and a body that never follows time out like no answer at all", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "trickle", ms: 60_000, times: Infinity });

        const result = await timed(() => readSnapshot(client({ requestTimeoutMs: 300, maxAttempts: 2 }), flexArgs));

        expect(result.error?.message).toMatch(/no answer within 0.3 s/);
        expect(snapshotGets()).toHaveLength(2);
    });
});

describe("answers that are too large", () => {
    test("an answer past the bound is refused at once as an unexpected answer naming the bound", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "oversized", bytes: 5 * 1024 * 1024, times: Infinity });

        const result = await timed(() => readSnapshot(client({ requestTimeoutMs: 5_000 }), flexArgs));

        expect(result.error).toBeInstanceOf(SnapshotReadError);
        expect(result.error?.message).toMatch(
            /unexpected answer from Atlas \(HTTP 200\): the answer is larger than 4 MiB \(4194304 bytes\)/,
        );
        expect(snapshotGets()).toHaveLength(1);
    });

    test("an answer of exactly the bound is read", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "oversized", bytes: MAX_ANSWER_BYTES });

        const result = await timed(() => readSnapshot(client({ requestTimeoutMs: 5_000 }), flexArgs));

        expect(result.error).toBeUndefined();
        expect(result.value?.snapshotId).toBe(SEED.flexSnapshot);
    });

    test("an endless answer is read only up to about the bound before the connection is dropped", async () => {
        // A server that writes for as long as the client reads, counting what it handed to the socket.
        let written = 0;
        let closed: Promise<void> = Promise.resolve();
        const server = http.createServer((_req, res) => {
            closed = new Promise((resolve) => res.on("close", resolve));
            res.writeHead(200, { "Content-Type": "application/vnd.atlas.2024-11-13+json" });
            const chunk = Buffer.alloc(64 * 1024, " ");
            const pump = () => {
                let more = true;
                while (more && !res.destroyed) {
                    more = res.write(chunk);
                    written += chunk.length;
                }
            };
            res.on("drain", pump);
            pump();
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as net.AddressInfo;
        const heapBefore = process.memoryUsage().heapUsed;

        try {
            const atlas = client(
                {
                    requestTimeoutMs: 30_000,
                    credentials: { kind: "accessToken", accessToken: "test-token", source: "test" },
                },
                `http://127.0.0.1:${port}`,
            );
            const result = await timed(() => readSnapshot(atlas, flexArgs));
            await closed;

            expect(result.error?.message).toMatch(/larger than 4 MiB/);
            // The bound, plus what the two sockets' kernel buffers held when reading stopped.
            expect(written).toBeLessThan(MAX_ANSWER_BYTES + 16 * 1024 * 1024);
            expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
        } finally {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
        }
    });
});

describe("redirects", () => {
    test.each([301, 302, 307, 308])(
        "a %d fails at once, naming the status and the Location's host, and points at the base URL",
        async (status) => {
            emulator.inject({
                route: "flexSnapshot",
                kind: "redirect",
                status,
                location: "https://login.example.net/sso?token=do-not-show",
                times: Infinity,
            });

            const result = await timed(() => readSnapshot(client(), flexArgs));

            expect(result.error).toBeInstanceOf(SnapshotReadError);
            expect(result.error?.message).toContain(`Atlas answered ${status}, a redirect to login.example.net`);
            expect(result.error?.message).toMatch(/mongodbatlas:baseUrl or MONGODB_ATLAS_BASE_URL/);
            expect(result.error?.message).not.toMatch(/do-not-show|sso/);
            expect(snapshotGets()).toHaveLength(1);
        },
    );

    test("a redirect without a Location fails at once and says so", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "redirect", times: Infinity });

        const result = await timed(() => readSnapshot(client(), flexArgs));

        expect(result.error?.message).toContain("Atlas answered 302, a redirect without a usable Location header");
        expect(result.error?.message).not.toMatch(/truncated/);
        expect(snapshotGets()).toHaveLength(1);
    });
});

describe("answers that make no sense", () => {
    test.each([
        ["a truncated body", { kind: "truncated" as const }, /truncated body|not JSON/],
        ["HTML instead of JSON", { kind: "html" as const }, /not JSON \(Content-Type text\/html/],
        [
            "a field of the wrong type",
            { kind: "body" as const, body: { id: SEED.flexSnapshot, status: "COMPLETED", expiration: 42 } },
            /expiration/,
        ],
        [
            "a status outside the enum",
            { kind: "body" as const, body: { id: SEED.flexSnapshot, status: "DONE" } },
            /status/,
        ],
        ["JSON that is not an object", { kind: "body" as const, body: "[1,2,3]" }, /schema/],
    ])(
        "%s: a clear 'unexpected answer from Atlas' error, no crash, no undefined outputs",
        async (_name, fault, problem) => {
            emulator.inject({ route: "flexSnapshot", times: Infinity, ...fault });

            const result = await timed(() => readSnapshot(client({ maxAttempts: 2 }), flexArgs));

            expect(result.error).toBeInstanceOf(SnapshotReadError);
            expect(result.error?.message).toMatch(/unexpected answer from Atlas/);
            expect(result.error?.message).toMatch(problem);
            expect(result.error?.message.length).toBeLessThan(1_200);
            expect(result.value).toBeUndefined();
        },
    );
});

describe("the token endpoint", () => {
    test.each([429, 500, 503])("a %s from the token endpoint is retried", async (status) => {
        emulator.inject({ route: "token", kind: "status", status });

        const result = await timed(() => readSnapshot(client(), flexArgs));

        expect(result.error).toBeUndefined();
        expect(
            emulator
                .requests()
                .filter((r) => r.route === "token")
                .map((r) => r.status),
        ).toEqual([status, 200]);
    });

    test("a token endpoint that keeps failing gives an error naming the token endpoint", async () => {
        emulator.inject({ route: "token", kind: "status", status: 503, times: Infinity });

        const result = await timed(() => readSnapshot(client({ maxAttempts: 2 }), flexArgs));

        expect(result.error?.message).toMatch(
            /Atlas's token endpoint \(POST \/api\/oauth\/token\): Atlas answered 503/,
        );
    });

    test("500 reads in one process cost one token, far below the endpoint's 50 a minute", async () => {
        const atlas = client({ maxConcurrency: 16 });
        const ids = Array.from({ length: 500 }, () => flexArgs);

        const results = await Promise.all(ids.map((args) => readSnapshot(atlas, args)));

        expect(results.every((s) => s.status === "completed")).toBe(true);
        expect(emulator.requests().filter((r) => r.route === "token")).toHaveLength(1);
        // Reads of one snapshot that arrive together share the instance's list.
        expect(emulator.requests().filter((r) => r.route !== "token").length).toBeLessThanOrEqual(2);
    });
});

describe("concurrency", () => {
    // Reads that wait always send their own GET, so 500 of them are 500 requests for the bound to limit.
    const ownGets = validateArgs({
        projectId: SEED.projectId,
        instanceName: SEED.flexCluster,
        snapshotId: SEED.flexSnapshot,
        api: "flex",
        waitFor: { status: "completed" },
    });

    test.each([1, 16])("500 concurrent reads all succeed with at most %i requests in flight", async (limit) => {
        emulator.inject({ route: "flexSnapshot", kind: "latency", ms: 5, times: Infinity });
        const atlas = client({ maxConcurrency: limit });

        const results = await Promise.all(Array.from({ length: 500 }, () => readSnapshot(atlas, ownGets)));

        expect(results.filter((s) => s.status === "completed")).toHaveLength(500);
        expect(snapshotGets().filter((r) => r.status === 200)).toHaveLength(500);
        expect(emulator.peakConcurrency()).toBeLessThanOrEqual(limit);
        if (limit > 1) {
            expect(emulator.peakConcurrency()).toBeGreaterThan(1);
        }
    });
});
