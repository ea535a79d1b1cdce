// The newest snapshot, every snapshot, and waiting, against the emulator over real HTTP.
import { defaultSeed, startEmulator } from "../../emulator";
import type { AtlasEmulator, Seed } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { Credentials } from "../../provider/atlas/settings";
import { validateArgs, validateListArgs } from "../../provider/args";
import { readSnapshot, readSnapshotList } from "../../provider/readSnapshot";
import { waitForSnapshot } from "../../provider/waiting";
import type { WaitEnvironment } from "../../provider/waiting";
import { SnapshotReadError } from "../../provider/errors";
import { SEED } from "../e2e/programs";

const BUSY = "busy";
const BUSY_COUNT = 1234;

/** The default seed plus a Flex cluster with more snapshots than three pages of 500 hold. */
const seed: Seed = {
    ...defaultSeed,
    projects: defaultSeed.projects.map((project, index) =>
        index === 0
            ? {
                  ...project,
                  flexClusters: [
                      ...(project.flexClusters ?? []),
                      {
                          name: BUSY,
                          snapshots: Array.from({ length: BUSY_COUNT }, (_, i) => ({
                              id: (0x6a0000000000000000000000n + BigInt(i)).toString(16),
                              status: i % 10 === 0 ? "FAILED" : "COMPLETED",
                              startTime: `now-${i + 1}h`,
                              expiration: `now+${30 - (i % 30)}d`,
                          })),
                      },
                  ],
              }
            : project,
    ),
};

let emulator: AtlasEmulator;
const credentials: Credentials = {
    kind: "serviceAccount",
    clientId: SEED.clientId,
    clientSecret: SEED.clientSecret,
    source: "test",
};

beforeAll(async () => {
    emulator = await startEmulator({ seed });
});
afterAll(async () => {
    await emulator.close();
});
beforeEach(() => emulator.clearLog());

function client(): AtlasClient {
    return new AtlasClient({ ...DEFAULT_LIMITS, baseUrl: emulator.url, credentials });
}

describe("the newest snapshot", () => {
    test("without a snapshot id, the newest completed snapshot is read and named", async () => {
        const snapshot = await readSnapshot(
            client(),
            validateArgs({ projectId: SEED.projectId, instanceName: SEED.serverlessInstance }),
        );

        expect(snapshot).toMatchObject({
            snapshotId: SEED.completedSnapshot,
            status: "completed",
            source: "serverless",
        });
    });

    test("checks.status widens the choice: the newest snapshot that is completed or in progress", async () => {
        const snapshot = await readSnapshot(
            client(),
            validateArgs({
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                checks: { status: ["completed", "inProgress"] },
            }),
        );

        expect(snapshot.snapshotId).toBe(SEED.inProgressSnapshot);
    });

    test("the other checks apply to the snapshot chosen", async () => {
        const read = readSnapshot(
            client(),
            validateArgs({
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                checks: { maxAge: "1h" },
            }),
        );

        await expect(read).rejects.toThrow(/Snapshot 5f4e3d2c1b0a998877665544 .* old .*older than the 1h allowed/);
    });

    test("no snapshot qualifies: an error that says how many were found and their statuses", async () => {
        const read = readSnapshot(
            client(),
            validateArgs({ projectId: SEED.projectId, instanceName: "inventory", checks: { status: "inProgress" } }),
        );

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(
            /newest snapshot of "inventory" .* none has status inProgress; Atlas lists 3 snapshots \(1 queued, 1 completed, 1 failed\)/,
        );
    });

    test("an instance with no snapshots says so", async () => {
        const read = readSnapshot(client(), validateArgs({ projectId: SEED.projectId, instanceName: "sandbox" }));

        await expect(read).rejects.toThrow(/Atlas lists no snapshots/);
    });

    test("every page is read to find the newest: 1234 snapshots cost 3 list requests", async () => {
        const snapshot = await readSnapshot(client(), validateArgs({ projectId: SEED.projectId, instanceName: BUSY }));

        expect(snapshot.snapshotId).toBe(0x6a0000000000000000000001n.toString(16));
        const pages = emulator.requests().filter((r) => r.route === "flexSnapshots");
        expect(pages.map((r) => r.query.pageNum)).toEqual(["1", "2", "3"]);
        expect(pages.every((r) => r.query.itemsPerPage === "500")).toBe(true);
    });
});

