// Dedicated clusters' snapshots read through the same machinery as the serverless family's, against the emulator
// over real HTTP: the newest choice, the list (a sharded cluster's members from one more request), checks, waiting,
// shared lists, phases, and each family's refusal of the other's names.
import { validateClusterArgs, validateClusterListArgs } from "../../provider/clusters/args";
import { toClusterOutputs } from "../../provider/clusters/outputs";
import { validateArgs } from "../../provider/snapshots/args";
import { CheckFailedError, SnapshotReadError } from "../../provider/snapshots/errors";
import { readInPhase } from "../../provider/snapshots/phases";
import type { ReadEnvironment } from "../../provider/snapshots/phases";
import { readSnapshot, readSnapshotList } from "../../provider/snapshots/read";
import { waitForSnapshot } from "../../provider/snapshots/waiting";
import { emulator, emulatorClient, useEmulator } from "../helpers/emulatorFixture";

useEmulator();

const PROJECT = "32b6e34b3d91647abb20e7b8";
const NEWEST_ANALYTICS = "6b2c1e0a9f3d4b5a6c7d8e01";
const ON_DEMAND = "6b2c1e0a9f3d4b5a6c7d8e03";
const RUNNING = "6b2c1e0a9f3d4b5a6c7d8e05";
const LEDGER_NEWEST = "6b2c1e0a9f3d4b5a6c7d8f10";

const args = (fields: object) => validateClusterArgs({ projectId: PROJECT, ...fields });
const apiRoutes = () =>
    emulator
        .requests()
        .filter((entry) => entry.route !== "token")
        .map((entry) => entry.route);

describe("a replica set", () => {
    test("without a snapshot id, the newest completed snapshot is read from one list request", async () => {
        const snapshot = await readSnapshot(emulatorClient(), args({ clusterName: "analytics" }));

        expect(toClusterOutputs(snapshot)).toMatchObject({
            projectId: PROJECT,
            clusterName: "analytics",
            snapshotId: NEWEST_ANALYTICS,
            status: "completed",
            type: "replicaSet",
            cloudProvider: "AWS",
            replicaSetName: "atlas-analytics-shard-0",
            storageSizeBytes: 2147483648,
            frequencyType: "daily",
        });
        expect(apiRoutes()).toEqual(["clusterSnapshots"]);
    });

    test("an on-demand snapshot's `ondemand` frequency is read, not refused", async () => {
        const snapshot = await readSnapshot(
            emulatorClient(),
            args({ clusterName: "analytics", snapshotId: ON_DEMAND }),
        );

        expect(snapshot).toMatchObject({
            frequencyType: "ondemand",
            snapshotType: "onDemand",
            description: "before-upgrade",
        });
    });

    test("checks apply as to any snapshot: one expiring in 2 days fails a 7-day minimum, naming the cluster", async () => {
        const read = readSnapshot(
            emulatorClient(),
            args({ clusterName: "analytics", snapshotId: ON_DEMAND, checks: { minTimeToExpiry: "7d" } }),
        );

        await expect(read).rejects.toThrow(CheckFailedError);
        await expect(read).rejects.toThrow(
            new RegExp(`Snapshot ${ON_DEMAND} of "analytics" .* less than the 7d required`),
        );
    });

    test("100 reads of one cluster's snapshots share one list request", async () => {
        const client = emulatorClient();
        const ids = ["6b2c1e0a9f3d4b5a6c7d8e01", "6b2c1e0a9f3d4b5a6c7d8e02", ON_DEMAND, "6b2c1e0a9f3d4b5a6c7d8e04"];

        const snapshots = await Promise.all(
            Array.from({ length: 100 }, (_, i) =>
                readSnapshot(client, args({ clusterName: "analytics", snapshotId: ids[i % 4] })),
            ),
        );

        expect(snapshots.map((s) => s.snapshotId)).toEqual(Array.from({ length: 100 }, (_, i) => ids[i % 4]));
        expect(apiRoutes()).toEqual(["clusterSnapshots"]);
        expect(client.counters).toEqual({ requests: 1, tokensFetched: 1 });
    });

    test("the list filters by status and age, newest first, with Atlas's count", async () => {
        const list = await readSnapshotList(
            emulatorClient(),
            validateClusterListArgs({
                projectId: PROJECT,
                clusterName: "analytics",
                status: "completed",
                maxAge: "2d",
            }),
        );

        expect(list.source).toBe("cluster");
        expect(list.totalCount).toBe(5);
        expect(list.snapshots.map((s) => s.snapshotId)).toEqual([NEWEST_ANALYTICS, "6b2c1e0a9f3d4b5a6c7d8e02"]);
    });

    test("waiting reads by GET until the snapshot completes", async () => {
        let now = 0;
        const lines: string[] = [];
        const environment = {
            now: () => now,
            sleep: async (ms: number) => {
                now += ms;
                emulator.setSnapshotStatus(PROJECT, "analytics", RUNNING, "completed");
            },
            report: (line: string) => lines.push(line),
        };
        const valid = args({
            clusterName: "analytics",
            snapshotId: RUNNING,
            waitFor: { timeout: "5m", interval: "15s" },
        });

        const snapshot = await waitForSnapshot(emulatorClient(), { ...valid, waitFor: valid.waitFor! }, environment);

        expect(snapshot.status).toBe("completed");
        expect(lines[0]).toMatch(new RegExp(`Waiting for snapshot ${RUNNING} of "analytics" .* it is inProgress`));
        expect(apiRoutes()).toEqual(["clusterSnapshot", "clusterSnapshot"]);
    });
});

