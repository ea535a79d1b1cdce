// The package's public API: what a Pulumi program imports.
export { ServerlessBackupSnapshot } from "./resource";
export type { ServerlessBackupSnapshotArgs, SnapshotChecksInput, SnapshotWaitInput } from "./resource";
export { ServerlessBackupSnapshots } from "./snapshotList";
export type { ServerlessBackupSnapshotsArgs } from "./snapshotList";
export {
    getServerlessBackupSnapshot,
    getServerlessBackupSnapshotOutput,
    getServerlessBackupSnapshots,
    getServerlessBackupSnapshotsOutput,
} from "./get";
export type { GetServerlessBackupSnapshotResult, GetServerlessBackupSnapshotsResult } from "./get";
export type { SnapshotOutputs, ApiChoice } from "./outputs";
export type { PlainSnapshotArgs, PlainSnapshotListArgs, SnapshotChecks, SnapshotWait } from "./args";
export type { ServerlessSnapshotStatus, FlexSnapshotStatus, FrequencyType, SnapshotType, Link } from "./atlas/schemas";
export type { SnapshotApi } from "./atlas/endpoints";
export { InputError, UnknownArgumentError, ConfigurationError } from "./common/errors";
export { CheckFailedError, SnapshotReadError } from "./errors";
