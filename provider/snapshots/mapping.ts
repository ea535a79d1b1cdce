// The pure mapping from either Atlas snapshot shape to the one model users see.
import type { FlexSnapshot, FlexSnapshotStatus, ServerlessSnapshot, ServerlessSnapshotStatus } from "../atlas/schemas";
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
export function present<T extends object>(fields: T): T {
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
