// The get… functions: the same read as the resource, run in the program's own process (dynamic providers
// cannot serve invokes), with the stack's config read there.
import * as pulumi from "@pulumi/pulumi";
import { validateListArgs } from "./args";
import type { PlainSnapshotArgs, PlainSnapshotListArgs } from "./args";
import type { SnapshotOutputs } from "./outputs";
import { secretArgumentNames } from "./programInputs";
import { inProgram, programClient, readSnapshotInProgram } from "./programReads";
import { readSnapshotList } from "./readSnapshot";
import type { SnapshotList } from "./readSnapshot";
import { secretValues } from "./redaction";
import { KEY_ARGUMENTS } from "./secretOutputs";
import type { ServerlessBackupSnapshotsArgs } from "./snapshotList";
import type { ServerlessBackupSnapshotArgs } from "./resource";

/** What the get… functions return: the resource's outputs as plain values. */
export type GetServerlessBackupSnapshotResult = SnapshotOutputs;

/**
 * Reads one snapshot now (the newest that qualifies when `snapshotId` is omitted) and resolves to its fields;
 * rejects with the same messages as the resource. With `waitFor`, waits during `pulumi up`; a preview reads once
 * and fails only on checks that waiting cannot change.
 */
export function getServerlessBackupSnapshot(
    args: PlainSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetServerlessBackupSnapshotResult> {
    return readSnapshotInProgram(args);
}

/** Like `getServerlessBackupSnapshot`, for arguments that are outputs of other resources (secrets stay unprinted). */
export function getServerlessBackupSnapshotOutput(
    args: ServerlessBackupSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): pulumi.Output<GetServerlessBackupSnapshotResult> {
    return pulumi
        .all([pulumi.output(args), secretArgumentNames(args, KEY_ARGUMENTS)])
        .apply(([plain, secret]) => readSnapshotInProgram(plain as unknown as PlainSnapshotArgs, secret ?? []));
}

/** What the list's get… functions return: the list resource's outputs as plain values. */
export type GetServerlessBackupSnapshotsResult = SnapshotList;

function getSnapshots(args: PlainSnapshotListArgs, secretNames: readonly string[] = []): Promise<SnapshotList> {
    return inProgram(secretValues(args, secretNames), () => readSnapshotList(programClient(), validateListArgs(args)));
}

/** Lists an instance's snapshots now (every page), filtered, newest first. */
export function getServerlessBackupSnapshots(
    args: PlainSnapshotListArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetServerlessBackupSnapshotsResult> {
    return getSnapshots(args);
}

/** Like `getServerlessBackupSnapshots`, for arguments that are outputs of other resources (secrets stay unprinted). */
export function getServerlessBackupSnapshotsOutput(
    args: ServerlessBackupSnapshotsArgs,
    _opts?: pulumi.InvokeOptions,
): pulumi.Output<GetServerlessBackupSnapshotsResult> {
    return pulumi
        .all([pulumi.output(args), secretArgumentNames(args, ["projectId", "instanceName"] as const)])
        .apply(([plain, secret]) => getSnapshots(plain as unknown as PlainSnapshotListArgs, secret ?? []));
}
