// Dedicated clusters' snapshots: their arguments, the mapping of both cluster shapes, their outputs in the
// clusters' words, and the messages that send a name to the resource that reads it. No network.
import { bucketOf } from "../../provider/atlas/client";
import { shardedSnapshotPath, snapshotPath } from "../../provider/atlas/endpoints";
import { AtlasRequestError } from "../../provider/atlas/failure";
import type { ClusterSnapshot, ShardedClusterSnapshot } from "../../provider/atlas/schemas";
import { internalKeyNames, validateClusterArgs, validateClusterListArgs } from "../../provider/clusters/args";
import {
    CLUSTER_OUTPUT_KEYS,
    clusterReadArgumentsOf,
    toClusterList,
    toClusterOutputs,
} from "../../provider/clusters/outputs";
import { InputError, UnknownArgumentError } from "../../provider/common/errors";
import { explainRead } from "../../provider/snapshots/explain";
import { CLUSTER_FAMILY } from "../../provider/clusters/family";
import { fromCluster, isSharded } from "../../provider/clusters/mapping";
import { readStepText } from "../../provider/snapshots/outputs";

const PROJECT = "32b6e34b3d91647abb20e7b8";
const SNAPSHOT = "6a7944f22c88faeba59d3572";
const key = { projectId: PROJECT, instanceName: "cluster-209", snapshotId: SNAPSHOT };

// A dedicated replica set's on-demand snapshot as Atlas answered it, in progress and then completed (recorded by
// MongoDB's CLI tests, Watch_creation calls 1 and 4; links left out).
const IN_PROGRESS: ClusterSnapshot = {
    copyRegions: [],
    description: "test-snapshot",
    expiresAt: "2026-08-11T03:26:42Z",
    frequencyType: "ondemand",
    id: SNAPSHOT,
    policyItems: [],
    replicaSetName: "cluster-209",
    snapshotType: "onDemand",
    status: "inProgress",
    storageSizeBytes: 0,
    type: "replicaSet",
};
const COMPLETED: ClusterSnapshot = {
    ...IN_PROGRESS,
    cloudProvider: "AWS",
    createdAt: "2026-08-10T03:28:08Z",
    expiresAt: "2026-08-11T03:29:21Z",
    mongodVersion: "8.0.29",
    status: "completed",
    storageSizeBytes: 1582854144,
};

describe("fromCluster", () => {
    test("maps a completed replica set's snapshot, `ondemand` as Atlas sent it", () => {
        expect(fromCluster(key, COMPLETED)).toStrictEqual({
            ...key,
            source: "cluster",
            status: "completed",
            rawStatus: "completed",
            createdAt: "2026-08-10T03:28:08Z",
            expiresAt: "2026-08-11T03:29:21Z",
            storageSizeBytes: 1582854144,
            frequencyType: "ondemand",
            snapshotType: "onDemand",
            mongodVersion: "8.0.29",
            type: "replicaSet",
            description: "test-snapshot",
            cloudProvider: "AWS",
            replicaSetName: "cluster-209",
            copyRegions: [],
            policyItems: [],
        });
    });

    test("leaves out what Atlas has not sent yet: no createdAt, cloud provider or version in progress", () => {
        const snapshot = fromCluster(key, IN_PROGRESS);

        expect(snapshot.status).toBe("inProgress");
        expect(snapshot).not.toHaveProperty("createdAt");
        expect(snapshot).not.toHaveProperty("cloudProvider");
        expect(snapshot).not.toHaveProperty("mongodVersion");
        expect(snapshot.storageSizeBytes).toBe(0);
    });

    test("keeps a status outside the API's words as rawStatus only", () => {
        const snapshot = fromCluster(key, { ...COMPLETED, status: "archived" });

        expect(snapshot).not.toHaveProperty("status");
        expect(snapshot.rawStatus).toBe("archived");
    });

    test("adds a sharded cluster's members, member snapshot ids and config server from the sharded route", () => {
        const replicaSetView: ClusterSnapshot = { id: SNAPSHOT, status: "completed", type: "shardedCluster" };
        const sharded: ShardedClusterSnapshot = {
            id: SNAPSHOT,
            type: "shardedCluster",
            configServerType: "EMBEDDED",
            members: [
                { cloudProvider: "AWS", id: "6a7944f22c88faeba59d3573", replicaSetName: "ledger-shard-0" },
                { cloudProvider: "AWS", id: "6a7944f22c88faeba59d3574", replicaSetName: "ledger-shard-1" },
            ],
            snapshotIds: ["6a7944f22c88faeba59d3573", "6a7944f22c88faeba59d3574"],
        };

        expect(isSharded(replicaSetView)).toBe(true);
        expect(isSharded(COMPLETED)).toBe(false);
        expect(fromCluster(key, replicaSetView, sharded)).toMatchObject({
            type: "shardedCluster",
            configServerType: "EMBEDDED",
            members: sharded.members,
            snapshotIds: sharded.snapshotIds,
        });
    });
});

describe("the clusters' outputs", () => {
    test("name the cluster `clusterName` and carry no serverless or Flex field", () => {
        const outputs = toClusterOutputs(fromCluster(key, COMPLETED));

        expect(outputs.clusterName).toBe("cluster-209");
        expect(outputs).not.toHaveProperty("instanceName");
        expect(outputs).not.toHaveProperty("source");
        expect(Object.keys(outputs).every((name) => (CLUSTER_OUTPUT_KEYS as readonly string[]).includes(name))).toBe(
            true,
        );
    });

    test("a list names its cluster and Atlas's count", () => {
        const list = toClusterList(key, {
            source: "cluster",
            snapshots: [fromCluster(key, COMPLETED)],
            totalCount: 7,
        });

        expect(list).toMatchObject({ projectId: PROJECT, clusterName: "cluster-209", totalCount: 7 });
        expect(list.snapshots[0].snapshotId).toBe(SNAPSHOT);
    });

    test("a refresh reads the key back from the last answer, beside the recorded arguments", () => {
        const props = {
            args: readStepText({ checks: { maxAge: "1d" } }),
            snapshot: readStepText(toClusterOutputs(fromCluster(key, COMPLETED))),
        };

        expect(clusterReadArgumentsOf(props)).toStrictEqual({
            projectId: PROJECT,
            clusterName: "cluster-209",
            snapshotId: SNAPSHOT,
            checks: { maxAge: "1d" },
        });
    });
});

