// The functions the provider plugin serves, one table from token to the library's own read. Each takes the
// engine's arguments and answers the outputs the engine hands back to the program, in any language.
import {
    SNAPSHOT_ARGUMENTS,
    SNAPSHOT_LIST_ARGUMENTS,
    refuseUnknownArguments,
    validateArgs,
    validateListArgs,
} from "../snapshots/args";
import {
    CLUSTER_SNAPSHOT_ARGUMENTS,
    internalKeyNames,
    validateClusterArgs,
    validateClusterListArgs,
} from "../clusters/args";
import { toClusterList, toClusterOutputs } from "../clusters/outputs";
import { clientFor } from "../atlas/clients";
import { resolveSettings } from "../atlas/settings";
import { InputError } from "../common/errors";
import { readSnapshot, readSnapshotList } from "../snapshots/read";
import { redactError, redactor, rememberSecrets, secretValues } from "../snapshots/redaction";
import { rateLimitProgress } from "../snapshots/waiting";
import { markSecretOutputs } from "../snapshots/secretOutputs";
import { pluginConfig } from "./config";
import { plainArguments, withoutUndefined } from "./wire";

/** The package name the plugin serves: the `pulumi-resource-<name>` executable and every token's prefix. */
export const PACKAGE_NAME = "atlas-backup-snapshots";

/** A function the plugin serves: the engine's arguments in, the outputs out; throws the library's errors. */
export type PluginFunction = (args: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * The client for the plugin's own stack config (`atlas-backup-snapshots:clientId`, …), then the environment's
 * credentials, and the environment's limits.
 */
function pluginClient() {
    return clientFor(
        resolveSettings(pluginConfig(), process.env),
        rateLimitProgress((line) => console.error(line)),
    );
}

/**
 * Runs `read` over the plain arguments; a failure's message shows `[secret]` where a key argument given as a
 * secret would stand, as the TypeScript functions' messages do.
 */
async function redacted(
    args: Record<string, unknown>,
    read: (plain: Record<string, unknown>, secretArguments: string[]) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
    const { plain, secretArguments } = plainArguments(args);
    const secrets = secretValues(plain, secretArguments);
    rememberSecrets(secrets);
    const redact = redactor(secrets);
    try {
        return await read(plain, secretArguments);
    } catch (error) {
        throw redactError(error, redact);
    }
}

/** Refuses `waitFor`: a function is not told whether the engine previews, and a preview must never wait. */
function refuseWait(plain: Record<string, unknown>, resource: string): void {
    if (plain.waitFor !== undefined && plain.waitFor !== null) {
        throw new InputError(
            "waitFor",
            plain.waitFor,
            "no waitFor in the provider plugin's function, which cannot tell a preview from an update; " +
                `read once with \`checks.status\`, or wait with the TypeScript resource's \`waitFor\` (${resource})`,
        );
    }
}

/** `getServerlessBackupSnapshot`: one snapshot, or the newest that qualifies; the TypeScript function's read. */
export const getServerlessBackupSnapshot: PluginFunction = (args) =>
    redacted(args, async (plain, secretArguments) => {
        refuseUnknownArguments(plain, SNAPSHOT_ARGUMENTS);
        refuseWait(plain, "ServerlessBackupSnapshot");
        const valid = validateArgs(plain);
        const snapshot = await readSnapshot(pluginClient(), valid);
        return markSecretOutputs(withoutUndefined(snapshot) as Record<string, unknown>, valid.key, secretArguments);
    });

/** `getServerlessBackupSnapshots`: every snapshot of an instance, filtered, newest first. */
export const getServerlessBackupSnapshots: PluginFunction = (args) =>
    redacted(args, async (plain, secretArguments) => {
        refuseUnknownArguments(plain, SNAPSHOT_LIST_ARGUMENTS);
        const valid = validateListArgs(plain);
        const list = await readSnapshotList(pluginClient(), valid);
        return markSecretOutputs(withoutUndefined(list) as Record<string, unknown>, valid.key, secretArguments);
    });

/** `getCloudBackupSnapshot`: one snapshot of a dedicated cluster, or the newest that qualifies. */
export const getCloudBackupSnapshot: PluginFunction = (args) =>
    redacted(args, async (plain, secretArguments) => {
        refuseUnknownArguments(plain, CLUSTER_SNAPSHOT_ARGUMENTS);
        refuseWait(plain, "CloudBackupSnapshot");
        const valid = validateClusterArgs(plain);
        const snapshot = toClusterOutputs(await readSnapshot(pluginClient(), valid));
        const outputs = withoutUndefined(snapshot) as Record<string, unknown>;
        return markSecretOutputs(outputs, valid.key, internalKeyNames(secretArguments));
    });

/** `getCloudBackupSnapshots`: every snapshot of a dedicated cluster, filtered, newest first. */
export const getCloudBackupSnapshots: PluginFunction = (args) =>
    redacted(args, async (plain, secretArguments) => {
        const valid = validateClusterListArgs(plain);
        const list = toClusterList(valid.key, await readSnapshotList(pluginClient(), valid));
        const outputs = withoutUndefined(list) as Record<string, unknown>;
        return markSecretOutputs(outputs, valid.key, internalKeyNames(secretArguments));
    });

/** Every function the plugin serves, by token; the schema declares the same tokens. */
export const FUNCTIONS: Readonly<Record<string, PluginFunction>> = {
    [`${PACKAGE_NAME}:index:getServerlessBackupSnapshot`]: getServerlessBackupSnapshot,
    [`${PACKAGE_NAME}:index:getServerlessBackupSnapshots`]: getServerlessBackupSnapshots,
    [`${PACKAGE_NAME}:index:getCloudBackupSnapshot`]: getCloudBackupSnapshot,
    [`${PACKAGE_NAME}:index:getCloudBackupSnapshots`]: getCloudBackupSnapshots,
};
