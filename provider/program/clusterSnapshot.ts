// The CloudBackupSnapshot resource: a dedicated cluster's backup snapshot, a read step as ServerlessBackupSnapshot
// is (read in preview and up, read again on refresh, forgotten on destroy without a call to Atlas).
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_KEY_ARGUMENTS, CLUSTER_SNAPSHOT_ARGUMENTS, validateClusterName } from "../clusters/args";
import type { PlainCloudBackupSnapshotArgs } from "../clusters/args";
import { CLUSTER_OUTPUT_KEYS } from "../clusters/outputs";
import type { CloudBackupSnapshotOutputs } from "../clusters/outputs";
import { refuseUnknownArguments, validateAtlasId } from "../snapshots/args";
import type { ReadKey } from "../snapshots/args";
import type { Link, ServerlessSnapshotStatus } from "../atlas/schemas";
import { CLUSTER_SNAPSHOT_PROVIDER_SOURCE, dynamicType } from "./dynamicProvider";
import { toRunError } from "./errors";
import { isKnown, secretArgumentNames } from "./inputs";
import { deriveSnapshotOutputs } from "./outputs";
import type { Validation } from "./reads";
import { readStepArguments, readStepId, validateKnownGates } from "./readStep";
import type { SnapshotChecksInput, SnapshotWaitInput } from "./resource";

/** The arguments of `CloudBackupSnapshot`; each may be a value, a promise or another resource's output. */
export interface CloudBackupSnapshotArgs {
    /** The Atlas project (group) id: 24 lowercase hexadecimal characters. */
    projectId: pulumi.Input<string>;
    /** The dedicated cluster's name (a replica set or a sharded cluster, M10 and up). */
    clusterName: pulumi.Input<string>;
    /**
     * The snapshot id: 24 lowercase hexadecimal characters. Omitted, the data source reads the newest snapshot
     * whose status passes `checks.status` (default completed), and `snapshotId` names the one it chose.
     */
    snapshotId?: pulumi.Input<string>;
    /** Conditions the snapshot must meet; a read that fails one fails the preview. */
    checks?: pulumi.Input<SnapshotChecksInput>;
    /** During `pulumi up`, wait until the snapshot has a status; a preview reads once and reports what it found. */
    waitFor?: pulumi.Input<SnapshotWaitInput>;
}

/** Checks the arguments that are already plain values, so a typo fails the program before any request. */
function validateKnownArgs(args: CloudBackupSnapshotArgs): void {
    if (isKnown(args)) refuseUnknownArguments(args, CLUSTER_SNAPSHOT_ARGUMENTS);
    if (isKnown(args.projectId)) validateAtlasId("projectId", args.projectId);
    if (isKnown(args.clusterName)) validateClusterName(args.clusterName);
    if (isKnown(args.snapshotId)) validateAtlasId("snapshotId", args.snapshotId);
    validateKnownGates(args);
}

/** The key a read of these arguments reads: the cluster where a serverless read names its instance. */
function keyOf(args: CloudBackupSnapshotArgs): ReadKey {
    const { projectId, clusterName, snapshotId } = args as unknown as PlainCloudBackupSnapshotArgs;
    return { projectId, instanceName: clusterName, snapshotId };
}

/** The dedicated clusters' validation, loaded with the wait's code. */
async function clusterValidation(): Promise<Validation> {
    return (await import("../clusters/args")).validateClusterArgs;
}

/**
 * One backup snapshot of an Atlas dedicated cluster (a replica set or a sharded cluster), read during
 * `pulumi preview` and `pulumi up`. It never creates, changes or deletes anything in Atlas.
 */
export class CloudBackupSnapshot extends pulumi.CustomResource {
    /** The Atlas project (group) id that was read. */
    declare readonly projectId: pulumi.Output<string>;
    /** The dedicated cluster that was read. */
    declare readonly clusterName: pulumi.Output<string>;
    /** The snapshot id that was read (for the newest, the one chosen). */
    declare readonly snapshotId: pulumi.Output<string>;
    /** queued, inProgress, completed or failed; undefined for a word outside the API's (see `rawStatus`). */
    declare readonly status: pulumi.Output<ServerlessSnapshotStatus | undefined>;
    /** The status exactly as Atlas sent it. */
    declare readonly rawStatus: pulumi.Output<string | undefined>;
    /** When the snapshot was taken; Atlas sends it once the snapshot has run. */
    declare readonly createdAt: pulumi.Output<string | undefined>;
    /** When Atlas deletes the snapshot. */
    declare readonly expiresAt: pulumi.Output<string | undefined>;
    /** Bytes the snapshot takes (0 until it completes). */
    declare readonly storageSizeBytes: pulumi.Output<number | undefined>;
    /** hourly, daily, weekly, monthly, yearly, or `ondemand`, as Atlas sent it. */
    declare readonly frequencyType: pulumi.Output<string | undefined>;
    /** onDemand, scheduled or fallback, as Atlas sent it. */
    declare readonly snapshotType: pulumi.Output<string | undefined>;
    /** The MongoDB version the snapshot backs up. */
    declare readonly mongodVersion: pulumi.Output<string | undefined>;
    /** What the snapshot backs up: `replicaSet` or `shardedCluster`. */
    declare readonly type: pulumi.Output<string | undefined>;
    /** The description given to an on-demand snapshot. */
    declare readonly description: pulumi.Output<string | undefined>;
    /** Replica sets: the cloud provider that stores the snapshot (AWS, AZURE, GCP), once it runs. */
    declare readonly cloudProvider: pulumi.Output<string | undefined>;
    /** Replica sets: the replica set the snapshot backs up. */
    declare readonly replicaSetName: pulumi.Output<string | undefined>;
    /** Replica sets: the regions the snapshot is copied to. */
    declare readonly copyRegions: pulumi.Output<string[] | undefined>;
    /** The ids of the backup policy items that took the snapshot. */
    declare readonly policyItems: pulumi.Output<string[] | undefined>;
    /** The customer master key's UUID, for a snapshot encrypted with one. */
    declare readonly masterKeyUUID: pulumi.Output<string | undefined>;
    /** Sharded clusters: each shard's and the config server's snapshot. */
    declare readonly members: pulumi.Output<CloudBackupSnapshotOutputs["members"]>;
    /** Sharded clusters: the ids of the members' snapshots. */
    declare readonly snapshotIds: pulumi.Output<string[] | undefined>;
    /** Sharded clusters: whether the config server is `EMBEDDED` or `DEDICATED`. */
    declare readonly configServerType: pulumi.Output<string | undefined>;
    /** Links Atlas sent with the snapshot. */
    declare readonly links: pulumi.Output<Link[] | undefined>;

    constructor(name: string, args: CloudBackupSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
        try {
            validateKnownArgs(args);
        } catch (error) {
            throw toRunError(error);
        }
        const secretArguments = secretArgumentNames(args, CLUSTER_KEY_ARGUMENTS);
        super(
            dynamicType("CloudBackupSnapshot"),
            name,
            {
                args: readStepArguments(args, secretArguments),
                snapshot: undefined,
                __provider: CLUSTER_SNAPSHOT_PROVIDER_SOURCE,
            },
            { ...opts, id: readStepId(name, args, secretArguments, keyOf, clusterValidation) },
        );
    }
}
deriveSnapshotOutputs(CloudBackupSnapshot.prototype, CLUSTER_OUTPUT_KEYS, CLUSTER_KEY_ARGUMENTS);
