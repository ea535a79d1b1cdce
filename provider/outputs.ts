// The one model of a snapshot that users see, whichever Atlas API answered.
import type { FrequencyType, Link, ServerlessSnapshotStatus, SnapshotType } from "./atlas/schemas";
import type { SnapshotApi } from "./atlas/endpoints";

/** Which endpoints the data source may ask: `auto` asks Flex first and falls back to serverless. */
export type ApiChoice = "auto" | SnapshotApi;

/**
 * A snapshot as the data source reports it. Fields Atlas did not send are absent, never invented.
 * The `get…` functions return them as they are; a read step answers them with `withAbsentAsNull`.
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

/** Every output key, declared to the engine up front: a resource only exposes the properties it registers. */
export const OUTPUT_KEYS: readonly (keyof SnapshotOutputs)[] = [
    "projectId",
    "instanceName",
    "snapshotId",
    "source",
    "status",
    "rawStatus",
    "createdAt",
    "expiresAt",
    "storageSizeBytes",
    "frequencyType",
    "snapshotType",
    "mongodVersion",
    "serverlessInstanceName",
    "links",
    "scheduledTime",
    "startTime",
    "finishTime",
];

/** A read step's answer: every output named, null where Atlas sent nothing. */
export type AnsweredOutputs = { [K in keyof SnapshotOutputs]-?: SnapshotOutputs[K] | null };

/**
 * `snapshot` with every output Atlas did not send named as null. The Node.js SDK resolves a registered output
 * that a read step's answer leaves out as unknown in a preview but as undefined in an update, so whatever it
 * feeds would show a change after every up; a null is known in both. It invents nothing: null only says that
 * Atlas sent no value, and the resource turns it back into undefined for the program.
 */
export function withAbsentAsNull(snapshot: SnapshotOutputs): AnsweredOutputs {
    const answered = Object.fromEntries(OUTPUT_KEYS.map((key) => [key, null])) as Record<string, unknown>;
    for (const [key, value] of Object.entries(snapshot)) {
        if (value !== undefined) answered[key] = value;
    }
    return answered as AnsweredOutputs;
}
