// Credentials Atlas refuses, against the emulator over real HTTP: a refused credential costs each read at most one
// request more than a good one, never a challenge or a token per read, and never the token endpoint's 429.
import { startEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { ClientSettings, Credentials } from "../../provider/atlas/settings";
import { validateArgs } from "../../provider/snapshots/args";
import { readSnapshot } from "../../provider/snapshots/read";
import { SnapshotReadError } from "../../provider/snapshots/errors";
import { SEED } from "../e2e/programs";
import { emulator, emulatorClient, useEmulator } from "../helpers/emulatorFixture";

useEmulator();

const WRONG_PRIVATE_KEY = "00000000-1111-2222-3333-444444444444";
const refusedKey: Credentials = {
    kind: "apiKey",
    publicKey: SEED.publicKey,
    privateKey: WRONG_PRIVATE_KEY,
    source: "environment MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY",
};
const goodKey: Credentials = { ...refusedKey, privateKey: SEED.privateKey };
const serviceAccount: Credentials = {
    kind: "serviceAccount",
    clientId: SEED.clientId,
    clientSecret: SEED.clientSecret,
    source: "stack config mongodbatlas:clientId and stack config mongodbatlas:clientSecret",
};

function client(credentials: Credentials, overrides: Partial<ClientSettings> = {}): AtlasClient {
    return emulatorClient({ credentials, ...overrides });
}

/** Reads the seeded Flex snapshot from the Flex endpoint alone, so one read is one GET when all goes well. */
function readFlex(atlas: AtlasClient) {
    return readSnapshot(
        atlas,
        validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.flexCluster,
            snapshotId: SEED.flexSnapshot,
            api: "flex",
        }),
    );
}

/** Makes the API refuse every Bearer token with 401, as Atlas does for a token it does not honour. */
function refuseEveryBearerToken(): void {
    for (const route of ["flexSnapshot", "flexSnapshots"] as const) {
        emulator.inject({ route, kind: "status", status: 401, errorCode: "UNAUTHORIZED", times: Infinity });
    }
}

/** Runs `reads` one after another, returning each one's error and the requests the client sent for it. */
async function sequentialReads(atlas: AtlasClient, reads: number) {
    const outcomes: { error: unknown; requests: number }[] = [];
    for (let i = 0; i < reads; i++) {
        const before = atlas.counters.requests;
        const error = await readFlex(atlas).then(
            () => undefined,
            (thrown: unknown) => thrown,
        );
        outcomes.push({ error, requests: atlas.counters.requests - before });
    }
    return outcomes;
}

/** Runs `reads` at once and returns each one's error. */
async function concurrentReads(atlas: AtlasClient, reads: number): Promise<unknown[]> {
    const settled = await Promise.allSettled(Array.from({ length: reads }, () => readFlex(atlas)));
    return settled.map((outcome) => (outcome.status === "rejected" ? outcome.reason : undefined));
}

/** Asserts a read failed on a 401 with a message naming the credential's source and never its secret. */
function expectRefusal(error: unknown, credential: string, secret: string): void {
    expect(error).toBeInstanceOf(SnapshotReadError);
    const message = (error as Error).message;
    expect(message).toContain("401");
    expect(message).toContain(`Atlas refused ${credential}`);
    expect(message).not.toContain(secret);
}

describe("an API key Atlas refuses", () => {
    const description = `the API key from ${refusedKey.source}`;

    test.each([1, 5, 20])(
        "%d sequential reads cost one challenge and one signed request each: N + 1 requests in all",
        async (reads) => {
            const atlas = client(refusedKey);

            const outcomes = await sequentialReads(atlas, reads);

            expect(outcomes.map((outcome) => outcome.requests)).toStrictEqual([2, ...Array(reads - 1).fill(1)]);
            for (const { error } of outcomes) {
                expectRefusal(error, description, WRONG_PRIVATE_KEY);
            }
            const log = emulator.requests();
            expect(log).toHaveLength(reads + 1);
            expect(log.every((entry) => entry.status === 401)).toBe(true);
            expect(log.filter((entry) => entry.authScheme === "none")).toHaveLength(1);
            expect(atlas.counters.requests).toBe(reads + 1);
        },
    );

    test.each([
        [1, 2],
        [5, 7],
        [20, 22],
    ])("%d concurrent reads cost %d requests in all, one of them a challenge", async (reads, requests) => {
        const atlas = client(refusedKey);

        const errors = await concurrentReads(atlas, reads);

        for (const error of errors) {
            expectRefusal(error, description, WRONG_PRIVATE_KEY);
        }
        // Reads of one instance that arrive together first share its list (challenge, then one signed request);
        // refused, each falls back to its own GET, signed once: N + 2, at most 2 a read.
        const log = emulator.requests();
        expect(log).toHaveLength(requests);
        expect(log.filter((entry) => entry.authScheme === "none")).toHaveLength(1);
        expect(atlas.counters.requests).toBe(requests);
    });

    test("a good key whose nonce went stale is still answered once more, then reads on", async () => {
        const atlas = client(goodKey);
        await readFlex(atlas);
        emulator.clearLog();

        emulator.staleNonces();
        await readFlex(atlas);
        await readFlex(atlas);

        expect(emulator.requests().map((entry) => entry.status)).toStrictEqual([401, 200, 200]);
    });
});

