// The words of the Atlas Admin API v2 that this package speaks: id and name patterns and the spec's enums.
// Apart from the schemas (and zod), so a program that only declares read steps loads none of the HTTP client.

/** Atlas's pattern for project (group) ids and snapshot ids: 24 lowercase hex digits. */
export const ATLAS_ID_PATTERN = /^([a-f0-9]{24})$/;

/** Atlas's pattern for serverless instance and Flex cluster names. */
export const CLUSTER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

/** The snapshot status vocabulary of the serverless API, which this package reports for both APIs. */
export const SERVERLESS_STATUSES = ["queued", "inProgress", "completed", "failed"] as const;
export type ServerlessSnapshotStatus = (typeof SERVERLESS_STATUSES)[number];

/** The snapshot status vocabulary of the Flex API. */
export const FLEX_STATUSES = ["PENDING", "QUEUED", "RUNNING", "FAILED", "COMPLETED"] as const;
export type FlexSnapshotStatus = (typeof FLEX_STATUSES)[number];

/**
 * How often a serverless snapshot triggers, as its spec lists it. Real answers go beyond the specs' enums (an
 * on-demand snapshot of a dedicated cluster says `ondemand`), so answers are read as any string: these are the
 * known words, not a gate.
 */
export const FREQUENCY_TYPES = ["hourly", "daily", "weekly", "monthly"] as const;
/** How often a dedicated cluster's snapshot triggers, as the cloud backup spec lists it. */
export const CLUSTER_FREQUENCY_TYPES = [...FREQUENCY_TYPES, "yearly"] as const;
/** A frequency Atlas sent: a spec's word, the real `ondemand`, or another word Atlas may yet send. */
export type FrequencyType = (typeof CLUSTER_FREQUENCY_TYPES)[number] | "ondemand" | (string & {});

/** What triggered a serverless snapshot, as its spec lists it; answers are read as any string. */
export const SNAPSHOT_TYPES = ["onDemand", "scheduled"] as const;
/** What triggered a dedicated cluster's snapshot, as the cloud backup spec lists it. */
export const CLUSTER_SNAPSHOT_TYPES = [...SNAPSHOT_TYPES, "fallback"] as const;
/** A snapshot type Atlas sent: a spec's word, or another word Atlas may yet send. */
export type SnapshotType = (typeof CLUSTER_SNAPSHOT_TYPES)[number] | (string & {});

/** What a dedicated cluster's snapshot backs up: a replica set, or a sharded cluster (every shard and the config). */
export const CLUSTER_SNAPSHOT_KINDS = ["replicaSet", "shardedCluster"] as const;