describe("every snapshot", () => {
    test("lists every page, newest first, with Atlas's count", async () => {
        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: BUSY }),
        );

        expect(list.totalCount).toBe(BUSY_COUNT);
        expect(list.snapshots).toHaveLength(BUSY_COUNT);
        const times = list.snapshots.map((s) => Date.parse(s.createdAt as string));
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(list.source).toBe("flex");
    });

    test("filters on status and age", async () => {
        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: BUSY, status: "failed", maxAge: "100h" }),
        );

        // Snapshots taken 1..100 hours ago whose index is a multiple of ten: 10 of them.
        expect(list.snapshots).toHaveLength(10);
        expect(list.snapshots.every((s) => s.status === "failed" && s.rawStatus === "FAILED")).toBe(true);
        expect(list.totalCount).toBe(BUSY_COUNT);
    });

    test("a serverless instance is listed through the serverless endpoint when auto falls back", async () => {
        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: SEED.serverlessInstance }),
        );

        expect(list.source).toBe("serverless");
        expect(list.snapshots.map((s) => s.snapshotId)).toContain(SEED.completedSnapshot);
        expect(list.snapshots[0].snapshotId).toBe(SEED.inProgressSnapshot);
    });
});

describe("waiting", () => {
    /** A fake clock whose sleeps advance time and let the test change Atlas's answer between reads. */
    function environment(onSleep: (sleeps: number) => void) {
        let now = 0;
        let sleeps = 0;
        const lines: string[] = [];
        const env: WaitEnvironment = {
            now: () => now,
            sleep: async (ms) => {
                now += ms;
                sleeps += 1;
                onSleep(sleeps);
            },
            report: (line) => lines.push(line),
        };
        return { env, lines };
    }

    const waitArgs = (waitFor: object) => {
        const args = validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.flexCluster,
            snapshotId: "6a721bebc2973a98f1546fc4",
            waitFor,
        });
        return { ...args, waitFor: args.waitFor! };
    };

    afterEach(() =>
        emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, "6a721bebc2973a98f1546fc4", "RUNNING"),
    );

    test("polls until the status is reached, reporting each read", async () => {
        const { env, lines } = environment((sleeps) => {
            if (sleeps === 2) {
                emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, "6a721bebc2973a98f1546fc4", "COMPLETED");
            }
        });

        const snapshot = await waitForSnapshot(client(), waitArgs({ interval: "15s", timeout: "5m" }), env);

        expect(snapshot.status).toBe("completed");
        expect(lines).toHaveLength(3);
        expect(lines[0]).toMatch(/Waiting for snapshot 6a721bebc2973a98f1546fc4 .* to be completed: it is inProgress/);
        expect(lines[2]).toMatch(/^Snapshot .* is completed \(after 30s, 3 reads\)/);
        expect(emulator.requests().filter((r) => r.route === "flexSnapshot")).toHaveLength(3);
    });

    test("fails early when the snapshot fails", async () => {
        const { env } = environment(() =>
            emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, "6a721bebc2973a98f1546fc4", "FAILED"),
        );

        const wait = waitForSnapshot(client(), waitArgs({}), env);

        await expect(wait).rejects.toThrow(/Stopped waiting .* Atlas reports it failed \(FAILED\)/);
    });

    test("fails at the timeout with the last status seen", async () => {
        const { env, lines } = environment(() => undefined);

        const wait = waitForSnapshot(client(), waitArgs({ timeout: "1m", interval: "20s" }), env);

        await expect(wait).rejects.toThrow(
            /Gave up waiting .* after 1m \(waitFor.timeout 1m\): it is still inProgress \(Atlas: RUNNING\)/,
        );
        expect(lines).toHaveLength(3);
    });
});
