// The arguments of the data source, checked before any request so bad input never reaches Atlas.
import { ATLAS_ID_PATTERN, CLUSTER_NAME_PATTERN, SERVERLESS_STATUSES } from "../atlas/vocabulary";
import type { ServerlessSnapshotStatus } from "../atlas/vocabulary";
import { parseDuration } from "../common/duration";
import { InputError, UnknownArgumentError } from "../common/errors";
import type { ValidChecks } from "./checks";
import type { SnapshotFamily } from "./family";
import type { ApiChoice } from "./outputs";

/** The arguments of `ServerlessBackupSnapshot`, of its get… functions and of the plugin's function. */
export const SNAPSHOT_ARGUMENTS = [
    "projectId",
    "instanceName",
    "snapshotId",
    "api",
    "checks",
    "waitFor",
] as const satisfies readonly (keyof PlainSnapshotArgs)[];

/** The arguments of `ServerlessBackupSnapshots`, of its get… functions and of the plugin's function. */
export const SNAPSHOT_LIST_ARGUMENTS = [
    "projectId",
    "instanceName",
    "api",
    "status",
    "maxAge",
] as const satisfies readonly (keyof PlainSnapshotListArgs)[];

/** The checks `checks` takes. */
export const CHECK_ARGUMENTS = [
    "status",
    "minTimeToExpiry",
    "maxAge",
] as const satisfies readonly (keyof SnapshotChecks)[];

/** What `waitFor` takes. */
export const WAIT_ARGUMENTS = ["status", "timeout", "interval"] as const satisfies readonly (keyof SnapshotWait)[];

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
    /** How old the snapshot may be at most, from its `createdAt`: "1d", "36h", "P1D". */
    maxAge?: string;
}

/** Waiting, during `pulumi up`, until the snapshot reaches a status. */
export interface SnapshotWait {
    /** The status to wait for; default "completed". */
    status?: ServerlessSnapshotStatus;
    /** How long to wait at most; default "30m". */
    timeout?: string;
    /** How long between two reads; default "15s". */
    interval?: string;
}

/** The data source's arguments once every input is known. */
export interface PlainSnapshotArgs {
    projectId: string;
    instanceName: string;
    /** The snapshot to read; omitted, the newest snapshot whose status passes `checks.status` (default completed). */
    snapshotId?: string;
    api?: ApiChoice;
    checks?: SnapshotChecks;
    waitFor?: SnapshotWait;
}

/** What to read: one snapshot, or the newest of an instance when `snapshotId` is absent. */
export interface ReadKey {
    projectId: string;
    instanceName: string;
    snapshotId?: string;
}

/** A wait after validation. */
export interface ValidWait {
    status: ServerlessSnapshotStatus;
    timeoutMs: number;
    intervalMs: number;
    /** The timeout as the user wrote it, for messages. */
    timeout: string;
}

/** Arguments that passed validation, ready for a request. */
export interface ValidArgs {
    key: ReadKey;
    api: ApiChoice;
    checks: ValidChecks;
    waitFor?: ValidWait;
    /** Whose snapshots: a family of its own (dedicated clusters'), else serverless instances and Flex clusters. */
    family?: SnapshotFamily;
}

/**
 * The longest wait, and so the longest interval: a timer in Node.js holds at most 2^31 - 1 ms (24.8 days), and
 * a longer one fires after 1 ms instead, which would turn a wait into a busy loop.
 */
export const MAX_WAIT = "24d";
const MAX_WAIT_MS = 24 * 86_400_000;

/** The default wait: until completed, for at most 30 minutes, reading every 15 seconds. */
export const DEFAULT_WAIT = { status: "completed", timeout: "30m", interval: "15s" } as const;

const ID_FORM = "24 lowercase hexadecimal characters, like 32b6e34b3d91647abb20e7b8";
const NAME_FORM =
    `a serverless instance or Flex cluster name: ASCII letters, digits and hyphens, ` +
    `starting with a letter or digit, at most ${MAX_INSTANCE_NAME_LENGTH} characters`;

/** The Levenshtein distance between two names: how many letters to insert, delete or replace to go from one to the other. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const replace = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(replace, previous[j] + 1, current[j - 1] + 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The known name a misspelt one most likely meant: the nearest, ignoring case, if at most a third of its letters
 * differ (`snapshotID`, `instance_name`, `chekcs`), or if one of the two, of four letters or more, begins the other
 * (`wait`, `instance`, `maxAgeDays`); else undefined.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
    const wanted = name.toLowerCase();
    let best: { name: string; distance: number } | undefined;
    for (const candidate of known) {
        const lower = candidate.toLowerCase();
        const distance = editDistance(wanted, lower);
        const [shorter, longer] = wanted.length <= lower.length ? [wanted, lower] : [lower, wanted];
        const close = distance <= Math.floor(longer.length / 3) || (shorter.length >= 4 && longer.startsWith(shorter));
        if (close && (best === undefined || distance < best.distance)) {
            best = { name: candidate, distance };
        }
    }
    return best?.name;
}

/**
 * Refuses the first key of `args` that is not among `known`, naming it and the known argument it most likely
 * meant, or every known argument when none is close: a misspelt argument would otherwise be ignored, and a
 * misspelt `snapshotId` would read the newest snapshot instead of the one named. `within` prefixes the names
 * of nested arguments (`checks`). Anything but an object is left to the checks of its form.
 */
