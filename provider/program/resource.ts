// The ServerlessBackupSnapshot resource: a read step, so the engine reads the snapshot in preview and up,
// re-reads it on refresh, and forgets it on destroy without a call to Atlas.
import * as pulumi from "@pulumi/pulumi";
import {
    SNAPSHOT_ARGUMENTS,
    refuseUnknownArguments,
    validateAtlasId,
    validateApi,
    validateInstanceName,
} from "../snapshots/args";
import type { PlainSnapshotArgs, ReadKey, SnapshotChecks } from "../snapshots/args";
import type { FrequencyType, Link, ServerlessSnapshotStatus, SnapshotType } from "../atlas/schemas";
import type { SnapshotApi } from "../atlas/endpoints";
import { SNAPSHOT_PROVIDER_SOURCE, dynamicType } from "./dynamicProvider";
import { OUTPUT_KEYS } from "../snapshots/outputs";
import type { ApiChoice } from "../snapshots/outputs";
import { toRunError } from "./errors";
import { KEY_ARGUMENTS } from "../snapshots/secretOutputs";
import { isKnown, secretArgumentNames } from "./inputs";
import { deriveSnapshotOutputs } from "./outputs";
import { readStepArguments, readStepId, validateKnownGates } from "./readStep";

/** Preview gates, each of whose values may come from another resource. */
export interface SnapshotChecksInput {
    /** The status, or one of the statuses, the snapshot must have: queued, inProgress, completed, failed. */
    status?: pulumi.Input<ServerlessSnapshotStatus | ServerlessSnapshotStatus[]>;
    /** How long the snapshot must still be kept: "90m", "36h", "7d" or ISO 8601 "P7D". */
    minTimeToExpiry?: pulumi.Input<string>;
    /** How old the snapshot may be at most: "1d", "36h", "P1D". */
    maxAge?: pulumi.Input<string>;
}

/** The arguments of `ServerlessBackupSnapshot`; each may be a value, a promise or another resource's output. */
export interface ServerlessBackupSnapshotArgs {
    /** The Atlas project (group) id: 24 lowercase hexadecimal characters. */
    projectId: pulumi.Input<string>;
    /** The serverless instance or Flex cluster name. */
    instanceName: pulumi.Input<string>;
    /**
     * The snapshot id: 24 lowercase hexadecimal characters. Omitted, the data source reads the newest snapshot
     * whose status passes `checks.status` (default completed), and `snapshotId` names the one it chose.
     */
    snapshotId?: pulumi.Input<string>;
    /** Which endpoint to read: "auto" (default: Flex, then serverless), "flex" or "serverless". */
    api?: pulumi.Input<ApiChoice>;
    /** Conditions the snapshot must meet; a read that fails one fails the preview. */
    checks?: pulumi.Input<SnapshotChecksInput>;
    /** During `pulumi up`, wait until the snapshot has a status; a preview reads once and reports what it found. */
    waitFor?: pulumi.Input<SnapshotWaitInput>;
}

/** How to wait for a snapshot, each value possibly from another resource. */
export interface SnapshotWaitInput {
    /** The status to wait for; default "completed". Waiting stops early if the snapshot fails. */
    status?: pulumi.Input<ServerlessSnapshotStatus>;
    /** How long to wait at most; default "30m". */
    timeout?: pulumi.Input<string>;
    /** How long between two reads; default "15s". */
    interval?: pulumi.Input<string>;
}

/** Checks the arguments that are already plain values, so a typo fails the program before any request. */
function validateKnownArgs(args: ServerlessBackupSnapshotArgs): void {
    if (isKnown(args)) refuseUnknownArguments(args, SNAPSHOT_ARGUMENTS);
    if (isKnown(args.projectId)) validateAtlasId("projectId", args.projectId);
    if (isKnown(args.instanceName)) validateInstanceName("instanceName", args.instanceName);
    if (isKnown(args.snapshotId)) validateAtlasId("snapshotId", args.snapshotId);
    if (isKnown(args.api)) validateApi(args.api);
    validateKnownGates(args);
}

