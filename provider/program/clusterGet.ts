// The get… functions of dedicated clusters' snapshots: the same reads as CloudBackupSnapshot(s), run in the
// program's own process with the stack's config read there, as the serverless family's are (see get.ts).
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_KEY_ARGUMENTS, CLUSTER_SNAPSHOT_ARGUMENTS, CLUSTER_SNAPSHOT_LIST_ARGUMENTS } from "../clusters/args";
import type { PlainCloudBackupSnapshotArgs, PlainCloudBackupSnapshotsArgs } from "../clusters/args";
import type { CloudBackupSnapshotList, CloudBackupSnapshotOutputs } from "../clusters/outputs";
import { refuseUnknownArguments } from "../snapshots/args";
import { secretValues } from "../snapshots/redaction";
import { asRunError, toRunError } from "./errors";
import { isKnown, secretArgumentNames } from "./inputs";
import type { CloudBackupSnapshotArgs } from "./clusterSnapshot";
import type { CloudBackupSnapshotsArgs } from "./clusterSnapshotList";

/** What `getCloudBackupSnapshot` returns: `CloudBackupSnapshot`'s outputs as plain values. */
export type GetCloudBackupSnapshotResult = CloudBackupSnapshotOutputs;

/** What `getCloudBackupSnapshots` returns: `CloudBackupSnapshots`' outputs as plain values. */
export type GetCloudBackupSnapshotsResult = CloudBackupSnapshotList;

/** Refuses, at the call, an argument the function does not take: the values may stay unknown, the names never do. */
function refuseUnknownAtCall(args: unknown, known: readonly string[]): void {
    try {
        if (isKnown(args)) refuseUnknownArguments(args, known);
    } catch (error) {
        throw toRunError(error);
    }
}

// The reads' code, and the HTTP client under it, load at the first call.
function getSnapshot(
    args: PlainCloudBackupSnapshotArgs,
    secretNames: readonly string[] = [],
): Promise<GetCloudBackupSnapshotResult> {
    return asRunError(async () => {
        refuseUnknownArguments(args, CLUSTER_SNAPSHOT_ARGUMENTS);
        const [{ readSnapshotInProgram }, { validateClusterArgs }, { toClusterOutputs }] = await Promise.all([
            import("./reads"),
            import("../clusters/args"),
            import("../clusters/outputs"),
        ]);
        return toClusterOutputs(await readSnapshotInProgram(args, secretNames, validateClusterArgs));
    });
}

/**
 * Reads one snapshot of a dedicated cluster now (the newest that qualifies when `snapshotId` is omitted) and
 * resolves to its fields; rejects with the same messages as the resource. With `waitFor`, waits during
 * `pulumi up`; a preview reads once and fails only on checks that waiting cannot change.
 */
export function getCloudBackupSnapshot(
    args: PlainCloudBackupSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetCloudBackupSnapshotResult> {
    return getSnapshot(args);
}

/** Like `getCloudBackupSnapshot`, for arguments that are outputs of other resources (secrets stay unprinted). */
export function getCloudBackupSnapshotOutput(
    args: CloudBackupSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): pulumi.Output<GetCloudBackupSnapshotResult> {
    refuseUnknownAtCall(args, CLUSTER_SNAPSHOT_ARGUMENTS);
    return pulumi
        .all([pulumi.output(args), secretArgumentNames(args, CLUSTER_KEY_ARGUMENTS)])
        .apply(([plain, secret]) => getSnapshot(plain as unknown as PlainCloudBackupSnapshotArgs, secret ?? []));
}

async function getSnapshots(
    args: PlainCloudBackupSnapshotsArgs,
    secretNames: readonly string[] = [],
): Promise<GetCloudBackupSnapshotsResult> {
    const [{ inProgram, programClient }, { readSnapshotList }, { validateClusterListArgs }, { toClusterList }] =
        await Promise.all([
            import("./reads"),
            import("../snapshots/read"),
            import("../clusters/args"),
            import("../clusters/outputs"),
        ]);
    return inProgram(secretValues(args, secretNames), async () => {
        const valid = validateClusterListArgs(args);
        return toClusterList(valid.key, await readSnapshotList(programClient(), valid));
    });
}

/** Lists a dedicated cluster's snapshots now (every page), filtered, newest first. */
export function getCloudBackupSnapshots(
    args: PlainCloudBackupSnapshotsArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetCloudBackupSnapshotsResult> {
    return getSnapshots(args);
}

/** Like `getCloudBackupSnapshots`, for arguments that are outputs of other resources (secrets stay unprinted). */
export function getCloudBackupSnapshotsOutput(
    args: CloudBackupSnapshotsArgs,
    _opts?: pulumi.InvokeOptions,
): pulumi.Output<GetCloudBackupSnapshotsResult> {
    refuseUnknownAtCall(args, CLUSTER_SNAPSHOT_LIST_ARGUMENTS);
    return pulumi
        .all([pulumi.output(args), secretArgumentNames(args, ["projectId", "clusterName"] as const)])
        .apply(([plain, secret]) => getSnapshots(plain as unknown as PlainCloudBackupSnapshotsArgs, secret ?? []));
}
