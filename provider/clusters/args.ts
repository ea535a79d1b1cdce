// The arguments of the dedicated clusters' data source, checked before any request, and the read they ask for:
// the snapshots/ machinery with the cluster API, the cluster named where a serverless read names its instance.
import { CLUSTER_NAME_PATTERN } from "../atlas/vocabulary";
import { CLUSTER_FAMILY } from "./family";
import { parseDuration } from "../common/duration";
import { InputError } from "../common/errors";
import {
    MAX_INSTANCE_NAME_LENGTH,
    refuseUnknownArguments,
    validateArgs,
    validateAtlasId,
    validateStatuses,
} from "../snapshots/args";
import type { PlainSnapshotArgs, SnapshotChecks, SnapshotWait, ValidArgs, ValidListArgs } from "../snapshots/args";
import type { ServerlessSnapshotStatus } from "../atlas/vocabulary";

/** The arguments of `CloudBackupSnapshot`, of its get… functions and of the plugin's function. */
export const CLUSTER_SNAPSHOT_ARGUMENTS = [
    "projectId",
    "clusterName",
    "snapshotId",
    "checks",
    "waitFor",
] as const satisfies readonly (keyof PlainCloudBackupSnapshotArgs)[];

/** The arguments of `CloudBackupSnapshots`, of its get… functions and of the plugin's function. */
export const CLUSTER_SNAPSHOT_LIST_ARGUMENTS = [
    "projectId",
    "clusterName",
    "status",
    "maxAge",
] as const satisfies readonly (keyof PlainCloudBackupSnapshotsArgs)[];

/** The arguments that name what is read, and that a program may mark secret. */
export const CLUSTER_KEY_ARGUMENTS = ["projectId", "clusterName", "snapshotId"] as const;

/** `CloudBackupSnapshot`'s arguments once every input is known. */
export interface PlainCloudBackupSnapshotArgs {
    /** The Atlas project (group) id. */
    projectId: string;
    /** The dedicated cluster's name. */
    clusterName: string;
    /** The snapshot to read; omitted, the newest snapshot whose status passes `checks.status` (default completed). */
    snapshotId?: string;
    checks?: SnapshotChecks;
    waitFor?: SnapshotWait;
}

/** `CloudBackupSnapshots`' arguments once every input is known. */
export interface PlainCloudBackupSnapshotsArgs {
    projectId: string;
    clusterName: string;
    /** Keep only snapshots with this status, or one of these statuses. */
    status?: ServerlessSnapshotStatus | ServerlessSnapshotStatus[];
    /** Keep only snapshots taken within this long: "7d", "36h", "P30D". */
    maxAge?: string;
}

const CLUSTER_NAME_FORM =
    `a dedicated cluster's name: ASCII letters, digits and hyphens, starting with a letter or digit, at most ` +
    `${MAX_INSTANCE_NAME_LENGTH} characters`;

/** Checks a cluster name against Atlas's pattern, which also keeps it from escaping its URL path segment. */
export function validateClusterName(value: unknown): string {
    if (typeof value !== "string" || value.length > MAX_INSTANCE_NAME_LENGTH || !CLUSTER_NAME_PATTERN.test(value)) {
        throw new InputError("clusterName", value, CLUSTER_NAME_FORM);
    }
    return value;
}

/** The key argument names of a cluster read as the snapshots/ machinery names them (`clusterName` is its instance). */
export function internalKeyNames(names: readonly string[]): string[] {
    return names.map((name) => (name === "clusterName" ? "instanceName" : name));
}

/**
 * Validates every argument, in the order users read them, refusing any the resource does not take (a misspelt
 * `snapshotId` would otherwise read the newest snapshot), and returns the read of the cluster API they ask for.
 */
export function validateClusterArgs(args: unknown): ValidArgs {
    refuseUnknownArguments(args, CLUSTER_SNAPSHOT_ARGUMENTS);
    const given = (typeof args === "object" && args !== null ? args : {}) as Partial<
        Record<keyof PlainCloudBackupSnapshotArgs, unknown>
    >;
    validateAtlasId("projectId", given.projectId);
    const clusterName = validateClusterName(given.clusterName);
    const { projectId, snapshotId, checks, waitFor } = given;
    const valid = validateArgs({ projectId, instanceName: clusterName, snapshotId, checks, waitFor } as Partial<
        Record<keyof PlainSnapshotArgs, unknown>
    >);
    return { ...valid, api: "cluster", family: CLUSTER_FAMILY };
}

/** Validates the list's arguments, before any request, and returns the list read of the cluster API. */
export function validateClusterListArgs(args: unknown): ValidListArgs {
    refuseUnknownArguments(args, CLUSTER_SNAPSHOT_LIST_ARGUMENTS);
    const given = (typeof args === "object" && args !== null ? args : {}) as Partial<
        Record<keyof PlainCloudBackupSnapshotsArgs, unknown>
    >;
    const valid: ValidListArgs = {
        key: {
            projectId: validateAtlasId("projectId", given.projectId),
            instanceName: validateClusterName(given.clusterName),
        },
        api: "cluster",
        family: CLUSTER_FAMILY,
    };
    if (given.status !== undefined && given.status !== null) {
        valid.status = validateStatuses("status", given.status);
    }
    if (given.maxAge !== undefined && given.maxAge !== null) {
        valid.maxAgeMs = parseDuration(given.maxAge, "maxAge");
    }
    return valid;
}
