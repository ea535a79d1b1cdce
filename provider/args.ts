// The arguments of the data source, checked before any request so bad input never reaches Atlas.
import { ATLAS_ID_PATTERN, CLUSTER_NAME_PATTERN, SERVERLESS_STATUSES } from "./atlas/schemas";
import type { ServerlessSnapshotStatus } from "./atlas/schemas";
import { parseDuration } from "./duration";
import { InputError } from "./errors";
import type { ValidChecks } from "./checks";
import type { SnapshotKey } from "./mapping";
import type { ApiChoice } from "./outputs";

/** The longest name Atlas gives a serverless instance or Flex cluster. */
export const MAX_INSTANCE_NAME_LENGTH = 64;

/** The API choices, `auto` first as the default. */
export const API_CHOICES: readonly ApiChoice[] = ["auto", "flex", "serverless"];

/** Preview gates on a snapshot; omitted ones check nothing. */
export interface SnapshotChecks {
    /** The status, or one of the statuses, the snapshot must have. */
    status?: ServerlessSnapshotStatus | ServerlessSnapshotStatus[];
    /** How long the snapshot must still be kept: "90m", "36h", "7d" or ISO 8601 "P7D". */
    minTimeToExpiry?: string;
}

/** The data source's arguments once every input is known. */
export interface PlainSnapshotArgs {
    projectId: string;
    instanceName: string;
    snapshotId: string;
    api?: ApiChoice;
    checks?: SnapshotChecks;
}

/** Arguments that passed validation, ready for a request. */
export interface ValidArgs {
    key: SnapshotKey;
    api: ApiChoice;
    checks: ValidChecks;
}

const ID_FORM = "24 lowercase hexadecimal characters, like 32b6e34b3d91647abb20e7b8";
const NAME_FORM =
    `a serverless instance or Flex cluster name: ASCII letters, digits and hyphens, ` +
    `starting with a letter or digit, at most ${MAX_INSTANCE_NAME_LENGTH} characters`;

/** Checks an Atlas id (project or snapshot) against Atlas's own pattern. */
export function validateAtlasId(argument: string, value: unknown): string {
    if (typeof value !== "string" || !ATLAS_ID_PATTERN.test(value)) {
        throw new InputError(argument, value, ID_FORM);
    }
    return value;
}

/** Checks an instance name against Atlas's pattern, which also keeps it from escaping its URL path segment. */
export function validateInstanceName(argument: string, value: unknown): string {
    if (typeof value !== "string" || value.length > MAX_INSTANCE_NAME_LENGTH || !CLUSTER_NAME_PATTERN.test(value)) {
        throw new InputError(argument, value, NAME_FORM);
    }
    return value;
}

/** Checks the `api` choice; absent means `auto`. */
export function validateApi(value: unknown): ApiChoice {
    if (value === undefined || value === null) {
        return "auto";
    }
    if (typeof value !== "string" || !(API_CHOICES as readonly string[]).includes(value)) {
        throw new InputError("api", value, `one of ${API_CHOICES.map((c) => `"${c}"`).join(", ")}`);
    }
    return value as ApiChoice;
}

/** Checks a status list in the serverless vocabulary. */
export function validateStatuses(argument: string, value: unknown): ServerlessSnapshotStatus[] {
    const list = Array.isArray(value) ? value : [value];
    const expected = `a status or a list of statuses among ${SERVERLESS_STATUSES.join(", ")}`;
    if (list.length === 0) {
        throw new InputError(argument, value, expected);
    }
    for (const status of list) {
        if (typeof status !== "string" || !(SERVERLESS_STATUSES as readonly string[]).includes(status)) {
            throw new InputError(argument, value, expected);
        }
    }
    return list as ServerlessSnapshotStatus[];
}

/** Checks the `checks` argument; absent checks check nothing. */
export function validateChecks(value: unknown): ValidChecks {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new InputError("checks", value, "an object with `status` and/or `minTimeToExpiry`");
    }
    const { status, minTimeToExpiry, ...unknown } = value as Record<string, unknown>;
    const extra = Object.keys(unknown);
    if (extra.length > 0) {
        throw new InputError(`checks.${extra[0]}`, unknown[extra[0]], "only `status` and `minTimeToExpiry` checks");
    }
    const checks: ValidChecks = {};
    if (status !== undefined && status !== null) {
        checks.status = validateStatuses("checks.status", status);
    }
    if (minTimeToExpiry !== undefined && minTimeToExpiry !== null) {
        checks.minTimeToExpiryMs = parseDuration(minTimeToExpiry, "checks.minTimeToExpiry");
        checks.minTimeToExpiry = minTimeToExpiry as string;
    }
    return checks;
}

/** Validates every argument, in the order users read them, and returns them ready for a request. */
export function validateArgs(args: Partial<Record<keyof PlainSnapshotArgs, unknown>>): ValidArgs {
    return {
        key: {
            projectId: validateAtlasId("projectId", args.projectId),
            instanceName: validateInstanceName("instanceName", args.instanceName),
            snapshotId: validateAtlasId("snapshotId", args.snapshotId),
        },
        api: validateApi(args.api),
        checks: validateChecks(args.checks),
    };
}
