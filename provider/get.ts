// The get… functions: the same read as the resource, run in the program's own process (dynamic providers
// cannot serve invokes), with the stack's config read there.
import * as pulumi from "@pulumi/pulumi";
import { validateArgs, validateListArgs } from "./args";
import type { PlainSnapshotArgs, PlainSnapshotListArgs } from "./args";
import { clientFor } from "./atlas/clients";
import { resolveSettings } from "./atlas/settings";
import type { ConfigReader } from "./atlas/settings";
import type { SnapshotOutputs } from "./outputs";
import { asRunError } from "./programErrors";
import { readSnapshot, readSnapshotList } from "./readSnapshot";
import type { SnapshotList } from "./readSnapshot";
import type { ServerlessBackupSnapshotsArgs } from "./snapshotList";
import { REAL_WAIT_ENVIRONMENT, waitForSnapshot } from "./waiting";
import type { WaitEnvironment } from "./waiting";
import type { ServerlessBackupSnapshotArgs } from "./resource";

/** What the get… functions return: the resource's outputs as plain values. */
export type GetServerlessBackupSnapshotResult = SnapshotOutputs;

/** The stack's config as the program sees it, looked up by full key (`mongodbatlas:clientId`). */
const programConfig: ConfigReader = {
    get(key: string): string | undefined {
        const separator = key.indexOf(":");
        return new pulumi.Config(key.slice(0, separator)).get(key.slice(separator + 1));
    },
};

/** Progress of a wait in the program's process, through Pulumi's log so the CLI shows it. */
const PROGRAM_WAIT_ENVIRONMENT: WaitEnvironment = { ...REAL_WAIT_ENVIRONMENT, report: (line) => pulumi.log.info(line) };

/**
 * Reads one snapshot now (the newest that qualifies when `snapshotId` is omitted) and resolves to its fields;
 * rejects with the same messages as the resource. With `waitFor`, waits during `pulumi up`, not during a preview.
 */
export function getServerlessBackupSnapshot(
    args: PlainSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetServerlessBackupSnapshotResult> {
    return asRunError(() => {
        const valid = validateArgs(args);
        const client = clientFor(resolveSettings(programConfig, process.env));
        return valid.waitFor && !pulumi.runtime.isDryRun()
            ? waitForSnapshot(client, { ...valid, waitFor: valid.waitFor }, PROGRAM_WAIT_ENVIRONMENT)
            : readSnapshot(client, valid);
    });
}

/** Like `getServerlessBackupSnapshot`, for arguments that are outputs of other resources. */
export function getServerlessBackupSnapshotOutput(
    args: ServerlessBackupSnapshotArgs,
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetServerlessBackupSnapshotResult> {
    return pulumi
        .output(args)
        .apply((plain) => getServerlessBackupSnapshot(plain as unknown as PlainSnapshotArgs, opts));
}

/** What the list's get… functions return: the list resource's outputs as plain values. */
export type GetServerlessBackupSnapshotsResult = SnapshotList;

/** Lists an instance's snapshots now (every page), filtered, newest first. */
export function getServerlessBackupSnapshots(
    args: PlainSnapshotListArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetServerlessBackupSnapshotsResult> {
    return asRunError(() =>
        readSnapshotList(clientFor(resolveSettings(programConfig, process.env)), validateListArgs(args)),
    );
}

/** Like `getServerlessBackupSnapshots`, for arguments that are outputs of other resources. */
export function getServerlessBackupSnapshotsOutput(
    args: ServerlessBackupSnapshotsArgs,
    opts?: pulumi.InvokeOptions,
): pulumi.Output<GetServerlessBackupSnapshotsResult> {
    return pulumi
        .output(args)
        .apply((plain) => getServerlessBackupSnapshots(plain as unknown as PlainSnapshotListArgs, opts));
}
