// What the dynamic providers run inside the engine's provider process. The state's `__provider` loads it with
// require() from the installed package's `./runtime` (provider/runtime.ts), so that text stays one line and carries
// no credential.
import type { ReadResult, ResourceProvider } from "@pulumi/pulumi/dynamic";
import { validateArgs, validateListArgs } from "../snapshots/args";
import { clientFor } from "../atlas/clients";
import { resolveSettings } from "../atlas/settings";
import type { ConfigReader } from "../atlas/settings";
import { InputError } from "../common/errors";
import { rethrowForEngine } from "../common/engineErrors";
import { readInPhase, readListInPhase } from "../snapshots/phases";
import type { ReadEnvironment, ReadPhase } from "../snapshots/phases";
import { redactError, redactor, rememberSecrets, secretValues } from "../snapshots/redaction";
import { rateLimitProgress, REAL_WAIT_ENVIRONMENT } from "../snapshots/waiting";
import {
    isListResourceIdOf,
    isResourceIdOf,
    snapshotListResourceId,
    snapshotResourceId,
} from "../snapshots/resourceId";
import { markSecretOutputs } from "../snapshots/secretOutputs";
import { isReadAnswer, readArgumentsOf, readStepText } from "../snapshots/outputs";
import type { ReadStepOutputs } from "../snapshots/outputs";

let stackConfig: ConfigReader | undefined;

/** Keeps the stack's configuration, which the engine hands the provider once per process. */
export function configure(config: ConfigReader): void {
    stackConfig = config;
}

/** The key arguments the program marked secret, as it recorded them in `props`. */
function secretArgumentsOf(props: Record<string, unknown>): string[] {
    return Array.isArray(props.secretArguments) ? props.secretArguments.map(String) : [];
}

/**
 * The phase of a read. A refresh hands over the resource's last outputs, which always hold the snapshot read
 * (`snapshot`, or `source` in the flat form of states up to 0.1.0); a read step hands over the program's inputs.
 * A read step cannot tell a preview from an update, and need not: during an update the program has waited
 * already (see program/reads.ts), so it reads once as a preview does, and fails on every check once the awaited
 * status is reached.
 */
export function phaseOf(props: Record<string, unknown>): ReadPhase {
    return isReadAnswer(props) ? "refresh" : "preview";
}

/** The process's client for the stack's settings; a wait for a rate limit prints its progress line. */
export function providerClient() {
    return clientFor(
        resolveSettings(stackConfig, process.env),
        rateLimitProgress((line) => console.log(line)),
    );
}

/** Progress and warnings from the provider process: the Pulumi CLI shows what it prints. */
export function providerEnvironment(redact: (text: string) => string): ReadEnvironment {
    return {
        ...REAL_WAIT_ENVIRONMENT,
        report: (line) => console.log(redact(line)),
        warn: (line) => console.log(`warning: ${redact(line)}`),
    };
}

/** Reads the snapshot named by `props` (the inputs on a read, the last outputs on a refresh). */
export async function read(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    const given = readArgumentsOf(props);
    const secrets = secretValues(given, secretArgumentsOf(given));
    rememberSecrets(secrets);
    const redact = redactor(secrets);
    try {
        return await readProps(id, given, phaseOf(props), redact);
    } catch (error) {
        rethrowForEngine(redactError(error, redact));
    }
}

async function readProps(
    id: string,
    props: Record<string, unknown>,
    phase: ReadPhase,
    redact: (text: string) => string,
): Promise<ReadResult> {
    const args = validateArgs(props);
    const { projectId, instanceName } = args.key;
    if (args.key.snapshotId !== undefined && isResourceIdOf(id, { projectId, instanceName })) {
        // A refresh of a resource that reads the newest snapshot: its last outputs name the one chosen then.
        args.key = { projectId, instanceName };
    }
    if (!isResourceIdOf(id, args.key)) {
        throw new InputError("id", id, `the resource id of its arguments, ${snapshotResourceId(args.key)}`);
    }
    const client = providerClient();
    const snapshot = await readInPhase(client, args, phase, providerEnvironment(redact));
    if (snapshot === undefined) {
        return { id: undefined, props: {} };
    }
    const secretArguments = secretArgumentsOf(props);
    const readArguments: ReadStepOutputs["args"] = {
        api: args.api,
        ...(props.checks !== undefined && props.checks !== null ? { checks: props.checks } : {}),
        ...(props.waitFor !== undefined && props.waitFor !== null ? { waitFor: props.waitFor } : {}),
        ...(secretArguments.length > 0 ? { secretArguments } : {}),
    };
    const outputs: ReadStepOutputs = { args: readArguments, snapshot };
    const texts = { args: readStepText(outputs.args), snapshot: readStepText(outputs.snapshot) };
    return { id, props: markSecretOutputs(texts, args.key, secretArguments) };
}

/** Reads the snapshot list named by `props`. */
export async function readList(id: string, props: Record<string, unknown>): Promise<ReadResult> {
    const secretArguments = secretArgumentsOf(props);
    const secrets = secretValues(props, secretArguments);
    rememberSecrets(secrets);
    const redact = redactor(secrets);
    try {
        const args = validateListArgs(props);
        if (!isListResourceIdOf(id, args.key)) {
            throw new InputError("id", id, `the resource id of its arguments, ${snapshotListResourceId(args.key)}`);
        }
        const client = providerClient();
        const list = await readListInPhase(client, args, phaseOf(props), providerEnvironment(redact));
        if (list === undefined) {
            return { id: undefined, props: {} };
        }
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
        rethrowForEngine(redactError(error, redact));
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
