// The package's public API: what a Pulumi program imports.
export { ServerlessBackupSnapshot } from "./resource";
export type { ServerlessBackupSnapshotArgs, SnapshotChecksInput } from "./resource";
export { getServerlessBackupSnapshot, getServerlessBackupSnapshotOutput } from "./get";
export type { GetServerlessBackupSnapshotResult } from "./get";
export type { SnapshotOutputs, ApiChoice } from "./outputs";
export type { PlainSnapshotArgs, SnapshotChecks } from "./args";
export type { ServerlessSnapshotStatus, FlexSnapshotStatus, FrequencyType, SnapshotType, Link } from "./atlas/schemas";
export type { SnapshotApi } from "./atlas/endpoints";
export { InputError, ConfigurationError, CheckFailedError, SnapshotReadError } from "./errors";