describe("a sharded cluster", () => {
    const members = [
        { cloudProvider: "AWS", id: "6b2c1e0a9f3d4b5a6c7d8f11", replicaSetName: "atlas-ledger-shard-0" },
        { cloudProvider: "AWS", id: "6b2c1e0a9f3d4b5a6c7d8f12", replicaSetName: "atlas-ledger-shard-1" },
        { cloudProvider: "AWS", id: "6b2c1e0a9f3d4b5a6c7d8f13", replicaSetName: "atlas-ledger-config-0" },
    ];

    test("one snapshot: the replica-set GET, then the sharded GET for its members", async () => {
        const snapshot = await readSnapshot(
            emulatorClient(),
            args({ clusterName: "ledger", snapshotId: LEDGER_NEWEST }),
        );

        expect(snapshot).toMatchObject({ type: "shardedCluster", configServerType: "EMBEDDED", members });
        expect(snapshot.snapshotIds).toEqual(members.map((m) => m.id));
        expect(apiRoutes()).toEqual(["clusterSnapshot", "shardedClusterSnapshot"]);
    });

    test("the newest and the list: the replica-set list plus one sharded list, whatever the count", async () => {
        const client = emulatorClient();
        const [newest, list] = await Promise.all([
            readSnapshot(client, args({ clusterName: "ledger" })),
            readSnapshotList(client, validateClusterListArgs({ projectId: PROJECT, clusterName: "ledger" })),
        ]);

        expect(newest).toMatchObject({ snapshotId: LEDGER_NEWEST, members });
        expect(list.snapshots.every((s) => s.members?.length === 3)).toBe(true);
        expect(apiRoutes()).toEqual(["clusterSnapshots", "shardedClusterSnapshots"]);
    });
});

describe("names of another family", () => {
    test("CloudBackupSnapshot naming a Flex cluster says ServerlessBackupSnapshot reads it", async () => {
        const read = readSnapshot(emulatorClient(), args({ clusterName: "payments" }));

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(
            /CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API.*read its snapshots with ServerlessBackupSnapshot/s,
        );
    });

    test("CloudBackupSnapshot naming a serverless instance says ServerlessBackupSnapshot reads it", async () => {
        const read = readSnapshot(emulatorClient(), args({ clusterName: "orders", snapshotId: ON_DEMAND }));

        await expect(read).rejects.toThrow(/"orders" is a serverless instance.*ServerlessBackupSnapshot/s);
    });

    test("ServerlessBackupSnapshot naming a dedicated cluster says CloudBackupSnapshot reads it", async () => {
        const read = readSnapshot(
            emulatorClient(),
            validateArgs({ projectId: PROJECT, instanceName: "analytics", snapshotId: NEWEST_ANALYTICS }),
        );

        await expect(read).rejects.toThrow(/CloudBackupSnapshot .*clusterName: "analytics"/s);
    });

    test("an unknown cluster is a 404 that names it; a refresh then drops the resource with a warning", async () => {
        const warnings: string[] = [];
        const environment: ReadEnvironment = {
            now: () => Date.now(),
            sleep: async () => undefined,
            report: () => undefined,
            warn: (line) => warnings.push(line),
        };

        await expect(readSnapshot(emulatorClient(), args({ clusterName: "gone" }))).rejects.toThrow(
            new RegExp(`No cluster named "gone" exists in project ${PROJECT}`),
        );
        const refreshed = await readInPhase(
            emulatorClient(),
            args({ clusterName: "analytics", snapshotId: "0123456789abcdef01234567" }),
            "refresh",
            environment,
        );
        expect(refreshed).toBeUndefined();
        expect(warnings[0]).toMatch(/The refresh removes it from the stack's state/);
    });
});