/** The key a read of these arguments reads. */
function keyOf(args: ServerlessBackupSnapshotArgs): ReadKey {
    const { projectId, instanceName, snapshotId } = args as unknown as PlainSnapshotArgs;
    return { projectId, instanceName, snapshotId };
}

/**
 * One backup snapshot of an Atlas serverless instance or Flex cluster, read during `pulumi preview` and
 * `pulumi up`. It never creates, changes or deletes anything in Atlas.
 */
export class ServerlessBackupSnapshot extends pulumi.CustomResource {
    /** The Atlas project (group) id that was read. */
    declare readonly projectId: pulumi.Output<string>;
    /** The serverless instance or Flex cluster name that was read. */
    declare readonly instanceName: pulumi.Output<string>;
    /** The snapshot id that was read. */
    declare readonly snapshotId: pulumi.Output<string>;
    /** The endpoint choice the resource was declared with. */
    declare readonly api: pulumi.Output<ApiChoice>;
    /** Which endpoint answered: "serverless" or "flex". */
    declare readonly source: pulumi.Output<SnapshotApi>;
    /** The status in the serverless vocabulary: queued, inProgress, completed or failed. */
    declare readonly status: pulumi.Output<ServerlessSnapshotStatus | undefined>;
    /** The status exactly as Atlas sent it. */
    declare readonly rawStatus: pulumi.Output<string | undefined>;
    /** When the snapshot was taken (Flex: startTime, else scheduledTime). */
    declare readonly createdAt: pulumi.Output<string | undefined>;
    /** When Atlas deletes the snapshot (Flex: expiration). */
    declare readonly expiresAt: pulumi.Output<string | undefined>;
    /** Bytes the snapshot takes; serverless answers only. */
    declare readonly storageSizeBytes: pulumi.Output<number | undefined>;
    /** How often the snapshot triggers; serverless answers only. */
    declare readonly frequencyType: pulumi.Output<FrequencyType | undefined>;
    /** Whether the snapshot was on demand or scheduled; serverless answers only. */
    declare readonly snapshotType: pulumi.Output<SnapshotType | undefined>;
    /** The MongoDB version the snapshot backs up. */
    declare readonly mongodVersion: pulumi.Output<string | undefined>;
    /** The serverless instance Atlas names as the source; serverless answers only. */
    declare readonly serverlessInstanceName: pulumi.Output<string | undefined>;
    /** Links Atlas sent with the snapshot. */
    declare readonly links: pulumi.Output<Link[] | undefined>;
    /** Flex only: when Atlas scheduled the snapshot. */
    declare readonly scheduledTime: pulumi.Output<string | undefined>;
    /** Flex only: when Atlas began taking the snapshot. */
    declare readonly startTime: pulumi.Output<string | undefined>;
    /** Flex only: when Atlas finished writing the snapshot. */
    declare readonly finishTime: pulumi.Output<string | undefined>;

    constructor(name: string, args: ServerlessBackupSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        try {
            validateKnownArgs(args);
        } catch (error) {
            throw toRunError(error);
        }
        const secretArguments = secretArgumentNames(args, KEY_ARGUMENTS);
        const id = readStepId(name, args, secretArguments, keyOf);
        // One property for the arguments and one for the answer, JSON text each (see `ReadStepOutputs`): every
        // output is derived from these two (see outputs.ts).
        super(
            dynamicType("ServerlessBackupSnapshot"),
            name,
            {
                args: readStepArguments(args, secretArguments, { api: "auto" }),
                snapshot: undefined,
                __provider: SNAPSHOT_PROVIDER_SOURCE,
            },
            { ...opts, id },
        );
    }
}
deriveSnapshotOutputs(ServerlessBackupSnapshot.prototype, [...OUTPUT_KEYS, "api"]);

export type { SnapshotChecks };