export function refuseUnknownArguments(args: unknown, known: readonly string[], within?: string): void {
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
        return;
    }
    const unknown = Object.keys(args).find((key) => !known.includes(key));
    if (unknown === undefined) {
        return;
    }
    const path = (name: string) => (within === undefined ? name : `${within}.${name}`);
    const closest = closestName(unknown, known);
    throw new UnknownArgumentError(path(unknown), known.map(path), closest === undefined ? undefined : path(closest));
}

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
        throw new InputError("checks", value, "an object with any of `status`, `minTimeToExpiry` and `maxAge`");
    }
    refuseUnknownArguments(value, CHECK_ARGUMENTS, "checks");
    const { status, minTimeToExpiry, maxAge } = value as Record<string, unknown>;
    const checks: ValidChecks = {};
    if (status !== undefined && status !== null) {
        checks.status = validateStatuses("checks.status", status);
    }
    if (minTimeToExpiry !== undefined && minTimeToExpiry !== null) {
        checks.minTimeToExpiryMs = parseDuration(minTimeToExpiry, "checks.minTimeToExpiry");
        checks.minTimeToExpiry = minTimeToExpiry as string;
    }
    if (maxAge !== undefined && maxAge !== null) {
        checks.maxAgeMs = parseDuration(maxAge, "checks.maxAge");
        checks.maxAge = maxAge as string;
    }
    return checks;
}

/** Checks the `waitFor` argument; absent means no waiting. */
export function validateWait(value: unknown): ValidWait | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new InputError("waitFor", value, "an object with `status`, `timeout` and/or `interval`");
    }
    refuseUnknownArguments(value, WAIT_ARGUMENTS, "waitFor");
    const { status, timeout, interval } = value as Record<string, unknown>;
    const [wanted] =
        status === undefined || status === null ? [DEFAULT_WAIT.status] : validateStatuses("waitFor.status", status);
    if (Array.isArray(status)) {
        throw new InputError("waitFor.status", status, "one status among queued, inProgress, completed, failed");
    }
    const timeoutText = (timeout ?? DEFAULT_WAIT.timeout) as string;
    const timeoutMs = parseDuration(timeoutText, "waitFor.timeout");
    if (timeoutMs < 1000 || timeoutMs > MAX_WAIT_MS) {
        throw new InputError("waitFor.timeout", timeoutText, `a duration from 1s to ${MAX_WAIT}`);
    }
    const intervalMs = parseDuration(interval ?? DEFAULT_WAIT.interval, "waitFor.interval");
    if (intervalMs < 1000 || intervalMs > timeoutMs) {
        throw new InputError(
            "waitFor.interval",
            interval ?? DEFAULT_WAIT.interval,
            `a duration of at least 1s and at most \`waitFor.timeout\` (${timeoutText})`,
        );
    }
    return { status: wanted, timeoutMs, intervalMs, timeout: timeoutText };
}

/** Validates every argument, in the order users read them, and returns them ready for a request. */
export function validateArgs(args: Partial<Record<keyof PlainSnapshotArgs, unknown>>): ValidArgs {
    const newest = args.snapshotId === undefined || args.snapshotId === null;
    const valid: ValidArgs = {
        key: {
            projectId: validateAtlasId("projectId", args.projectId),
            instanceName: validateInstanceName("instanceName", args.instanceName),
            ...(newest ? {} : { snapshotId: validateAtlasId("snapshotId", args.snapshotId) }),
        },
        api: validateApi(args.api),
        checks: validateChecks(args.checks),
    };
    const waitFor = validateWait(args.waitFor);
    if (waitFor) {
        if (newest) {
            throw new InputError(
                "waitFor",
                args.waitFor,
                "a `snapshotId` to wait for: the newest snapshot is chosen among finished ones",
            );
        }
        valid.waitFor = waitFor;
    }
    return valid;
}

/** The arguments of the snapshot list once every input is known. */
export interface PlainSnapshotListArgs {
    projectId: string;
    instanceName: string;
    api?: ApiChoice;
    /** Keep only snapshots with this status, or one of these statuses. */
    status?: ServerlessSnapshotStatus | ServerlessSnapshotStatus[];
    /** Keep only snapshots taken within this long: "7d", "36h", "P30D". */
    maxAge?: string;
}

/** List arguments that passed validation. */
export interface ValidListArgs {
    key: { projectId: string; instanceName: string };
    api: ApiChoice;
    /** As for `ValidArgs`. */
    family?: SnapshotFamily;
    status?: ServerlessSnapshotStatus[];
    maxAgeMs?: number;
}

/** Validates the list's arguments, before any request. */
export function validateListArgs(args: Partial<Record<keyof PlainSnapshotListArgs, unknown>>): ValidListArgs {
    const valid: ValidListArgs = {
        key: {
            projectId: validateAtlasId("projectId", args.projectId),
            instanceName: validateInstanceName("instanceName", args.instanceName),
        },
        api: validateApi(args.api),
    };
    if (args.status !== undefined && args.status !== null) {
        valid.status = validateStatuses("status", args.status);
    }
    if (args.maxAge !== undefined && args.maxAge !== null) {
        valid.maxAgeMs = parseDuration(args.maxAge, "maxAge");
    }
    return valid;
}
