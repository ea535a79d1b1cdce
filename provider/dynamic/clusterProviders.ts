// The dynamic providers of dedicated clusters' snapshots, run inside the engine's provider process like those of
// providers.ts, whose client, configuration and phases they share: only the arguments and the outputs differ.
import type { ReadResult, ResourceProvider } from "@pulumi/pulumi/dynamic";
import {
    CLUSTER_SNAPSHOT_LIST_ARGUMENTS,
    internalKeyNames,
    validateClusterArgs,
    validateClusterListArgs,
} from "../clusters/args";
import { clusterReadArgumentsOf, toClusterList, toClusterOutputs } from "../clusters/outputs";
import { InputError } from "../common/errors";
import { rethrowForEngine } from "../common/engineErrors";
import { readInPhase, readListInPhase } from "../snapshots/phases";
import { redactError, redactor, rememberSecrets, secretValues } from "../snapshots/redaction";
import {
    isListResourceIdOf,
    isResourceIdOf,
    snapshotListResourceId,
    snapshotResourceId,
} from "../snapshots/resourceId";
import { markSecretOutputs } from "../snapshots/secretOutputs";
import { readStepText } from "../snapshots/outputs";
import { configure, phaseOf, providerClient, providerEnvironment } from "./providers";

/** The key arguments the program marked secret, as it recorded them (`clusterName`, not `instanceName`). */
function secretArgumentsOf(props: Record<string, unknown>): string[] {
    return Array.isArray(props.secretArguments) ? props.secretArguments.map(String) : [];
}

/** Only the named arguments of `props`: a refresh hands over the last outputs beside them. */
function pick(props: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(names.filter((name) => props[name] !== undefined).map((name) => [name, props[name]]));
}

/** Reads the dedicated cluster's snapshot named by `props` (the inputs on a read, the last outputs on a refresh). */
export async function readClusterSnapshot(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    const given = clusterReadArgumentsOf(props);
    const secretArguments = secretArgumentsOf(given);
    const secrets = secretValues(given, secretArguments);
    rememberSecrets(secrets);
    const redact = redactor(secrets);
    try {
        // Every argument but the record of which are secret: an unknown one is refused, not ignored.
        const args = validateClusterArgs(
            Object.fromEntries(Object.entries(given).filter(([name]) => name !== "secretArguments")),
        );
        const { projectId, instanceName } = args.key;
        if (args.key.snapshotId !== undefined && isResourceIdOf(id, { projectId, instanceName })) {
            // A refresh of a resource that reads the newest snapshot: its last outputs name the one chosen then.
            args.key = { projectId, instanceName };
        }
        if (!isResourceIdOf(id, args.key)) {
            throw new InputError("id", id, `the resource id of its arguments, ${snapshotResourceId(args.key)}`);
        }
        const snapshot = await readInPhase(providerClient(), args, phaseOf(props), providerEnvironment(redact));
        if (snapshot === undefined) {
            return { id: undefined, props: {} };
        }
        const recorded = {
            ...(given.checks !== undefined && given.checks !== null ? { checks: given.checks } : {}),
            ...(given.waitFor !== undefined && given.waitFor !== null ? { waitFor: given.waitFor } : {}),
            ...(secretArguments.length > 0 ? { secretArguments } : {}),
        };
        const texts = { args: readStepText(recorded), snapshot: readStepText(toClusterOutputs(snapshot)) };
        return { id, props: markSecretOutputs(texts, args.key, internalKeyNames(secretArguments)) };
    } catch (error) {
        rethrowForEngine(redactError(error, redact));
    }
}

/** Reads the dedicated cluster's snapshot list named by `props`. */
export async function readClusterSnapshotList(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    const secretArguments = secretArgumentsOf(props);
    const secrets = secretValues(props, secretArguments);
    rememberSecrets(secrets);
    const redact = redactor(secrets);
    try {
        const given = pick(props, CLUSTER_SNAPSHOT_LIST_ARGUMENTS);
        const args = validateClusterListArgs(given);
        if (!isListResourceIdOf(id, args.key)) {
            throw new InputError("id", id, `the resource id of its arguments, ${snapshotListResourceId(args.key)}`);
        }
        const list = await readListInPhase(providerClient(), args, phaseOf(props), providerEnvironment(redact));
        if (list === undefined) {
            return { id: undefined, props: {} };
        }
        const outputs = {
            ...given,
            ...(secretArguments.length > 0 ? { secretArguments } : {}),
            ...toClusterList(args.key, list),
        };
        return { id, props: markSecretOutputs(outputs, args.key, internalKeyNames(secretArguments)) };
    } catch (error) {
        rethrowForEngine(redactError(error, redact));
    }
}

/** The provider behind `CloudBackupSnapshot`: only read steps, so only `configure` and `read`. */
export const clusterSnapshotProvider: Pick<ResourceProvider, "configure" | "read"> = {
    configure: async (req) => configure(req.config),
    read: readClusterSnapshot,
};

/** The provider behind `CloudBackupSnapshots`. */
export const clusterSnapshotListProvider: Pick<ResourceProvider, "configure" | "read"> = {
    configure: async (req) => configure(req.config),
    read: readClusterSnapshotList,
};
