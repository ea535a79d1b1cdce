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

/** How often a serverless snapshot triggers. */
export const FREQUENCY_TYPES = ["hourly", "daily", "weekly", "monthly"] as const;
export type FrequencyType = (typeof FREQUENCY_TYPES)[number];

/** What triggered a serverless snapshot. */
export const SNAPSHOT_TYPES = ["onDemand", "scheduled"] as const;
export type SnapshotType = (typeof SNAPSHOT_TYPES)[number];
