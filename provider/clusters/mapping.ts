// The pure mapping from a dedicated cluster's answers (the replica-set shape, and the sharded-cluster shape that adds
// the members) to the one snapshot model.
import { SERVERLESS_STATUSES } from "../atlas/schemas";
import type { ClusterSnapshot, ServerlessSnapshotStatus, ShardedClusterSnapshot } from "../atlas/schemas";
import { present } from "../snapshots/mapping";
import type { SnapshotKey } from "../snapshots/mapping";
import type { SnapshotOutputs } from "../snapshots/outputs";

/** A cluster status in the package's vocabulary (the cluster API's words are the serverless ones), else undefined. */
function clusterStatus(status: string | undefined): ServerlessSnapshotStatus | undefined {
    return (SERVERLESS_STATUSES as readonly (string | undefined)[]).includes(status)
        ? (status as ServerlessSnapshotStatus)
        : undefined;
}

/**
 * Maps a dedicated cluster's answer (`DiskBackupReplicaSet`) to outputs; for a sharded cluster, `sharded` is the
 * same snapshot from the sharded-cluster route, which adds its members. A status outside the API's words is kept
 * as `rawStatus` only, so a check on `status` fails on it rather than take it for another.
 */
export function fromCluster(
    key: SnapshotKey,
    snapshot: ClusterSnapshot,
    sharded?: ShardedClusterSnapshot,
): SnapshotOutputs {
    return present({
        ...key,
        snapshotId: snapshot.id ?? key.snapshotId,
        source: "cluster" as const,
        status: clusterStatus(snapshot.status),
        rawStatus: snapshot.status,
        createdAt: snapshot.createdAt,
        expiresAt: snapshot.expiresAt,
        storageSizeBytes: snapshot.storageSizeBytes,
        frequencyType: snapshot.frequencyType,
        snapshotType: snapshot.snapshotType,
        mongodVersion: snapshot.mongodVersion,
        links: snapshot.links,
        type: snapshot.type,
        description: snapshot.description,
        cloudProvider: snapshot.cloudProvider,
        replicaSetName: snapshot.replicaSetName,
        copyRegions: snapshot.copyRegions,
        policyItems: snapshot.policyItems,
        masterKeyUUID: snapshot.masterKeyUUID,
        members: sharded?.members,
        snapshotIds: sharded?.snapshotIds,
        configServerType: sharded?.configServerType,
    });
}

/** Whether a dedicated cluster's snapshot is a sharded cluster's, whose members the sharded route names. */
export function isSharded(snapshot: ClusterSnapshot): boolean {
    return snapshot.type === "shardedCluster";
}
