// Seeds are checked on load with errors that name the bad value's path, and their relative times are resolved
// once at start, so the bundled seed always describes recent snapshots.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSeed, loadSeedFile, SeedError, startEmulator, validateSeed, type Seed } from "../../emulator";
import {
    FLEX_ACCEPT,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    flexPath,
    getWithToken,
    issueToken,
    serverlessPath,
} from "./support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ATLAS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** A minimal valid seed with one serverless snapshot, to vary in tests. */
function seedWith(snapshot: Record<string, unknown>): Seed {
    return {
        credentials: { serviceAccounts: [{ clientId: "c", clientSecret: "s" }] },
        projects: [{ id: PROJECT_ID, serverlessInstances: [{ name: "orders", snapshots: [snapshot as never] }] }],
    };
}

describe("relative times", () => {
    test("the default seed's times are resolved against the start and served in Atlas's format", async () => {
        const started = Date.now();
        const emulator = await startEmulator();
        try {
            const token = await issueToken(emulator);
            const snapshot = (
                await getWithToken(
                    emulator,
                    serverlessPath("orders", "5f4e3d2c1b0a998877665544"),
                    token,
                    SERVERLESS_ACCEPT,
                )
            ).json;

            expect(snapshot.createdAt).toMatch(ATLAS_TIME);
            expect(Math.abs(Date.parse(snapshot.createdAt) - (started - 6 * HOUR))).toBeLessThan(5000);
            expect(Math.abs(Date.parse(snapshot.expiresAt) - (started + 30 * DAY))).toBeLessThan(5000);

            const flex = (
                await getWithToken(emulator, flexPath("payments", "6a6f78e0cab84da5c4476b25"), token, FLEX_ACCEPT)
            ).json;
            expect(Date.parse(flex.startTime) - Date.parse(flex.scheduledTime)).toBe(60_000);
        } finally {
            await emulator.close();
        }
    });

    test("offsets chain, and ISO 8601 input is normalised to UTC without fractions", async () => {
        const emulator = await startEmulator({
            seed: seedWith({
                id: "5f4e3d2c1b0a998877665544",
                createdAt: "2026-01-02T03:04:05.678+01:00",
                expiresAt: "now+1d-12h+30m",
            }),
        });
        try {
            const token = await issueToken(emulator, { clientId: "c", clientSecret: "s" });
            const started = Date.now();
            const snapshot = (
                await getWithToken(
                    emulator,
                    serverlessPath("orders", "5f4e3d2c1b0a998877665544"),
                    token,
                    SERVERLESS_ACCEPT,
                )
            ).json;
            expect(snapshot.createdAt).toBe("2026-01-02T02:04:05Z");
            expect(Math.abs(Date.parse(snapshot.expiresAt) - (started + 12.5 * HOUR))).toBeLessThan(5000);
        } finally {
            await emulator.close();
        }
    });

    test("starting an emulator does not change the seed it was given", async () => {
        const before = JSON.stringify(defaultSeed);
        const emulator = await startEmulator({ seed: defaultSeed });
        await emulator.close();
        expect(JSON.stringify(defaultSeed)).toBe(before);
        expect(defaultSeed.projects[0].serverlessInstances?.[0].snapshots?.[0].createdAt).toBe("now-6h");
    });
});

