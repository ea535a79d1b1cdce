// What the dynamic provider runs inside the engine's provider process. It is loaded there with require(),
// so the serialized provider in the state stays a few lines long and carries no credential.
import type { ReadResult } from "@pulumi/pulumi/dynamic";
import { validateArgs } from "./args";
import { clientFor } from "./atlas/clients";
import { resolveSettings } from "./atlas/settings";
import type { ConfigReader } from "./atlas/settings";
import { InputError } from "./errors";
import { rethrowForEngine } from "./providerErrors";
import { readSnapshot } from "./readSnapshot";
import { isResourceIdOf, snapshotResourceId } from "./resourceId";
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
    if (!isResourceIdOf(id, args.key)) {
        throw new InputError("id", id, `the resource id of its arguments, ${snapshotResourceId(args.key)}`);
    }
    const client = clientFor(resolveSettings(stackConfig, process.env));
    const snapshot = await readSnapshot(client, args);
    const secretArguments = Array.isArray(props.secretArguments) ? props.secretArguments.map(String) : [];
    const outputs = {
        api: args.api,
        ...(props.checks !== undefined ? { checks: props.checks } : {}),
        secretArguments,
        ...snapshot,
    };
    return { id, props: markSecretOutputs(outputs, args.key, secretArguments) };
}
