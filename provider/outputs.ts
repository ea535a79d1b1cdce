// The one model of a snapshot that users see, whichever Atlas API answered.
import type { FrequencyType, Link, ServerlessSnapshotStatus, SnapshotType } from "./atlas/schemas";
import type { SnapshotApi } from "./atlas/endpoints";

/** Which endpoints the data source may ask: `auto` asks Flex first and falls back to serverless. */
export type ApiChoice = "auto" | SnapshotApi;

/**
 * A snapshot as the data source reports it. Fields Atlas did not send are absent, never invented.
 * The engine stores these as the resource's outputs; the `get…` functions return them as they are.
 */
export interface SnapshotOutputs {
    /** The Atlas project (group) id that was read. */
    projectId: string;
    /** The serverless instance or Flex cluster name that was read. */
    instanceName: string;
    /** The snapshot id that was read. */
    snapshotId: string;
    /** Which endpoint answered: `serverless` or `flex`. */
    source: SnapshotApi;
    /** The status in the serverless vocabulary: queued, inProgress, completed or failed. */
    status?: ServerlessSnapshotStatus;
    /** The status exactly as Atlas sent it (Flex sends PENDING, QUEUED, RUNNING, COMPLETED, FAILED). */
    rawStatus?: string;
    /** When the snapshot was taken (Flex: `startTime`, else `scheduledTime`). */
    createdAt?: string;
    /** When Atlas deletes the snapshot (Flex: `expiration`). */
    expiresAt?: string;
    /** Bytes the snapshot takes (serverless answers only). */
    storageSizeBytes?: number;
    /** How often the snapshot triggers (serverless answers only). */
    frequencyType?: FrequencyType;
    /** Whether the snapshot was on demand or scheduled (serverless answers only). */
    snapshotType?: SnapshotType;
    /** The MongoDB version the snapshot backs up (Flex: `mongoDBVersion`). */
    mongodVersion?: string;
    /** The serverless instance Atlas names as the snapshot's source (serverless answers only). */
    serverlessInstanceName?: string;
    /** Links Atlas sent with the snapshot. */
    links?: Link[];
    /** Flex only: when Atlas scheduled the snapshot. */
    scheduledTime?: string;
    /** Flex only: when Atlas began taking the snapshot. */
    startTime?: string;
    /** Flex only: when Atlas finished writing the snapshot. */
    finishTime?: string;
}
