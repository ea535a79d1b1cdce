// The get… functions: the same read as the resource, run in the program's own process (dynamic providers
// cannot serve invokes), with the stack's config read there.
import * as pulumi from "@pulumi/pulumi";
import { validateArgs } from "./args";
import type { PlainSnapshotArgs } from "./args";
import { clientFor } from "./atlas/clients";
import { resolveSettings } from "./atlas/settings";
import type { ConfigReader } from "./atlas/settings";
import type { SnapshotOutputs } from "./outputs";
import { asRunError } from "./programErrors";
import { readSnapshot } from "./readSnapshot";
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

/** Reads one snapshot now and resolves to its fields; rejects with the same messages as the resource. */
export function getServerlessBackupSnapshot(
    args: PlainSnapshotArgs,
    _opts?: pulumi.InvokeOptions,
): Promise<GetServerlessBackupSnapshotResult> {
    return asRunError(() => readSnapshot(clientFor(resolveSettings(programConfig, process.env)), validateArgs(args)));
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
