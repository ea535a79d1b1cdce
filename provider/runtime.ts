// What the dynamic providers run inside the engine's provider process. The state's `__provider` loads it with
// require() from the installed package, so that text stays one line and carries no credential.
import type { ReadResult, ResourceProvider } from "@pulumi/pulumi/dynamic";
import { validateArgs, validateListArgs } from "./args";
import { clientFor } from "./atlas/clients";
import { resolveSettings } from "./atlas/settings";
import type { ConfigReader } from "./atlas/settings";
import { InputError } from "./errors";
import { rethrowForEngine } from "./providerErrors";
import { readSnapshot, readSnapshotList } from "./readSnapshot";
import { waitForSnapshot } from "./waiting";
import { isResourceIdOf, snapshotListResourceId, snapshotResourceId } from "./resourceId";
import { markSecretOutputs } from "./secretOutputs";

let stackConfig: ConfigReader | undefined;

/** Keeps the stack's configuration, which the engine hands the provider once per process. */
export function configure(config: ConfigReader): void {
    stackConfig = config;
}

/** Reads the snapshot named by `props` (the inputs on a read, the last outputs on a refresh). */
export async function read(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    try {
        return await readProps(id, props);
    } catch (error) {
        rethrowForEngine(error);
    }
}

async function readProps(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    const args = validateArgs(props);
    const { projectId, instanceName } = args.key;
    if (args.key.snapshotId !== undefined && isResourceIdOf(id, { projectId, instanceName })) {
        // A refresh of a resource that reads the newest snapshot: its last outputs name the one chosen then.
        args.key = { projectId, instanceName };
    }
    if (!isResourceIdOf(id, args.key)) {
        throw new InputError("id", id, `the resource id of its arguments, ${snapshotResourceId(args.key)}`);
    }
    const client = clientFor(resolveSettings(stackConfig, process.env));
    // The program says whether this is a preview (the provider is not told): a preview reads once, as is.
    const snapshot =
        args.waitFor && props.preview !== true
            ? await waitForSnapshot(client, { ...args, waitFor: args.waitFor })
            : await readSnapshot(client, args);
    const secretArguments = Array.isArray(props.secretArguments) ? props.secretArguments.map(String) : [];
    const outputs = {
        api: args.api,
        ...(props.checks !== undefined ? { checks: props.checks } : {}),
        ...(props.waitFor !== undefined ? { waitFor: props.waitFor, preview: props.preview } : {}),
        ...(secretArguments.length > 0 ? { secretArguments } : {}),
        ...snapshot,
    };
    return { id, props: markSecretOutputs(outputs, args.key, secretArguments) };
}

/** Reads the snapshot list named by `props`. */
export async function readList(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    try {
        const args = validateListArgs(props);
        if (id !== snapshotListResourceId(args.key) && id !== snapshotListResourceId(args.key, true)) {
            throw new InputError("id", id, `the resource id of its arguments, ${snapshotListResourceId(args.key)}`);
        }
        const client = clientFor(resolveSettings(stackConfig, process.env));
        const list = await readSnapshotList(client, args);
        const secretArguments = Array.isArray(props.secretArguments) ? props.secretArguments.map(String) : [];
        const outputs = {
            projectId: args.key.projectId,
            instanceName: args.key.instanceName,
            api: args.api,
            ...(props.status !== undefined ? { status: props.status } : {}),
            ...(props.maxAge !== undefined ? { maxAge: props.maxAge } : {}),
            ...(secretArguments.length > 0 ? { secretArguments } : {}),
            ...list,
        };
        return { id, props: markSecretOutputs(outputs, args.key, secretArguments) };
    } catch (error) {
        rethrowForEngine(error);
    }
}

/** The provider behind `ServerlessBackupSnapshot`: only read steps, so only `configure` and `read`. */
export const snapshotProvider: Pick<ResourceProvider, "configure" | "read"> = {
    configure: async (req) => configure(req.config),
    read,
};

/** The provider behind `ServerlessBackupSnapshots`. */
export const snapshotListProvider: Pick<ResourceProvider, "configure" | "read"> = {
    configure: async (req) => configure(req.config),
    read: readList,
};
