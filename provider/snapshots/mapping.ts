// The pure mapping from either Atlas snapshot shape to the one model users see.
import { SERVERLESS_STATUSES } from "../atlas/schemas";
import type {
    ClusterSnapshot,
    FlexSnapshot,
    FlexSnapshotStatus,
    ServerlessSnapshot,
    ServerlessSnapshotStatus,
    ShardedClusterSnapshot,
} from "../atlas/schemas";
import type { SnapshotOutputs } from "./outputs";

/** What was asked for, carried into every output so a refresh can read the same snapshot again. */
export interface SnapshotKey {
    projectId: string;
    instanceName: string;
    snapshotId: string;
}

/** Flex's status vocabulary in the serverless one, which the data source reports for both APIs. */
export const FLEX_STATUS_TO_SERVERLESS: Record<FlexSnapshotStatus, ServerlessSnapshotStatus> = {
    PENDING: "queued",
    QUEUED: "queued",
    RUNNING: "inProgress",
    COMPLETED: "completed",
    FAILED: "failed",
};

/** Drops absent fields, so the state never holds a key whose value Atlas did not send. */
function present<T extends object>(fields: T): T {
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** Maps a serverless answer (`ServerlessBackupSnapshot`) to outputs. */
export function fromServerless(key: SnapshotKey, snapshot: ServerlessSnapshot): SnapshotOutputs {
    return present({
        ...key,
        snapshotId: snapshot.id ?? key.snapshotId,
        source: "serverless" as const,
        status: snapshot.status,
        rawStatus: snapshot.status,
        createdAt: snapshot.createdAt,
        expiresAt: snapshot.expiresAt,
        storageSizeBytes: snapshot.storageSizeBytes,
        frequencyType: snapshot.frequencyType,
        snapshotType: snapshot.snapshotType,
        mongodVersion: snapshot.mongodVersion,
        serverlessInstanceName: snapshot.serverlessInstanceName,
        links: snapshot.links,
    });
}

/** Maps a Flex answer (`FlexBackupSnapshot20241113`) to outputs, in the serverless vocabulary. */
export function fromFlex(key: SnapshotKey, snapshot: FlexSnapshot): SnapshotOutputs {
    return present({
        ...key,
        snapshotId: snapshot.id ?? key.snapshotId,
        source: "flex" as const,
        status: snapshot.status === undefined ? undefined : FLEX_STATUS_TO_SERVERLESS[snapshot.status],
        rawStatus: snapshot.status,
        createdAt: snapshot.startTime ?? snapshot.scheduledTime,
        expiresAt: snapshot.expiration,
        mongodVersion: snapshot.mongoDBVersion,
        links: snapshot.links,
        scheduledTime: snapshot.scheduledTime,
        startTime: snapshot.startTime,
        finishTime: snapshot.finishTime,
    });
}

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
