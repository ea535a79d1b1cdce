// The one model of a snapshot that users see, whichever Atlas API answered.
import type {
    FrequencyType,
    Link,
    ServerlessSnapshotStatus,
    ShardedSnapshotMember,
    SnapshotType,
} from "../atlas/schemas";
import type { SnapshotApi } from "../atlas/endpoints";

/** Which endpoints the data source may ask: `auto` asks Flex first and falls back to serverless. */
export type ApiChoice = "auto" | SnapshotApi;

/**
 * A snapshot as the data source reports it. Fields Atlas did not send are absent, never invented.
 * The `get…` functions return them as they are; a read step keeps them as JSON text (`readStepText`).
 */
export interface SnapshotOutputs {
    /** The Atlas project (group) id that was read. */
    projectId: string;
    /** The serverless instance, Flex cluster or dedicated cluster name that was read. */
    instanceName: string;
    /** The snapshot id that was read. */
    snapshotId: string;
    /** Which endpoint answered: `serverless`, `flex` or (a dedicated cluster) `cluster`. */
    source: SnapshotApi;
    /** The status in the serverless vocabulary: queued, inProgress, completed or failed. */
    status?: ServerlessSnapshotStatus;
    /** The status exactly as Atlas sent it (Flex sends PENDING, QUEUED, RUNNING, COMPLETED, FAILED). */
    rawStatus?: string;
    /** When the snapshot was taken (Flex: `startTime`, else `scheduledTime`). */
    createdAt?: string;
    /** When Atlas deletes the snapshot (Flex: `expiration`). */
    expiresAt?: string;
    /** Bytes the snapshot takes (serverless and dedicated clusters' answers). */
    storageSizeBytes?: number;
    /** How often the snapshot triggers, as Atlas sent it (`ondemand` included); not in Flex answers. */
    frequencyType?: FrequencyType;
    /** Whether the snapshot was on demand, scheduled or (clusters) a fallback; not in Flex answers. */
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
    /** Dedicated clusters: what the snapshot backs up, `replicaSet` or `shardedCluster`. */
    type?: string;
    /** Dedicated clusters: the description given to an on-demand snapshot. */
    description?: string;
    /** Dedicated replica sets: the cloud provider that stores the snapshot (AWS, AZURE, GCP), once it runs. */
    cloudProvider?: string;
    /** Dedicated replica sets: the replica set the snapshot backs up. */
    replicaSetName?: string;
    /** Dedicated replica sets: the regions the snapshot is copied to. */
    copyRegions?: string[];
    /** Dedicated clusters: the ids of the backup policy items that took the snapshot. */
    policyItems?: string[];
    /** Dedicated clusters: the customer master key's UUID, for an encrypted snapshot. */
    masterKeyUUID?: string;
    /** Sharded clusters: each shard's and the config server's snapshot. */
    members?: ShardedSnapshotMember[];
    /** Sharded clusters: the ids of the members' snapshots. */
    snapshotIds?: string[];
    /** Sharded clusters: whether the config server is `EMBEDDED` or `DEDICATED`. */
    configServerType?: string;
}

/** Every output of a snapshot a `ServerlessBackupSnapshot` exposes, each an `Output` of its own. */
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

/**
 * What a read step carries, inputs and outputs alike, in as few properties as the engine allows: the Node.js SDK
 * makes four promises (and four stack traces) for every property a resource registers, which cost a read step
 * about 0.4 ms each at N = 300, so a read step registers two (`args` and `snapshot`) besides `__provider`, and
 * the resource derives each output a program reads from them. Each is one JSON text (see `readStepText`): the
 * engine serializes every resource of the stack again at each step, preview included, and an object's fields
 * cost it several times what one string costs, which made a read step of nested objects 1.2 × the floor.
 */
export interface ReadStepOutputs {
    /** The read's arguments besides its key, which the snapshot names: with it, what a refresh reads again. */
    args: Omit<ReadStepArguments, "projectId" | "instanceName" | "snapshotId">;
    /** The snapshot read, as the get… functions return it: absent fields are absent. */
    snapshot: SnapshotOutputs;
}

/** The read's arguments in a read step's state. */
export interface ReadStepArguments {
    projectId: string;
    instanceName: string;
    /** Absent when the read step reads the newest snapshot. */
    snapshotId?: string;
    api: ApiChoice;
    checks?: unknown;
    waitFor?: unknown;
    /** The key arguments the program marked secret; absent when none is. */
    secretArguments?: string[];
}

/**
 * One property of a read step as the state keeps it: JSON text, its objects' keys in a fixed order so the same
 * arguments always make the same text (a preview after an up shows no change), undefined values left out.
 */
export function readStepText(value: object): string {
    return JSON.stringify(value, (_key, field: unknown) =>
        isObject(field)
            ? Object.fromEntries(
                  Object.keys(field)
                      .sort()
                      .map((name) => [name, field[name]]),
              )
            : field,
    );
}

/**
 * A read step's property as an object: the JSON text `readStepText` wrote, or the object that states written
 * between 0.1.0 and that form hold; undefined for anything else (absent, or text that is not a JSON object).
 */
export function readStepValue(property: unknown): Record<string, unknown> | undefined {
    if (isObject(property)) return property;
    if (typeof property !== "string") return undefined;
    try {
        const value: unknown = JSON.parse(property);
        return isObject(value) ? value : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The read's arguments in a read step's properties: `args` in the form above; the properties themselves in the
 * flat form that versions up to 0.1.0 wrote (each argument and each output a property of its own), which a
 * refresh of their states hands over.
 */
export function readArgumentsOf(props: Record<string, unknown>): Record<string, unknown> {
    const args = readStepValue(props.args);
    if (args === undefined) {
        return props;
    }
    // A read step's last answer names its key in the snapshot (a newest one's id tells it was the newest).
    const snapshot = readStepValue(props.snapshot) ?? {};
    const { projectId, instanceName, snapshotId } = snapshot;
    return { ...withoutUndefined({ projectId, instanceName, snapshotId }), ...args };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The entries whose value is not undefined: an argument not given stays out of the state. */
export function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Whether properties are a read step's last answer (a refresh), in either form, rather than a program's inputs. */
export function isReadAnswer(props: Record<string, unknown>): boolean {
    return props.snapshot !== undefined || props.source !== undefined;
}
