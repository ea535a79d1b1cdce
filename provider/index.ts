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
export { CloudBackupSnapshot } from "./program/clusterSnapshot";
export type { CloudBackupSnapshotArgs } from "./program/clusterSnapshot";
export { CloudBackupSnapshots } from "./program/clusterSnapshotList";
export type { CloudBackupSnapshotsArgs } from "./program/clusterSnapshotList";
export {
    getCloudBackupSnapshot,
    getCloudBackupSnapshotOutput,
    getCloudBackupSnapshots,
    getCloudBackupSnapshotsOutput,
} from "./program/clusterGet";
export type { GetCloudBackupSnapshotResult, GetCloudBackupSnapshotsResult } from "./program/clusterGet";
export type { CloudBackupSnapshotList, CloudBackupSnapshotOutputs } from "./clusters/outputs";
export type { PlainCloudBackupSnapshotArgs, PlainCloudBackupSnapshotsArgs } from "./clusters/args";
export type { SnapshotOutputs, ApiChoice } from "./snapshots/outputs";
export type { PlainSnapshotArgs, PlainSnapshotListArgs, SnapshotChecks, SnapshotWait } from "./snapshots/args";
export type { ServerlessSnapshotStatus, FlexSnapshotStatus, FrequencyType, SnapshotType, Link } from "./atlas/schemas";
export type { SnapshotApi } from "./atlas/endpoints";
export { InputError, UnknownArgumentError, ConfigurationError } from "./common/errors";
export { CheckFailedError, SnapshotReadError } from "./snapshots/errors";