describe("an API key whose nonce the server no longer knows", () => {
    test("is signed once more on the new nonce, and later reads go on with one request each", async () => {
        const own = await startEmulator();
        const port = own.port;
        const atlas = new AtlasClient({ ...DEFAULT_LIMITS, baseUrl: own.url, credentials: goodKey });
        await readFlex(atlas);
        await readFlex(atlas);
        await own.close();

        // The same address, a server that never issued the nonce the client holds: it answers stale=false.
        const restarted = await startEmulator({ port });
        try {
            const before = atlas.counters.requests;
            for (let i = 0; i < 5; i++) {
                await readFlex(atlas);
            }

            expect(restarted.requests().map((entry) => entry.status)).toStrictEqual([401, 200, 200, 200, 200, 200]);
            expect(atlas.counters.requests - before).toBe(6);
        } finally {
            await restarted.close();
        }
    });
});

describe("a service account whose tokens Atlas refuses", () => {
    const description = `the service account from ${serviceAccount.source}`;

    test("30 sequential reads fetch one fresh token after the first refusal and no more, each read at most 2 requests", async () => {
        const atlas = client(serviceAccount);
        refuseEveryBearerToken();

        const outcomes = await sequentialReads(atlas, 30);

        expect(outcomes.map((outcome) => outcome.requests)).toStrictEqual([2, ...Array(29).fill(1)]);
        for (const { error } of outcomes) {
            expectRefusal(error, description, SEED.clientSecret);
        }
        const tokenRequests = emulator.requests().filter((entry) => entry.route === "token");
        expect(tokenRequests.map((entry) => entry.status)).toStrictEqual([200, 200]);
        expect(atlas.counters.tokensFetched).toBe(2);
    });

    test("20 concurrent refused reads share one fresh token", async () => {
        const atlas = client(serviceAccount);
        refuseEveryBearerToken();

        const errors = await concurrentReads(atlas, 20);

        for (const error of errors) {
            expectRefusal(error, description, SEED.clientSecret);
        }
        const log = emulator.requests();
        expect(log.filter((entry) => entry.route === "token")).toHaveLength(2);
        expect(log.filter((entry) => entry.route === "flexSnapshot").length).toBeLessThanOrEqual(40);
        expect(atlas.counters.tokensFetched).toBe(2);
    });

    test("never draws the token endpoint's 429, however many reads are refused", async () => {
        const strict = await startEmulator({ tokenRateLimitPerMinute: 3 });
        try {
            strict.inject({ route: "flexSnapshot", kind: "status", status: 401, times: Infinity });
            const atlas = new AtlasClient({ ...DEFAULT_LIMITS, baseUrl: strict.url, credentials: serviceAccount });

            await sequentialReads(atlas, 10);
            await concurrentReads(atlas, 10);

            const tokenStatuses = strict
                .requests()
                .filter((entry) => entry.route === "token")
                .map((entry) => entry.status);
            expect(tokenStatuses).toStrictEqual([200, 200]);
        } finally {
            await strict.close();
        }
    });

    test("a token refused once is replaced by one fresh token, and the read succeeds with it", async () => {
        const atlas = client(serviceAccount);
        await readFlex(atlas);

        emulator.expireTokens();
        const snapshot = await readFlex(atlas);

        expect(snapshot.status).toBe("completed");
        expect(emulator.requests().map((entry) => `${entry.route} ${entry.status}`)).toStrictEqual([
            "token 200",
            "flexSnapshot 200",
            "flexSnapshot 401",
            "token 200",
            "flexSnapshot 200",
        ]);
    });
});

describe("a service account whose secret the token endpoint refuses", () => {
    test("asks the token endpoint once, and every later read gives the same refusal without asking again", async () => {
        const wrongSecret = "mdb_sa_sk_not-the-secret-0000";
        const atlas = client({ ...serviceAccount, clientSecret: wrongSecret });

        const outcomes = await sequentialReads(atlas, 10);

        for (const { error } of outcomes) {
            expect(error).toBeInstanceOf(SnapshotReadError);
            const message = (error as Error).message;
            expect(message).toContain("Atlas's token endpoint (POST /api/oauth/token)");
            expect(message).toContain(`Atlas refused the service account from ${serviceAccount.source}`);
            expect(message).not.toContain(wrongSecret);
        }
        expect(emulator.requests().map((entry) => `${entry.route} ${entry.status}`)).toStrictEqual(["token 401"]);
    });
});

describe("a ready access token Atlas refuses", () => {
    test("is not retried: each read sends one request and fails naming the token's source", async () => {
        const token = "eyJhbGciOiJIUzI1NiJ9.refused-access-token";
        const atlas = client({
            kind: "accessToken",
            accessToken: token,
            source: "environment MONGODB_ATLAS_ACCESS_TOKEN",
        });

        const outcomes = await sequentialReads(atlas, 5);

        expect(outcomes.map((outcome) => outcome.requests)).toStrictEqual([1, 1, 1, 1, 1]);
        for (const { error } of outcomes) {
            expectRefusal(error, "the access token from environment MONGODB_ATLAS_ACCESS_TOKEN", token);
        }
        const log = emulator.requests();
        expect(log.map((entry) => `${entry.route} ${entry.status}`)).toStrictEqual(Array(5).fill("flexSnapshot 401"));
        expect(atlas.counters.tokensFetched).toBe(0);
    });
});