describe("validateClusterArgs", () => {
    test("reads the cluster API, the cluster as the read's instance", () => {
        expect(validateClusterArgs({ projectId: PROJECT, clusterName: "analytics" })).toStrictEqual({
            key: { projectId: PROJECT, instanceName: "analytics" },
            api: "cluster",
            checks: {},
            family: CLUSTER_FAMILY,
        });
    });

    test("refuses a misspelt argument, naming the one meant, rather than read the newest snapshot", () => {
        const call = () => validateClusterArgs({ projectId: PROJECT, clusterName: "analytics", snapshotID: SNAPSHOT });

        expect(call).toThrow(UnknownArgumentError);
        expect(call).toThrow(/snapshotID.*snapshotId/s);
    });

    test("refuses `instanceName` and `api`, which belong to ServerlessBackupSnapshot", () => {
        expect(() => validateClusterArgs({ projectId: PROJECT, instanceName: "analytics" })).toThrow(
            UnknownArgumentError,
        );
        expect(() => validateClusterArgs({ projectId: PROJECT, clusterName: "analytics", api: "flex" })).toThrow(
            UnknownArgumentError,
        );
    });

    test.each([
        ["a name with a slash", "analytics/../x"],
        ["an empty name", ""],
        ["a name of 65 characters", "a".repeat(65)],
        ["a number", 42],
    ])("refuses %s as clusterName, naming the argument", (_case, clusterName) => {
        const call = () => validateClusterArgs({ projectId: PROJECT, clusterName });

        expect(call).toThrow(InputError);
        expect(call).toThrow(/clusterName/);
    });

    test("checks `checks` and `waitFor` as the serverless resource does", () => {
        expect(() => validateClusterArgs({ projectId: PROJECT, clusterName: "a", checks: { maxAge: "soon" } })).toThrow(
            /checks\.maxAge/,
        );
        expect(() => validateClusterArgs({ projectId: PROJECT, clusterName: "a", waitFor: {} })).toThrow(/snapshotId/);
    });

    test("the list takes its filters and refuses another argument", () => {
        expect(
            validateClusterListArgs({ projectId: PROJECT, clusterName: "ledger", status: "completed", maxAge: "7d" }),
        ).toStrictEqual({
            key: { projectId: PROJECT, instanceName: "ledger" },
            api: "cluster",
            family: CLUSTER_FAMILY,
            status: ["completed"],
            maxAgeMs: 7 * 86_400_000,
        });
        expect(() => validateClusterListArgs({ projectId: PROJECT, clusterName: "ledger", statuses: [] })).toThrow(
            /statuses.*status/s,
        );
    });

    test("secret key names go from the program's words to the read's", () => {
        expect(internalKeyNames(["projectId", "clusterName"])).toStrictEqual(["projectId", "instanceName"]);
    });
});

describe("the cluster API's routes", () => {
    test("one snapshot and the list, and the sharded routes' two spellings", () => {
        expect(snapshotPath("cluster", PROJECT, "ledger", SNAPSHOT)).toBe(
            `/api/atlas/v2/groups/${PROJECT}/clusters/ledger/backup/snapshots/${SNAPSHOT}`,
        );
        expect(shardedSnapshotPath(PROJECT, "ledger")).toBe(
            `/api/atlas/v2/groups/${PROJECT}/clusters/ledger/backup/snapshots/shardedClusters`,
        );
        expect(shardedSnapshotPath(PROJECT, "ledger", SNAPSHOT)).toBe(
            `/api/atlas/v2/groups/${PROJECT}/clusters/ledger/backup/snapshots/shardedCluster/${SNAPSHOT}`,
        );
    });

    test("draw on a bucket of their own, named for the project", () => {
        expect(bucketOf(shardedSnapshotPath(PROJECT, "ledger"))).toBe(
            `cloud backup snapshot reads of project ${PROJECT}`,
        );
    });
});

describe("a name read by the wrong family", () => {
    const failure = (path: string, errorCode: string) =>
        new AtlasRequestError({ kind: "http", status: 400, errorCode }, { method: "GET", host: "h", path }, 1);
    const context = { key: { projectId: PROJECT, instanceName: "analytics" }, credential: "the service account" };

    test("ServerlessBackupSnapshot naming a dedicated cluster is sent to CloudBackupSnapshot", () => {
        const message = explainRead(context, [
            { api: "flex", error: failure("/flex", "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API") },
            { api: "serverless", error: failure("/serverless", "CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API") },
        ]);

        expect(message).toMatch(/CloudBackupSnapshot/);
        expect(message).toMatch(/clusterName: "analytics"/);
    });

    test.each(["CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", "CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API"])(
        "CloudBackupSnapshot naming another family (%s) is sent to ServerlessBackupSnapshot",
        (code) => {
            const message = explainRead(context, [{ api: "cluster", error: failure("/clusters", code) }]);

            expect(message).toMatch(/The cloud backup snapshot API/);
            expect(message).toMatch(/ServerlessBackupSnapshot .*instanceName: "analytics"/s);
        },
    );
});
