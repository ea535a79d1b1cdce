// The id of a snapshot resource in the state: what a read step is asked to read. Ids are never secret in
// Pulumi, so a key with a secret part gets an id made of the resource's own name instead: nothing in it can be
// traced back to the key, not even by hashing guesses.
import { createHash } from "crypto";
import type { ReadKey } from "./args";

/** The last segment of the id of a resource that reads the newest snapshot. */
export const NEWEST = "newest";

/** What an opaque id says it stands for: one snapshot, the newest snapshot, or the list. */
export type OpaqueIdKind = "snapshot" | "newest" | "snapshots";

/** The prefix of every opaque id. */
const OPAQUE_PREFIX = "secret:";

/** `secret:<kind>:<resource name>`: the id of a resource whose key has a secret part. */
export function opaqueResourceId(kind: OpaqueIdKind, resourceName: string): string {
    return `${OPAQUE_PREFIX}${kind}:${resourceName}`;
}

/** The digest ids of earlier versions, still accepted so stacks written by them refresh and destroy. */
function legacyDigestId(plain: string): string {
    return `sha256:${createHash("sha256").update(plain).digest("hex")}`;
}

/** `{projectId}/{instanceName}/{snapshotId}`, or `…/newest` when the newest snapshot is read. */
export function snapshotResourceId(key: ReadKey): string {
    return `${key.projectId}/${key.instanceName}/${key.snapshotId ?? NEWEST}`;
}

/** Whether `id` is one of the ids a resource reading `key` may have. */
export function isResourceIdOf(id: string, key: ReadKey): boolean {
    const plain = snapshotResourceId(key);
    const kind: OpaqueIdKind = key.snapshotId === undefined ? "newest" : "snapshot";
    return id === plain || id === legacyDigestId(plain) || id.startsWith(`${OPAQUE_PREFIX}${kind}:`);
}

/** The id of a snapshot list: `{projectId}/{instanceName}/snapshots`. */
export function snapshotListResourceId(key: { projectId: string; instanceName: string }): string {
    return `${key.projectId}/${key.instanceName}/snapshots`;
}

/** Whether `id` is one of the ids a list of `key`'s snapshots may have. */
export function isListResourceIdOf(id: string, key: { projectId: string; instanceName: string }): boolean {
    const plain = snapshotListResourceId(key);
    return id === plain || id === legacyDigestId(plain) || id.startsWith(`${OPAQUE_PREFIX}snapshots:`);
}
