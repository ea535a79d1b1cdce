// The package's public API: what a Pulumi program imports.
export { ServerlessBackupSnapshot } from "./program/resource";
export type { ServerlessBackupSnapshotArgs, SnapshotChecksInput, SnapshotWaitInput } from "./program/resource";
export { ServerlessBackupSnapshots } from "./program/snapshotList";
export type { ServerlessBackupSnapshotsArgs } from "./program/snapshotList";
export {
    getServerlessBackupSnapshot,
    getServerlessBackupSnapshotOutput,
    getServerlessBackupSnapshots,
    getServerlessBackupSnapshotsOutput,
} from "./program/get";
export type { GetServerlessBackupSnapshotResult, GetServerlessBackupSnapshotsResult } from "./program/get";
export type { SnapshotOutputs, ApiChoice } from "./snapshots/outputs";
export type { PlainSnapshotArgs, PlainSnapshotListArgs, SnapshotChecks, SnapshotWait } from "./snapshots/args";
export type { ServerlessSnapshotStatus, FlexSnapshotStatus, FrequencyType, SnapshotType, Link } from "./atlas/schemas";
export type { SnapshotApi } from "./atlas/endpoints";
export { InputError, UnknownArgumentError, ConfigurationError } from "./common/errors";
export { CheckFailedError, SnapshotReadError } from "./snapshots/errors";
