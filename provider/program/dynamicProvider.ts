// The providers as the engine stores them. A dynamic resource carries its provider's code in its state (twice:
// inputs and outputs) as module text whose `handler` export returns the provider; Pulumi's dynamic-provider host
// evaluates that text in the provider process. Here the text is one line that takes the provider from the
// installed package's runtime, so the state holds no copy of the client and no credential, and each resource
// carries about a hundred bytes of code instead of a serialized closure.

/** The `__provider` of every `ServerlessBackupSnapshot`. */
export const SNAPSHOT_PROVIDER_SOURCE =
    'exports.handler = () => require("pulumi-atlas-backup-snapshots/runtime").snapshotProvider;';

/** The `__provider` of every `ServerlessBackupSnapshots`. */
export const SNAPSHOT_LIST_PROVIDER_SOURCE =
    'exports.handler = () => require("pulumi-atlas-backup-snapshots/runtime").snapshotListProvider;';

/** The type token Pulumi's dynamic resources have, which routes them to the dynamic-provider host. */
export function dynamicType(type: string): string {
    return `pulumi-nodejs:dynamic/atlas:${type}`;
}

/** The `__provider` of every `CloudBackupSnapshot`. */
export const CLUSTER_SNAPSHOT_PROVIDER_SOURCE =
    'exports.handler = () => require("pulumi-atlas-backup-snapshots/runtime").clusterSnapshotProvider;';

/** The `__provider` of every `CloudBackupSnapshots`. */
export const CLUSTER_SNAPSHOT_LIST_PROVIDER_SOURCE =
    'exports.handler = () => require("pulumi-atlas-backup-snapshots/runtime").clusterSnapshotListProvider;';
