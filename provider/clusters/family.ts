// Dedicated clusters as a family of snapshots: the replica-set routes answer for every cluster, and a sharded
// cluster's snapshots get their members from the sharded-cluster routes, one more request for one snapshot or for a
// whole list (that route takes no paging); a replica set's cost nothing more.
import type { SnapshotFamily } from "../snapshots/family";
import { foreignAnswer } from "../snapshots/family";
import { fromCluster, isSharded } from "./mapping";

/** The family of `CloudBackupSnapshot(s)` and `getCloudBackupSnapshot(s)`. */
export const CLUSTER_FAMILY: SnapshotFamily = {
    async mapOne(client, key, answer) {
        if (answer.api !== "cluster") throw foreignAnswer("dedicated cluster", answer.api);
        const sharded = isSharded(answer.snapshot)
            ? await client.getShardedSnapshot(key.projectId, key.instanceName, key.snapshotId)
            : undefined;
        return fromCluster(key, answer.snapshot, sharded);
    },
    async mapList(client, key, answer) {
        if (answer.api !== "cluster") throw foreignAnswer("dedicated cluster", answer.api);
        const members = answer.snapshots.some(isSharded)
            ? new Map((await client.listShardedSnapshots(key.projectId, key.instanceName)).map((s) => [s.id, s]))
            : new Map();
        return answer.snapshots.flatMap((s) =>
            s.id ? [fromCluster({ ...key, snapshotId: s.id }, s, members.get(s.id))] : [],
        );
    },
};
