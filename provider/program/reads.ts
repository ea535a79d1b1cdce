// Reads that run in the program's own process: the get… functions, and the wait of a `ServerlessBackupSnapshot`
// during an update. The program knows whether the engine previews or updates (the provider is never told), so
// waiting happens here, before the read step registers, and the read step's inputs stay the same in both.
import * as pulumi from "@pulumi/pulumi";
import { validateArgs } from "../snapshots/args";
import type { ValidArgs } from "../snapshots/args";
import { clientFor } from "../atlas/clients";
import { resolveSettings } from "../atlas/settings";
import type { AtlasClient } from "../atlas/client";
import type { ConfigReader } from "../atlas/settings";
import type { SnapshotOutputs } from "../snapshots/outputs";
import { asRunError } from "./errors";
import { readInPhase } from "../snapshots/phases";
import type { ReadEnvironment } from "../snapshots/phases";
import { redactError, redactor, rememberSecrets, secretValues } from "../snapshots/redaction";
import { rateLimitProgress, REAL_WAIT_ENVIRONMENT, waitForSnapshot } from "../snapshots/waiting";

/** The stack's config as the program sees it, looked up by full key (`mongodbatlas:clientId`). */
const programConfig: ConfigReader = {
    get(key: string): string | undefined {
        const separator = key.indexOf(":");
        return new pulumi.Config(key.slice(0, separator)).get(key.slice(separator + 1));
    },
};

/** The process's client for the stack's configuration. */
export function programClient(): AtlasClient {
    return clientFor(
        resolveSettings(programConfig, process.env),
        rateLimitProgress((line) => pulumi.log.info(line)),
    );
}

/** Progress and warnings in the program's process, through Pulumi's log so the CLI shows them. */
function programEnvironment(redact: (text: string) => string): ReadEnvironment {
    return {
        ...REAL_WAIT_ENVIRONMENT,
        report: (line) => pulumi.log.info(redact(line)),
        warn: (line) => pulumi.log.warn(redact(line)),
    };
}

/** Runs `read` as a program step: secret key values redacted from any message, failures as `RunError`s. */
export function inProgram<T>(
    secrets: readonly string[],
    read: (environment: ReadEnvironment) => Promise<T>,
): Promise<T> {
    rememberSecrets(secrets);
    const redact = redactor(secrets);
    return asRunError(async () => {
        try {
            return await read(programEnvironment(redact));
        } catch (error) {
            throw redactError(error, redact);
        }
    });
}

/** Turns a program's plain arguments into a read: `validateArgs`, or a dedicated cluster's `validateClusterArgs`. */
export type Validation = (args: never) => ValidArgs;

/** Reads one snapshot in the program: waits during an update when `waitFor` says so, reads once in a preview. */
export function readSnapshotInProgram(
    args: object,
    secretNames: readonly string[],
    validate: Validation = validateArgs,
): Promise<SnapshotOutputs> {
    return inProgram(secretValues(args, secretNames), async (environment) => {
        const valid = (validate as (args: object) => ValidArgs)(args);
        const phase = pulumi.runtime.isDryRun() ? "preview" : "update";
        return (await readInPhase(programClient(), valid, phase, environment)) as SnapshotOutputs;
    });
}

/**
 * During an update, waits until the snapshot has `waitFor.status` (failing as the wait fails); during a preview,
 * returns at once. The read step that follows reads the snapshot once more and enforces the checks.
 */
export function waitBeforeRead<A extends { waitFor?: unknown }>(
    args: A,
    secretNames: readonly string[],
    validate: Validation = validateArgs,
): Promise<void> {
    if (args.waitFor === undefined || args.waitFor === null || pulumi.runtime.isDryRun()) {
        return Promise.resolve();
    }
    return inProgram(secretValues(args, secretNames), async (environment) => {
        const valid = (validate as (args: object) => ValidArgs)(args);
        if (valid.waitFor) {
            await waitForSnapshot(programClient(), { ...valid, waitFor: valid.waitFor }, environment);
        }
    });
}
