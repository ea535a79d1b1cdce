// The id of a snapshot resource in the state: what a read step is asked to read. Ids are never secret in
// Pulumi, so a key with a secret part gets an opaque id instead of one that spells the secret out.
import { createHash } from "crypto";
import type { ReadKey } from "./args";

/** The last segment of the id of a resource that reads the newest snapshot. */
export const NEWEST = "newest";

/**
 * `{projectId}/{instanceName}/{snapshotId}` (`…/newest` when the newest snapshot is read), or `sha256:<hex>` of it
 * when part of the key is secret.
 */
export function snapshotResourceId(key: ReadKey, secret = false): string {
    const plain = `${key.projectId}/${key.instanceName}/${key.snapshotId ?? NEWEST}`;
    return secret ? `sha256:${createHash("sha256").update(plain).digest("hex")}` : plain;
}

/** Whether `id` is one of the ids `key` may have. */
export function isResourceIdOf(id: string, key: ReadKey): boolean {
    return id === snapshotResourceId(key) || id === snapshotResourceId(key, true);
}

/** The id of a snapshot list: `{projectId}/{instanceName}/snapshots`, or a digest when part of it is secret. */
export function snapshotListResourceId(key: { projectId: string; instanceName: string }, secret = false): string {
    const plain = `${key.projectId}/${key.instanceName}/snapshots`;
    return secret ? `sha256:${createHash("sha256").update(plain).digest("hex")}` : plain;
}
