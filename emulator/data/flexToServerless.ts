// A Flex cluster migrated from serverless is still served by the deprecated serverless routes, in the
// serverless shape; this is the field mapping, and it invents nothing the Flex snapshot does not say.
import type {
    FlexSnapshot,
    FlexSnapshotStatus,
    ServerlessSnapshot,
    ServerlessSnapshotStatus,
} from "../../provider/atlas/schemas";

/** How each Flex status reads in the serverless vocabulary. */
export const FLEX_TO_SERVERLESS_STATUS: Record<FlexSnapshotStatus, ServerlessSnapshotStatus> = {
    PENDING: "queued",
    QUEUED: "queued",
    RUNNING: "inProgress",
    COMPLETED: "completed",
    FAILED: "failed",
};

/**
 * Converts a Flex snapshot of the named cluster to the serverless shape: createdAt from startTime (else
 * scheduledTime), expiresAt from expiration, mongodVersion from mongoDBVersion; size, type and frequency stay absent.
 */
export function flexToServerless(snapshot: FlexSnapshot, instanceName: string): ServerlessSnapshot {
    const converted: ServerlessSnapshot = { id: snapshot.id };
    const createdAt = snapshot.startTime ?? snapshot.scheduledTime;
    if (createdAt !== undefined) converted.createdAt = createdAt;
    if (snapshot.expiration !== undefined) converted.expiresAt = snapshot.expiration;
    if (snapshot.mongoDBVersion !== undefined) converted.mongodVersion = snapshot.mongoDBVersion;
    converted.serverlessInstanceName = instanceName;
    if (snapshot.status !== undefined) converted.status = FLEX_TO_SERVERLESS_STATUS[snapshot.status];
    return converted;
}
