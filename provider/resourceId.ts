// The id of a snapshot resource in the state: what a read step is asked to read. Ids are never secret in
// Pulumi, so a key with a secret part gets an opaque id instead of one that spells the secret out.
import { createHash } from "crypto";
import type { SnapshotKey } from "./mapping";

/** `{projectId}/{instanceName}/{snapshotId}`, or `sha256:<hex>` of it when part of the key is secret. */
export function snapshotResourceId(key: SnapshotKey, secret = false): string {
    const plain = `${key.projectId}/${key.instanceName}/${key.snapshotId}`;
    return secret ? `sha256:${createHash("sha256").update(plain).digest("hex")}` : plain;
}

/** Whether `id` is one of the ids `key` may have. */
export function isResourceIdOf(id: string, key: SnapshotKey): boolean {
    return id === snapshotResourceId(key) || id === snapshotResourceId(key, true);
}
