// The client against the emulator's token buckets: it waits as Atlas asks, holds every read of the bucket once it
// is empty, and stops at its budget with the bucket's figures.
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { AtlasRequestError } from "../../provider/atlas/failure";
import { describeRateLimitWait } from "../../provider/atlas/rateLimitGate";
import type { RateLimitWait } from "../../provider/atlas/rateLimitGate";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { ClientSettings } from "../../provider/atlas/settings";
import { SEED } from "../e2e/programs";

jest.setTimeout(60_000);

let emulator: AtlasEmulator;

beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(() => emulator.close());
afterEach(() => emulator.setRateLimits(undefined));

const FLEX_SNAPSHOTS = [
    "6a6f78e0cab84da5c4476b25",
    "6a70ca6904d982bb549e2a3a",
    "6a721bebc2973a98f1546fc4",
    "6a736d658d9c11303b1c20d4",
];

function client(overrides: Partial<ClientSettings> = {}, waits: RateLimitWait[] = []): AtlasClient {
    return new AtlasClient(
        {
            ...DEFAULT_LIMITS,
            baseUrl: emulator.url,
            credentials: {
                kind: "serviceAccount",
                clientId: SEED.clientId,
                clientSecret: SEED.clientSecret,
                source: "test",
            },
            ...overrides,
        },
        {},
        { onWait: (wait) => waits.push(wait) },
    );
}

const flexRequests = () => emulator.requests().filter((r) => r.route === "flexSnapshot" || r.route === "flexSnapshots");

