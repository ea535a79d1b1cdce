// The ServerlessBackupSnapshots resource: every snapshot of an instance, read as a read step like the single one.
import * as pulumi from "@pulumi/pulumi";
import {
    SNAPSHOT_LIST_ARGUMENTS,
    refuseUnknownArguments,
    validateApi,
    validateAtlasId,
    validateInstanceName,
    validateStatuses,
} from "../snapshots/args";
import type { ServerlessSnapshotStatus } from "../atlas/schemas";
import type { SnapshotApi } from "../atlas/endpoints";
import { parseDuration } from "../common/duration";
import { SNAPSHOT_LIST_PROVIDER_SOURCE, dynamicType } from "./dynamicProvider";
import type { ApiChoice, SnapshotOutputs } from "../snapshots/outputs";
import { toRunError } from "./errors";
import { isKnown, secretArgumentNames } from "./inputs";
import { opaqueResourceId, snapshotListResourceId } from "../snapshots/resourceId";

/** The arguments of `ServerlessBackupSnapshots`; each may be a value, a promise or another resource's output. */
export interface ServerlessBackupSnapshotsArgs {
    /** The Atlas project (group) id: 24 lowercase hexadecimal characters. */
    projectId: pulumi.Input<string>;
    /** The serverless instance or Flex cluster name. */
    instanceName: pulumi.Input<string>;
    /** Which endpoint to read: "auto" (default: Flex, then serverless), "flex" or "serverless". */
    api?: pulumi.Input<ApiChoice>;
    /** Keep only snapshots with this status, or one of these statuses. */
    status?: pulumi.Input<ServerlessSnapshotStatus | ServerlessSnapshotStatus[]>;
    /** Keep only snapshots taken within this long: "7d", "36h", "P30D". */
    maxAge?: pulumi.Input<string>;
}

/** Checks the arguments that are already plain values, before any request. */
function validateKnownListArgs(args: ServerlessBackupSnapshotsArgs): void {
    if (isKnown(args)) refuseUnknownArguments(args, SNAPSHOT_LIST_ARGUMENTS);
    if (isKnown(args.projectId)) validateAtlasId("projectId", args.projectId);
    if (isKnown(args.instanceName)) validateInstanceName("instanceName", args.instanceName);
    if (isKnown(args.api)) validateApi(args.api);
    if (isKnown(args.status)) validateStatuses("status", args.status);
    if (isKnown(args.maxAge)) parseDuration(args.maxAge, "maxAge");
}

/**
 * Every backup snapshot of an Atlas serverless instance or Flex cluster (all pages), newest first, read during
 * `pulumi preview` and `pulumi up`. It never creates, changes or deletes anything in Atlas.
 */
export class ServerlessBackupSnapshots extends pulumi.CustomResource {
    /** The Atlas project (group) id that was read. */
    declare readonly projectId: pulumi.Output<string>;
    /** The serverless instance or Flex cluster name that was read. */
    declare readonly instanceName: pulumi.Output<string>;
    /** Which endpoint answered: "serverless" or "flex". */
    declare readonly source: pulumi.Output<SnapshotApi>;
    /** The snapshots that pass the filters, newest first, each with the same fields as `ServerlessBackupSnapshot`. */
    declare readonly snapshots: pulumi.Output<SnapshotOutputs[]>;
    /** How many snapshots Atlas holds for the instance, whatever the filters. */
    declare readonly totalCount: pulumi.Output<number>;

    constructor(name: string, args: ServerlessBackupSnapshotsArgs, opts?: pulumi.CustomResourceOptions) {
        try {
            validateKnownListArgs(args);
        } catch (error) {
            throw toRunError(error);
        }
        const secretArguments = secretArgumentNames(args, ["projectId", "instanceName"] as const);
        const id = pulumi.unsecret(
            pulumi
                .all([args.projectId, args.instanceName, secretArguments])
                .apply(([projectId, instanceName, secret]) =>
                    (secret ?? []).length > 0
                        ? opaqueResourceId("snapshots", name)
                        : snapshotListResourceId({ projectId, instanceName }),
                ),
        );
        const props = {
            source: undefined,
            snapshots: undefined,
            totalCount: undefined,
            ...args,
            api: args.api ?? "auto",
            secretArguments,
        };
        super(
            dynamicType("ServerlessBackupSnapshots"),
            name,
            { ...props, __provider: SNAPSHOT_LIST_PROVIDER_SOURCE },
            { ...opts, id },
        );
    }
}
