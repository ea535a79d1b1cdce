// The id of a snapshot resource in the state: what a read step is asked to read.
import type { SnapshotKey } from "./mapping";

/** `{projectId}/{instanceName}/{snapshotId}`: unique per snapshot, readable in `pulumi stack` listings. */
export function snapshotResourceId(key: SnapshotKey): string {
    return `${key.projectId}/${key.instanceName}/${key.snapshotId}`;
}