describe("a client under a token bucket", () => {
    test("reads past an empty bucket by waiting for each refill, with one 429 a refill at most", async () => {
        const waits: RateLimitWait[] = [];
        const atlas = client({}, waits);
        emulator.setRateLimits({ capacity: 2, refillRate: 2, refillDurationSeconds: 3 });
        emulator.clearLog();

        const answers = await Promise.all(
            [...FLEX_SNAPSHOTS, ...FLEX_SNAPSHOTS].map((id) =>
                atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, id),
            ),
        );

        expect(answers.map((answer) => answer.snapshot.id)).toEqual([...FLEX_SNAPSHOTS, ...FLEX_SNAPSHOTS]);
        const statuses = flexRequests().map((r) => r.status);
        expect(statuses.filter((status) => status === 200)).toHaveLength(8);
        // 8 reads from a bucket of 2 refilled by 2: three refills, each learnt by one 429 at most.
        expect(statuses.filter((status) => status === 429).length).toBeLessThanOrEqual(3);
        expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
        // No request between a 429 and the refill it named.
        const log = flexRequests();
        log.forEach((entry, index) => {
            if (entry.status !== 429 || index === log.length - 1) return;
            expect(Date.parse(log[index + 1].time) - Date.parse(entry.time)).toBeGreaterThanOrEqual(950);
        });
        expect(waits.length).toBeGreaterThanOrEqual(1);
        expect(waits[0]).toMatchObject({
            bucket: `Flex snapshot reads of project ${SEED.projectId}`,
            source: "Retry-After",
            figures: { capacity: 2, refillRate: 2, refillDurationSeconds: 3 },
        });
        expect(describeRateLimitWait(waits[0], "ATLAS_RATE_LIMIT_BUDGET")).toMatch(
            new RegExp(
                `^Atlas's rate limit of Flex snapshot reads of project ${SEED.projectId} is spent ` +
                    "\\(capacity 2, refill 2 per 3 s\\): waiting [1-4] s as Retry-After asks, then reading on " +
                    "\\(3 min of ATLAS_RATE_LIMIT_BUDGET 3 min left\\)\\.$",
            ),
        );
    });

    test("without headers, waits as the 429's body asks", async () => {
        const waits: RateLimitWait[] = [];
        const atlas = client({}, waits);
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[0]);
        emulator.setRateLimits({ capacity: 1, refillRate: 1, refillDurationSeconds: 2, headers: false });
        emulator.clearLog();

        for (const id of FLEX_SNAPSHOTS.slice(0, 2)) {
            await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, id);
        }

        expect(flexRequests().map((r) => r.status)).toEqual([200, 429, 200]);
        expect(waits).toHaveLength(1);
        expect(waits[0]).toMatchObject({ source: "the 429's body", figures: { capacity: 1, refillRate: 1 } });
    });

    test("a list's 429 holds the GETs of the same bucket: none is sent before the refill", async () => {
        const atlas = client();
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[0]);
        emulator.setRateLimits({ capacity: 1, refillRate: 1, refillDurationSeconds: 2 });
        emulator.clearLog();
        await atlas.listSnapshots("flex", SEED.projectId, SEED.flexCluster);

        const reads = await Promise.all([
            atlas.listSnapshots("flex", SEED.projectId, SEED.flexCluster),
            atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[1]),
            atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[2]),
        ]);

        expect(reads).toHaveLength(3);
        const log = flexRequests();
        expect(log.filter((r) => r.status === 200)).toHaveLength(4);
        // A token a refill for three reads: each refill is learnt by one 429 at most, never two in a row, and
        // nothing is sent between a 429 and the refill it named (Retry-After is at least 1 s).
        const statuses = log.map((r) => r.status);
        expect(statuses.filter((status) => status === 429).length).toBeLessThanOrEqual(3);
        expect(statuses.join(",")).not.toContain("429,429");
        log.forEach((entry, index) => {
            if (entry.status !== 429 || index === log.length - 1) return;
            expect(Date.parse(log[index + 1].time) - Date.parse(entry.time)).toBeGreaterThanOrEqual(950);
        });
    });

    test("past the budget, the read stops with the bucket's figures, and the next read of the bucket sends nothing", async () => {
        const atlas = client({ rateLimitBudgetMs: 5_000 });
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[0]);
        emulator.setRateLimits({ capacity: 1, refillRate: 1, refillDurationSeconds: 60 });
        emulator.clearLog();
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[0]);

        const refused = await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[1]).then(
            () => undefined,
            (error: unknown) => error,
        );
        const held = await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[2]).then(
            () => undefined,
            (error: unknown) => error,
        );

        expect(refused).toBeInstanceOf(AtlasRequestError);
        expect((refused as AtlasRequestError).message).toMatch(
            new RegExp(
                "Atlas answered 429 RATE_LIMITED_TOKEN_BUCKET: Rate limit exceeded for .*Please retry after \\d+ seconds.*; " +
                    `the rate limit of Flex snapshot reads of project ${SEED.projectId} \\(capacity 1, refill 1 per 60 s\\) ` +
                    "asks for (\\d+ min )?\\d+ s more, past the read's wait budget of 5 s \\(0 s waited already, 1 × 429\\)",
            ),
        );
        expect(held).toBeInstanceOf(AtlasRequestError);
        expect((held as AtlasRequestError).failure).toMatchObject({ status: 429, rateLimit: { refusals: 0 } });
        expect(flexRequests().map((r) => r.status)).toEqual([200, 429]);
        for (const error of [refused, held]) {
            expect(String((error as Error).message)).not.toContain(SEED.clientSecret);
        }
    });

    test("the token endpoint's own limit is retried as before, outside the buckets", async () => {
        emulator.setRateLimits({ capacity: 5, refillRate: 1, refillDurationSeconds: 60 });
        emulator.inject({ route: "token", kind: "status", status: 429, retryAfter: 1 });
        const atlas = client();

        const answer = await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, FLEX_SNAPSHOTS[0]);

        expect(answer.snapshot.id).toBe(FLEX_SNAPSHOTS[0]);
        expect(
            emulator
                .requests()
                .filter((r) => r.route === "token")
                .map((r) => r.status)
                .slice(-2),
        ).toEqual([429, 200]);
    });
});