describe("validation", () => {
    test("the default seed is valid", () => {
        expect(() => validateSeed(defaultSeed)).not.toThrow();
    });

    test.each([
        [
            "a status outside the shape's vocabulary",
            seedWith({ id: "5f4e3d2c1b0a998877665544", status: "COMPLETED" }),
            /projects\[0\]\.serverlessInstances\[0\]\.snapshots\[0\]\.status/,
        ],
        [
            "a time that is neither ISO nor relative",
            seedWith({ id: "5f4e3d2c1b0a998877665544", createdAt: "yesterday" }),
            /snapshots\[0\]\.createdAt: expected an ISO 8601 date-time or now/,
        ],
        [
            "a relative time with seconds",
            seedWith({ id: "5f4e3d2c1b0a998877665544", createdAt: "now-30s" }),
            /createdAt/,
        ],
        ["a snapshot without id", seedWith({ status: "completed" }), /snapshots\[0\]\.id/],
        ["a misspelt field", seedWith({ id: "5f4e3d2c1b0a998877665544", createdat: "now" }), /createdat/],
        ["links in the seed", seedWith({ id: "5f4e3d2c1b0a998877665544", links: [] }), /links/],
        [
            "a malformed project id",
            { credentials: {}, projects: [{ id: "project-1" }] },
            /projects\[0\]\.id: expected 24 lowercase hexadecimal digits/,
        ],
        [
            "a name that breaks Atlas's pattern",
            { credentials: {}, projects: [{ id: PROJECT_ID, clusters: [{ name: "_x" }] }] },
            /projects\[0\]\.clusters\[0\]\.name/,
        ],
        [
            "two deployments with one name",
            {
                credentials: {},
                projects: [{ id: PROJECT_ID, serverlessInstances: [{ name: "x" }], flexClusters: [{ name: "x" }] }],
            },
            /flexClusters\[0\]\.name: duplicate deployment name x/,
        ],
        [
            "a duplicate snapshot id",
            {
                credentials: {},
                projects: [
                    {
                        id: PROJECT_ID,
                        flexClusters: [
                            {
                                name: "x",
                                snapshots: [{ id: "6a6f78e0cab84da5c4476b25" }, { id: "6a6f78e0cab84da5c4476b25" }],
                            },
                        ],
                    },
                ],
            },
            /snapshots\[1\]\.id: duplicate snapshot id/,
        ],
        ["a missing credentials object", { projects: [] }, /credentials/],
        ["a non-object", [], /\(root\)/],
    ])("rejects %s, naming the path", (_what, seed, message) => {
        expect(() => validateSeed(seed)).toThrow(SeedError);
        expect(() => validateSeed(seed)).toThrow(message);
    });

    test("startEmulator refuses an invalid seed", async () => {
        await expect(startEmulator({ seed: { credentials: {}, projects: [{ id: "nope" }] } })).rejects.toThrow(
            SeedError,
        );
    });

    test("startEmulator refuses impossible options", async () => {
        await expect(startEmulator({ port: 70000 })).rejects.toThrow(/port/);
        await expect(startEmulator({ digestAlgorithms: [] })).rejects.toThrow(/digestAlgorithms/);
        await expect(startEmulator({ tokenRateLimitPerMinute: 0 })).rejects.toThrow(/tokenRateLimitPerMinute/);
    });
});

describe("seed files", () => {
    let dir: string;
    beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), "emulator-seed-"));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    test("a valid file loads and is served, with its own token lifetime", async () => {
        const file = join(dir, "seed.json");
        const seed = seedWith({ id: "5f4e3d2c1b0a998877665544", status: "failed" });
        seed.credentials.tokenTtlSeconds = 600;
        await writeFile(file, JSON.stringify(seed));

        const emulator = await startEmulator({ seed: loadSeedFile(file) });
        try {
            const answer = await fetch(`${emulator.url}/api/oauth/token`, {
                method: "POST",
                headers: { Authorization: `Basic ${Buffer.from("c:s").toString("base64")}` },
                body: new URLSearchParams({ grant_type: "client_credentials" }),
            });
            const { access_token, expires_in } = (await answer.json()) as { access_token: string; expires_in: number };
            expect(expires_in).toBe(600);
            const snapshot = await getWithToken(
                emulator,
                serverlessPath("orders", "5f4e3d2c1b0a998877665544"),
                access_token,
            );
            expect(snapshot.json.status).toBe("failed");
        } finally {
            await emulator.close();
        }
    });

    test("a missing file is reported in one line", () => {
        expect(() => loadSeedFile(join(dir, "absent.json"))).toThrow(/^Cannot read seed file .*absent\.json: ENOENT$/);
    });

    test("a file that is not JSON is reported as such", async () => {
        const file = join(dir, "broken.json");
        await writeFile(file, "{ projects: ");
        expect(() => loadSeedFile(file)).toThrow(/is not valid JSON/);
    });

    test("an invalid seed file names the file and the path", async () => {
        const file = join(dir, "invalid.json");
        await writeFile(file, JSON.stringify({ credentials: {}, projects: [{ id: "x" }] }));
        expect(() => loadSeedFile(file)).toThrow(/^Invalid seed file .*invalid\.json: projects\[0\]\.id/);
    });
});
