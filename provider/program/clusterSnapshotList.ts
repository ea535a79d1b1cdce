// The CloudBackupSnapshots resource: every snapshot of a dedicated cluster, read as a read step like the single one.
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_SNAPSHOT_LIST_ARGUMENTS, validateClusterName } from "../clusters/args";
import type { CloudBackupSnapshotOutputs } from "../clusters/outputs";
import type { ServerlessSnapshotStatus } from "../atlas/schemas";
import { parseDuration } from "../common/duration";
import { refuseUnknownArguments, validateAtlasId, validateStatuses } from "../snapshots/args";
import { opaqueResourceId, snapshotListResourceId } from "../snapshots/resourceId";
import { CLUSTER_SNAPSHOT_LIST_PROVIDER_SOURCE, dynamicType } from "./dynamicProvider";
import { toRunError } from "./errors";
import { isKnown, secretArgumentNames } from "./inputs";

/** The arguments of `CloudBackupSnapshots`; each may be a value, a promise or another resource's output. */
export interface CloudBackupSnapshotsArgs {
    /** The Atlas project (group) id: 24 lowercase hexadecimal characters. */
    projectId: pulumi.Input<string>;
    /** The dedicated cluster's name. */
    clusterName: pulumi.Input<string>;
    /** Keep only snapshots with this status, or one of these statuses. */
    status?: pulumi.Input<ServerlessSnapshotStatus | ServerlessSnapshotStatus[]>;
    /** Keep only snapshots taken within this long: "7d", "36h", "P30D". */
    maxAge?: pulumi.Input<string>;
}

/** Checks the arguments that are already plain values, before any request. */
function validateKnownListArgs(args: CloudBackupSnapshotsArgs): void {
    if (isKnown(args)) refuseUnknownArguments(args, CLUSTER_SNAPSHOT_LIST_ARGUMENTS);
    if (isKnown(args.projectId)) validateAtlasId("projectId", args.projectId);
    if (isKnown(args.clusterName)) validateClusterName(args.clusterName);
    if (isKnown(args.status)) validateStatuses("status", args.status);
    if (isKnown(args.maxAge)) parseDuration(args.maxAge, "maxAge");
}

/**
 * Every backup snapshot of an Atlas dedicated cluster (all pages; a sharded cluster's with their members), newest
 * first, read during `pulumi preview` and `pulumi up`. It never creates, changes or deletes anything in Atlas.
 */
export class CloudBackupSnapshots extends pulumi.CustomResource {
    /** The Atlas project (group) id that was read. */
    declare readonly projectId: pulumi.Output<string>;
    /** The dedicated cluster that was read. */
    declare readonly clusterName: pulumi.Output<string>;
    /** The snapshots that pass the filters, newest first, each with the same fields as `CloudBackupSnapshot`. */
    declare readonly snapshots: pulumi.Output<CloudBackupSnapshotOutputs[]>;
    /** How many snapshots Atlas holds for the cluster, whatever the filters. */
    declare readonly totalCount: pulumi.Output<number>;

    constructor(name: string, args: CloudBackupSnapshotsArgs, opts?: pulumi.CustomResourceOptions) {
        try {
            validateKnownListArgs(args);
        } catch (error) {
            throw toRunError(error);
        }
        const secretArguments = secretArgumentNames(args, ["projectId", "clusterName"] as const);
        const id = pulumi.unsecret(
            pulumi
                .all([args.projectId, args.clusterName, secretArguments])
                .apply(([projectId, clusterName, secret]) =>
                    (secret ?? []).length > 0
                        ? opaqueResourceId("snapshots", name)
                        : snapshotListResourceId({ projectId, instanceName: clusterName }),
                ),
        );
        super(
            dynamicType("CloudBackupSnapshots"),
            name,
            {
                snapshots: undefined,
                totalCount: undefined,
                ...args,
                secretArguments,
                __provider: CLUSTER_SNAPSHOT_LIST_PROVIDER_SOURCE,
            },
            { ...opts, id },
        );
    }
}
