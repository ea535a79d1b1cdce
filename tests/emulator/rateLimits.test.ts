// The Admin API's token buckets as the emulator enforces them: per endpoint set and scope, refilled in steps,
// refused with the 429 Atlas's documentation shows, set from options, the seed, the CLI's flags or the control API.
import { startEmulator, defaultSeed, validateSeed } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { parseCliArguments, UsageError } from "../../emulator/cli";
import { TokenBucket, TokenBuckets, validateRateLimitConfig } from "../../emulator/faults/rateLimit";
import {
    EMPTY_PROJECT_ID,
    FLEX_ACCEPT,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    flexPath,
    getWithToken,
    http,
    issueToken,
    serverlessPath,
} from "./support";

const FLEX_SNAPSHOT = "6a6f78e0cab84da5c4476b25";

describe("a token bucket", () => {
    const config = { capacity: 2, refillRate: 2, refillDurationSeconds: 5 };

    test("starts full, takes one token a request, and refuses once empty with the seconds to the next refill", () => {
        const bucket = new TokenBucket(config, 0);

        expect(bucket.take(0)).toEqual({ allowed: true, remaining: 1 });
        expect(bucket.take(100)).toEqual({ allowed: true, remaining: 0 });
        expect(bucket.take(1_200)).toEqual({ allowed: false, retryAfterSeconds: 4 });
        expect(bucket.take(4_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    });

    test("refills refillRate tokens at each step of the schedule from its first request, never past capacity", () => {
        const bucket = new TokenBucket({ capacity: 3, refillRate: 2, refillDurationSeconds: 5 }, 0);
        for (let i = 0; i < 3; i++) bucket.take(0);

        expect(bucket.remaining(4_999)).toBe(0);
        expect(bucket.remaining(5_000)).toBe(2);
        expect(bucket.remaining(60_000)).toBe(3);
        // The schedule stays on its steps: a token taken at 60.5 s comes back at 65 s, not 65.5 s.
        bucket.take(60_500);
        expect(bucket.remaining(64_999)).toBe(2);
        expect(bucket.remaining(65_000)).toBe(3);
    });

    test("buckets are apart per endpoint set and per project, user or address, as the scope says", () => {
        const subject = { projectId: "p1", principalId: "u1", address: "a1" };
        const byProject = new TokenBuckets(config);
        const one = byProject.bucketFor("flexBackupSnapshots", subject).bucket;

        expect(byProject.bucketFor("flexBackupSnapshots", { ...subject, principalId: "u2" }).bucket).toBe(one);
        expect(byProject.bucketFor("flexBackupSnapshots", { ...subject, projectId: "p2" }).bucket).not.toBe(one);
        expect(byProject.bucketFor("serverlessBackupSnapshots", subject).bucket).not.toBe(one);

        const byUser = new TokenBuckets({ ...config, scope: "user" });
        const user = byUser.bucketFor("flexBackupSnapshots", subject).bucket;
        expect(byUser.bucketFor("flexBackupSnapshots", { ...subject, projectId: "p2" }).bucket).toBe(user);
        expect(byUser.bucketFor("flexBackupSnapshots", { ...subject, principalId: "u2" }).bucket).not.toBe(user);

        const byAddress = new TokenBuckets({ ...config, scope: "ip" });
        const address = byAddress.bucketFor("flexBackupSnapshots", subject).bucket;
        expect(byAddress.bucketFor("flexBackupSnapshots", { ...subject, principalId: "u2" }).bucket).toBe(address);
        expect(byAddress.bucketFor("flexBackupSnapshots", { ...subject, address: "a2" }).bucket).not.toBe(address);
    });

    test.each([
        [{ capacity: 0, refillRate: 1, refillDurationSeconds: 1 }, /capacity must be a positive integer/],
        [{ capacity: 1, refillRate: 1.5, refillDurationSeconds: 1 }, /refillRate must be a positive integer/],
        [{ capacity: 1, refillRate: 1 }, /refillDurationSeconds must be a positive integer/],
        [{ capacity: 1, refillRate: 1, refillDurationSeconds: 1, scope: "org" }, /scope must be project, user, ip/],
        [{ capacity: 1, refillRate: 1, refillDurationSeconds: 1, headers: "no" }, /headers must be true or false/],
        [{ capacity: 1, refillRate: 1, refillDurationSeconds: 1, burst: 3 }, /no field burst/],
    ])("refuses figures that cannot work: %j", (config, message) => {
        expect(() => validateRateLimitConfig(config)).toThrow(message);
    });
});

describe("the emulator with token buckets", () => {
    let emulator: AtlasEmulator;
    let token: string;

    beforeAll(async () => {
        emulator = await startEmulator({ rateLimits: { capacity: 2, refillRate: 1, refillDurationSeconds: 60 } });
        token = await issueToken(emulator);
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.setRateLimits({ capacity: 2, refillRate: 1, refillDurationSeconds: 60 }));

    const flexGet = (projectId = PROJECT_ID) =>
        getWithToken(emulator, flexPath("payments", FLEX_SNAPSHOT, projectId), token, FLEX_ACCEPT);

    test("answers while tokens last, saying what is left, then refuses with the documented 429", async () => {
        const first = await flexGet();
        const second = await flexGet();
        const refused = await flexGet();

        expect([first.status, second.status, refused.status]).toEqual([200, 200, 429]);
        expect(first.headers["ratelimit-limit"]).toBe("2");
        expect([first.headers["ratelimit-remaining"], second.headers["ratelimit-remaining"]]).toEqual(["1", "0"]);
        const wait = Number(refused.headers["retry-after"]);
        expect(wait).toBeGreaterThanOrEqual(59);
        expect(wait).toBeLessThanOrEqual(60);
        expect(refused.headers["ratelimit-limit"]).toBe("2");
        expect(refused.headers["ratelimit-remaining"]).toBe("0");
        expect(refused.headers["x-error-code"]).toBe("RATE_LIMITED_TOKEN_BUCKET");
        const path = flexPath("payments", FLEX_SNAPSHOT).slice(1);
        expect(refused.json).toEqual({
            detail:
                `Rate limit exceeded for ${path}. Please retry after ${wait} seconds. ` +
                "Request capacity: 2. Refill rate: 1 per 60 seconds.",
            error: 429,
            errorCode: "RATE_LIMITED_TOKEN_BUCKET",
            parameters: [path, wait, 2, 1, 60],
            reason: "Too Many Requests",
        });
    });

    test("the GET and the list of one API share a bucket; the other API and another project have their own", async () => {
        await flexGet();
        await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT);

        expect((await flexGet()).status).toBe(429);
        expect((await getWithToken(emulator, serverlessPath("orders"), token, SERVERLESS_ACCEPT)).status).toBe(200);
        expect((await flexGet(EMPTY_PROJECT_ID)).status).not.toBe(429);
    });

    test("a request that fails authentication takes no token", async () => {
        await http(emulator.url + flexPath("payments", FLEX_SNAPSHOT), {
            headers: { Accept: FLEX_ACCEPT, Authorization: "Bearer not-a-token" },
        });

        expect((await flexGet()).headers["ratelimit-remaining"]).toBe("1");
    });

    test("without headers, the 429 still gives the wait in its body", async () => {
        emulator.setRateLimits({ capacity: 1, refillRate: 1, refillDurationSeconds: 30, headers: false });

        const answered = await flexGet();
        const refused = await flexGet();

        expect(answered.status).toBe(200);
        expect(refused.status).toBe(429);
        for (const answer of [answered, refused]) {
            expect(answer.headers["ratelimit-limit"]).toBeUndefined();
            expect(answer.headers["ratelimit-remaining"]).toBeUndefined();
            expect(answer.headers["retry-after"]).toBeUndefined();
        }
        expect(refused.json.detail).toMatch(
            /Please retry after \d+ seconds\. Request capacity: 1\. Refill rate: 1 per 30 seconds\./,
        );
    });

    test("an enveloped request gets its 429 inside a 200, headers outside", async () => {
        emulator.setRateLimits({ capacity: 1, refillRate: 1, refillDurationSeconds: 60 });
        await flexGet();

        const refused = await getWithToken(
            emulator,
            `${flexPath("payments", FLEX_SNAPSHOT)}?envelope=true`,
            token,
            FLEX_ACCEPT,
        );

        expect(refused.status).toBe(200);
        expect(refused.json).toMatchObject({ status: 429, content: { errorCode: "RATE_LIMITED_TOKEN_BUCKET" } });
        expect(refused.headers["retry-after"]).toBeDefined();
    });

    test("the control API sets, shows and removes the buckets", async () => {
        const control = (method: string, body?: unknown) =>
            http(`${emulator.url}/__emulator/rateLimits`, {
                method,
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });

        expect((await control("POST", { capacity: 3, refillRate: 1, refillDurationSeconds: 10 })).status).toBe(204);
        await flexGet();
        expect((await control("GET")).json).toEqual({
            capacity: 3,
            refillRate: 1,
            refillDurationSeconds: 10,
            buckets: [{ bucket: `flexBackupSnapshots project ${PROJECT_ID}`, remaining: 2 }],
        });
        const refusal = await control("POST", { capacity: -1 });
        expect(refusal.status).toBe(400);
        expect(refusal.json.message).toMatch(/capacity must be a positive integer/);

        expect((await control("DELETE")).status).toBe(204);
        expect((await control("GET")).json).toBeNull();
        const answers = [];
        for (let i = 0; i < 5; i++) answers.push((await flexGet()).status);
        expect(answers).toEqual([200, 200, 200, 200, 200]);
        // Off, the headers report the sliding minute of 1200, as before.
        expect((await flexGet()).headers["ratelimit-limit"]).toBe("1200");
    });
});

describe("turning the buckets on", () => {
    test("off by default: nothing is refused", async () => {
        const emulator = await startEmulator();
        try {
            expect(emulator.rateLimits()).toBeUndefined();
        } finally {
            await emulator.close();
        }
    });

    test("from the seed", async () => {
        const seed = validateSeed({
            ...defaultSeed,
            rateLimits: { capacity: 1, refillRate: 1, refillDurationSeconds: 5 },
        });
        const emulator = await startEmulator({ seed });
        try {
            const token = await issueToken(emulator);
            const statuses = [];
            for (let i = 0; i < 2; i++) {
                statuses.push((await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT)).status);
            }
            expect(statuses).toEqual([200, 429]);
        } finally {
            await emulator.close();
        }
    });

    test("a seed's bad figures are named by path", () => {
        expect(() =>
            validateSeed({ ...defaultSeed, rateLimits: { capacity: 0, refillRate: 1, refillDurationSeconds: 5 } }),
        ).toThrow(/rateLimits\.capacity/);
    });

    test("with the user scope, one credential's requests to two projects share a bucket", async () => {
        const emulator = await startEmulator({
            rateLimits: { capacity: 1, refillRate: 1, refillDurationSeconds: 60, scope: "user" },
        });
        try {
            const token = await issueToken(emulator);
            expect((await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT)).status).toBe(200);
            expect(
                (await getWithToken(emulator, flexPath("payments", undefined, EMPTY_PROJECT_ID), token, FLEX_ACCEPT))
                    .status,
            ).toBe(429);
            expect(emulator.rateLimits()?.buckets.map((b) => b.bucket)).toEqual([
                "flexBackupSnapshots user mdb_sa_id_0123456789abcdef01234567",
            ]);
        } finally {
            await emulator.close();
        }
    });

    test("from the command's flags", () => {
        expect(
            parseCliArguments([
                "--rate-limit-capacity",
                "10",
                "--rate-limit-refill",
                "5",
                "--rate-limit-scope",
                "user",
                "--rate-limit-no-headers",
            ]),
        ).toMatchObject({
            rateLimits: { capacity: 10, refillRate: 5, refillDurationSeconds: 60, scope: "user", headers: false },
        });
        expect(
            parseCliArguments([
                "--rate-limit-capacity",
                "2",
                "--rate-limit-refill",
                "2",
                "--rate-limit-refill-seconds",
                "5",
            ]),
        ).toMatchObject({ rateLimits: { capacity: 2, refillRate: 2, refillDurationSeconds: 5 } });
        expect(parseCliArguments([])).not.toHaveProperty("rateLimits");
    });

    test.each([
        [["--rate-limit-capacity", "10"], /go together/],
        [["--rate-limit-scope", "user"], /needs --rate-limit-capacity and --rate-limit-refill/],
        [
            ["--rate-limit-capacity", "0", "--rate-limit-refill", "5"],
            /--rate-limit-capacity must be a whole number from 1/,
        ],
        [
            ["--rate-limit-capacity", "1", "--rate-limit-refill", "1", "--rate-limit-scope", "org"],
            /--rate-limit-scope must be/,
        ],
    ])("refuses flags that cannot work: %j", (args, message) => {
        expect(() => parseCliArguments(args)).toThrow(UsageError);
        expect(() => parseCliArguments(args)).toThrow(message);
    });
});

describe("an injected RATE_LIMITED_TOKEN_BUCKET", () => {
    test("answers as the documentation shows, with the wait asked for", async () => {
        const emulator = await startEmulator();
        try {
            const token = await issueToken(emulator);
            emulator.inject({
                route: "flexSnapshot",
                kind: "status",
                status: 429,
                errorCode: "RATE_LIMITED_TOKEN_BUCKET",
                retryAfter: 55,
            });

            const refused = await getWithToken(emulator, flexPath("payments", FLEX_SNAPSHOT), token, FLEX_ACCEPT);

            const path = flexPath("payments", FLEX_SNAPSHOT).slice(1);
            expect(refused.status).toBe(429);
            expect(refused.headers["retry-after"]).toBe("55");
            expect(refused.json).toMatchObject({
                detail: `Rate limit exceeded for ${path}. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.`,
                errorCode: "RATE_LIMITED_TOKEN_BUCKET",
                parameters: [path, 55, 10, 5, 60],
            });
        } finally {
            await emulator.close();
        }
    });
});
