// The get… functions: the same read as the resource, run in the program's own process (dynamic providers
// cannot serve invokes), with the stack's config read there.
import * as pulumi from "@pulumi/pulumi";
import {
    SNAPSHOT_ARGUMENTS,
    SNAPSHOT_LIST_ARGUMENTS,
    refuseUnknownArguments,
    validateListArgs,
} from "../snapshots/args";
import type { PlainSnapshotArgs, PlainSnapshotListArgs } from "../snapshots/args";
import type { SnapshotOutputs } from "../snapshots/outputs";
import { asRunError, toRunError } from "./errors";
import { isKnown, secretArgumentNames } from "./inputs";
import type { SnapshotList } from "../snapshots/read";
import { secretValues } from "../snapshots/redaction";
import { KEY_ARGUMENTS } from "../snapshots/secretOutputs";
import type { ServerlessBackupSnapshotsArgs } from "./snapshotList";
import type { ServerlessBackupSnapshotArgs } from "./resource";

/**
 * Refuses, at the call, an argument the function does not take, as the resources' constructors do: the values may
 * stay unknown during a preview, the names never do.
 */
function refuseUnknownAtCall(args: unknown, known: readonly string[]): void {
    try {
        if (isKnown(args)) refuseUnknownArguments(args, known);
    } catch (error) {
        throw toRunError(error);
    }
}

/** What the get… functions return: the resource's outputs as plain values. */
export type GetServerlessBackupSnapshotResult = SnapshotOutputs;

// The reads' code, and the HTTP client under it, load at the first call: a program that only declares
// resources never needs them in its own process.
function getSnapshot(args: PlainSnapshotArgs, secretNames: readonly string[] = []): Promise<SnapshotOutputs> {
    return asRunError(async () => {
        refuseUnknownArguments(args, SNAPSHOT_ARGUMENTS);
        const { readSnapshotInProgram } = await import("./reads");
        return readSnapshotInProgram(args, secretNames);
    });
}

/**
 * Reads one snapshot now (the newest that qualifies when `snapshotId` is omitted) and resolves to its fields;
 * rejects with the same messages as the resource. With `waitFor`, waits during `pulumi up`; a preview reads once
 * and fails only on checks that waiting cannot change.
 */
export function getServerlessBackupSnapshot(
    args: PlainSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetServerlessBackupSnapshotResult> {
    return getSnapshot(args);
}

/** Like `getServerlessBackupSnapshot`, for arguments that are outputs of other resources (secrets stay unprinted). */
export function getServerlessBackupSnapshotOutput(
    args: ServerlessBackupSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): pulumi.Output<GetServerlessBackupSnapshotResult> {
    refuseUnknownAtCall(args, SNAPSHOT_ARGUMENTS);
    return pulumi
        .all([pulumi.output(args), secretArgumentNames(args, KEY_ARGUMENTS)])
        .apply(([plain, secret]) => getSnapshot(plain as unknown as PlainSnapshotArgs, secret ?? []));
}

/** What the list's get… functions return: the list resource's outputs as plain values. */
export type GetServerlessBackupSnapshotsResult = SnapshotList;

async function getSnapshots(args: PlainSnapshotListArgs, secretNames: readonly string[] = []): Promise<SnapshotList> {
    const [{ inProgram, programClient }, { readSnapshotList }] = await Promise.all([
        import("./reads"),
        import("../snapshots/read"),
    ]);
    return inProgram(secretValues(args, secretNames), async () => {
        refuseUnknownArguments(args, SNAPSHOT_LIST_ARGUMENTS);
        return readSnapshotList(programClient(), validateListArgs(args));
    });
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
    refuseUnknownAtCall(args, SNAPSHOT_LIST_ARGUMENTS);
    return pulumi
        .all([pulumi.output(args), secretArgumentNames(args, ["projectId", "instanceName"] as const)])
        .apply(([plain, secret]) => getSnapshots(plain as unknown as PlainSnapshotListArgs, secret ?? []));
}
