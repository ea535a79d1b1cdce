// What a dedicated cluster's snapshot looks like to users: the one snapshot model, named by `clusterName`, with
// the fields the cluster API sends and none of the serverless or Flex ones. Pure mapping.
import { readStepValue, withoutUndefined } from "../snapshots/outputs";
import type { SnapshotOutputs } from "../snapshots/outputs";
import type { SnapshotList } from "../snapshots/read";

/** A dedicated cluster's snapshot as the data source reports it. Fields Atlas did not send are absent. */
export interface CloudBackupSnapshotOutputs {
    /** The Atlas project (group) id that was read. */
    projectId: string;
    /** The dedicated cluster that was read. */
    clusterName: string;
    /** The snapshot id that was read (for the newest, the one chosen). */
    snapshotId: string;
    /** The status: queued, inProgress, completed or failed; absent for a word outside the API's (see `rawStatus`). */
    status?: SnapshotOutputs["status"];
    /** The status exactly as Atlas sent it. */
    rawStatus?: string;
    /** When the snapshot was taken; Atlas sends it once the snapshot has run. */
    createdAt?: string;
    /** When Atlas deletes the snapshot. */
    expiresAt?: string;
    /** Bytes the snapshot takes (0 until it completes). */
    storageSizeBytes?: number;
    /** How often the snapshot triggers, as Atlas sent it: hourly, daily, weekly, monthly, yearly, or `ondemand`. */
    frequencyType?: string;
    /** onDemand, scheduled or fallback, as Atlas sent it. */
    snapshotType?: string;
    /** The MongoDB version the snapshot backs up. */
    mongodVersion?: string;
    /** What the snapshot backs up: `replicaSet` or `shardedCluster`. */
    type?: string;
    /** The description given to an on-demand snapshot. */
    description?: string;
    /** Replica sets: the cloud provider that stores the snapshot (AWS, AZURE, GCP), once it runs. */
    cloudProvider?: string;
    /** Replica sets: the replica set the snapshot backs up. */
    replicaSetName?: string;
    /** Replica sets: the regions the snapshot is copied to. */
    copyRegions?: string[];
    /** The ids of the backup policy items that took the snapshot. */
    policyItems?: string[];
    /** The customer master key's UUID, for a snapshot encrypted with one. */
    masterKeyUUID?: string;
    /** Sharded clusters: each shard's and the config server's snapshot (`cloudProvider`, `id`, `replicaSetName`). */
    members?: SnapshotOutputs["members"];
    /** Sharded clusters: the ids of the members' snapshots. */
    snapshotIds?: string[];
    /** Sharded clusters: whether the config server is `EMBEDDED` or `DEDICATED`. */
    configServerType?: string;
    /** Links Atlas sent with the snapshot. */
    links?: SnapshotOutputs["links"];
}

/** Every output a `CloudBackupSnapshot` exposes, each an `Output` of its own. */
export const CLUSTER_OUTPUT_KEYS: readonly (keyof CloudBackupSnapshotOutputs)[] = [
    "projectId",
    "clusterName",
    "snapshotId",
    "status",
    "rawStatus",
    "createdAt",
    "expiresAt",
    "storageSizeBytes",
    "frequencyType",
    "snapshotType",
    "mongodVersion",
    "type",
    "description",
    "cloudProvider",
    "replicaSetName",
    "copyRegions",
    "policyItems",
    "masterKeyUUID",
    "members",
    "snapshotIds",
    "configServerType",
    "links",
];

/** A snapshot the cluster API answered, in the clusters' words: `clusterName`, no `source`, no other family's fields. */
export function toClusterOutputs(snapshot: SnapshotOutputs): CloudBackupSnapshotOutputs {
    const outputs: Record<string, unknown> = { clusterName: snapshot.instanceName };
    for (const key of CLUSTER_OUTPUT_KEYS) {
        const value = key === "clusterName" ? snapshot.instanceName : snapshot[key as keyof SnapshotOutputs];
        if (value !== undefined) outputs[key] = value;
    }
    return outputs as unknown as CloudBackupSnapshotOutputs;
}

/** What `CloudBackupSnapshots` and `getCloudBackupSnapshots` report. */
export interface CloudBackupSnapshotList {
    /** The Atlas project (group) id that was read. */
    projectId: string;
    /** The dedicated cluster that was read. */
    clusterName: string;
    /** The snapshots that pass the filters, newest first. */
    snapshots: CloudBackupSnapshotOutputs[];
    /** How many snapshots Atlas holds for the cluster, whatever the filters. */
    totalCount: number;
}

/** A list the cluster API answered, in the clusters' words. */
export function toClusterList(
    key: { projectId: string; instanceName: string },
    list: SnapshotList,
): CloudBackupSnapshotList {
    return {
        projectId: key.projectId,
        clusterName: key.instanceName,
        snapshots: list.snapshots.map(toClusterOutputs),
        totalCount: list.totalCount,
    };
}

/**
 * The read's arguments in a `CloudBackupSnapshot` read step's properties: its `args` text with the key its last
 * answer names (`projectId`, `clusterName`, `snapshotId`; a newest read's id tells which it chose), or, on a read
 * step, the program's inputs as they are.
 */
export function clusterReadArgumentsOf(props: Record<string, unknown>): Record<string, unknown> {
    const args = readStepValue(props.args);
    if (args === undefined) {
        return props;
    }
    const snapshot = readStepValue(props.snapshot) ?? {};
    const { projectId, clusterName, snapshotId } = snapshot;
    return { ...withoutUndefined({ projectId, clusterName, snapshotId }), ...args };
}
