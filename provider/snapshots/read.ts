// Reading snapshots: the right endpoint (Flex first when `auto`), the mapping, the choice of the newest, the
// checks. The dynamic providers and the get… functions all come through here.
import type { AtlasClient } from "../atlas/client";
import { AtlasRequestError } from "../atlas/failure";
import type { SnapshotApi } from "../atlas/endpoints";
import type { ServerlessSnapshotStatus } from "../atlas/schemas";
import type { ReadKey, ValidArgs, ValidListArgs } from "./args";
import { enforceChecks } from "./checks";
import { SnapshotReadError } from "./errors";
import { describeKey, explainRead } from "./explain";
import { INSTANCE_FAMILY } from "./family";
import type { SnapshotFamily } from "./family";
import { describeStatuses, newestFirst, pickNewest } from "./newest";
import type { ApiChoice, SnapshotOutputs } from "./outputs";
import type { ListContinuation } from "../atlas/client";
import { coalescerFor } from "./coalescer";
import type { InstanceSnapshots } from "./coalescer";
import { notFlexMemoryFor } from "./notFlex";

/** The Flex error codes that mean "not a Flex cluster": `auto` then asks the serverless endpoint. */
export const FALLBACK_ERROR_CODES: readonly string[] = [
    "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
    "FEATURE_UNSUPPORTED",
    "CLUSTER_NOT_FOUND",
];

/** The statuses the newest snapshot is chosen among when `checks.status` does not say. */
export const DEFAULT_NEWEST_STATUSES: readonly ServerlessSnapshotStatus[] = ["completed"];

/** Whether a Flex failure means the instance may still be a serverless one. */
export function shouldFallBack(error: unknown): boolean {
    return (
        error instanceof AtlasRequestError &&
        error.failure.kind === "http" &&
        error.failure.errorCode !== undefined &&
        FALLBACK_ERROR_CODES.includes(error.failure.errorCode)
    );
}

/**
 * Runs `request` against the endpoints `api` allows, in order, falling back from Flex to serverless on the
 * codes above; failures become one `SnapshotReadError` that explains each endpoint's answer.
 */
async function fromEndpoints<T>(
    client: AtlasClient,
    api: ApiChoice,
    key: ReadKey,
    request: (api: SnapshotApi) => Promise<T>,
): Promise<T> {
    const instance = instanceOf(key);
    const notFlex = notFlexMemoryFor(client);
    if (api === "auto" && notFlex.isKnownNotFlex(instance)) {
        // Flex said "not a Flex cluster" earlier in this process: ask the serverless endpoint at once. Should it fail,
        // the read runs the whole way below, so its error explains both endpoints as a first read's does.
        try {
            return await request("serverless");
        } catch (error) {
            if (!(error instanceof AtlasRequestError)) {
                throw error;
            }
        }
    }
    const failures: { api: SnapshotApi; error: AtlasRequestError }[] = [];
    for (const endpoint of api === "auto" ? (["flex", "serverless"] as const) : [api]) {
        try {
            return await request(endpoint);
        } catch (error) {
            if (!(error instanceof AtlasRequestError)) {
                throw error;
            }
            failures.push({ api: endpoint, error });
            if (!(endpoint === "flex" && api === "auto" && shouldFallBack(error))) {
                break;
            }
            notFlex.rememberNotFlex(instance);
        }
    }
    const last = failures[failures.length - 1].error.failure;
    throw new SnapshotReadError(explainRead({ key, credential: client.credentialDescription }, failures), {
        notFound: last.kind === "http" && last.status === 404,
        requests: failures,
    });
}

/** Whether a failure came after the request's retries were spent: a timeout, a broken connection, 429 or 5xx. */
function spentRetries(error: AtlasRequestError): boolean {
    const failure = error.failure;
    return (
        failure.kind === "timeout" ||
        failure.kind === "network" ||
        (failure.kind === "http" && (failure.status === 429 || failure.status >= 500))
    );
}

/**
 * A read's own error for the failure of the list it shared, when the list spent its retries (its own GET would
 * then start over with a budget of its own and double the read's bound): the same requests, explained for this
 * snapshot. Any other failure (a refusal, an answer the list alone got wrong) leaves the read to its own GET.
 */
function sharedListFailure(client: AtlasClient, key: ReadKey, listError: unknown): Error | undefined {
    if (!(listError instanceof SnapshotReadError)) {
        return listError instanceof Error ? listError : undefined;
    }
    const last = listError.requests[listError.requests.length - 1];
    if (last === undefined || !spentRetries(last.error)) {
        return undefined;
    }
    return new SnapshotReadError(explainRead({ key, credential: client.credentialDescription }, listError.requests), {
        requests: listError.requests,
    });
}

/**
 * Every snapshot of an instance (or those of the pages before `goOn` said stop), mapped and newest first, with the
 * endpoint that answered and Atlas's count.
 */
async function fetchSnapshotList(
    client: AtlasClient,
    key: ReadKey,
    api: ApiChoice,
    family: SnapshotFamily,
    goOn?: ListContinuation,
): Promise<InstanceSnapshots> {
    const { projectId, instanceName } = key;
    const { answer, snapshots } = await fromEndpoints(client, api, { projectId, instanceName }, async (endpoint) => {
        const listed = await client.listSnapshots(endpoint, projectId, instanceName, goOn);
        return { answer: listed, snapshots: await family.mapList(client, { projectId, instanceName }, listed) };
    });
    return {
        source: answer.api,
        snapshots: newestFirst(snapshots),
        totalCount: answer.totalCount ?? snapshots.length,
        ...(answer.incomplete && { incomplete: true }),
    };
}

/** The coalescer's key for an instance, whatever the endpoint choice. */
function instanceOf(key: ReadKey): string {
    return `${key.projectId}/${key.instanceName}`;
}

/** The family a read belongs to: the one its arguments name, else serverless instances and Flex clusters. */
function familyOf(args: { family?: SnapshotFamily }): SnapshotFamily {
    return args.family ?? INSTANCE_FAMILY;
}

/** Every snapshot of an instance, newest first: one paged list request, shared while it is fresh. */
export function listSnapshots(
    client: AtlasClient,
    key: ReadKey,
    api: ApiChoice,
    family: SnapshotFamily = INSTANCE_FAMILY,
): Promise<InstanceSnapshots> {
    return coalescerFor(client).list(instanceOf(key), api, () => fetchSnapshotList(client, key, api, family));
}

/** The newest snapshot whose status passes `checks.status` (completed when unset). */
async function fetchNewest(client: AtlasClient, args: ValidArgs): Promise<SnapshotOutputs> {
    const { snapshots } = await listSnapshots(client, args.key, args.api, familyOf(args));
    const statuses = args.checks.status ?? DEFAULT_NEWEST_STATUSES;
    const chosen = pickNewest(snapshots, statuses);
    if (!chosen) {
        throw new SnapshotReadError(
            `Could not choose ${describeKey(args.key)}: none has status ${statuses.join(" or ")}; Atlas lists ` +
                `${describeStatuses(snapshots)}. Wait for a snapshot to complete, take an on-demand snapshot, or ` +
                `widen \`checks.status\`.`,
            { notFound: true },
        );
    }
    return chosen;
}

/**
 * Reads one snapshot by its own GET, through the endpoints `args.api` allows, and tells the coalescer what it found,
 * so no list asked for earlier answers another read with an older view of the snapshot.
 */
async function getSnapshot(client: AtlasClient, args: ValidArgs, snapshotId: string): Promise<SnapshotOutputs> {
    const { projectId, instanceName } = args.key;
    const key = { projectId, instanceName, snapshotId };
    const memory = coalescerFor(client);
    let snapshot;
    try {
        snapshot = await fromEndpoints(client, args.api, args.key, async (api) =>
            familyOf(args).mapOne(client, key, await client.getSnapshot(api, projectId, instanceName, snapshotId)),
        );
    } catch (error) {
        if (error instanceof SnapshotReadError && error.notFound) {
            memory.sawSnapshot(instanceOf(key), snapshotId, undefined);
        }
        throw error;
    }
    memory.sawSnapshot(instanceOf(key), snapshotId, snapshot);
    return snapshot;
}

/**
 * Fetches and maps a snapshot (the newest that qualifies when no id is given); failures explain themselves.
 * Reads of one instance that arrive together share its list (see coalescer.ts); a read that waits, and
 * so polls, always asks Atlas afresh, and what it finds retires any list that shows the snapshot otherwise.
 */
export async function fetchSnapshot(client: AtlasClient, args: ValidArgs): Promise<SnapshotOutputs> {
    const snapshotId = args.key.snapshotId;
    if (snapshotId === undefined) {
        return fetchNewest(client, args);
    }
    if (args.waitFor) {
        return getSnapshot(client, args, snapshotId);
    }
    return coalescerFor(client).read(instanceOf(args.key), args.api, snapshotId, {
        get: () => getSnapshot(client, args, snapshotId),
        fetchList: (goOn) => fetchSnapshotList(client, args.key, args.api, familyOf(args), goOn),
        ownFailure: (listError) => sharedListFailure(client, args.key, listError),
    });
}

/** Fetches, maps and checks a snapshot: the whole read the data source performs. */
export async function readSnapshot(client: AtlasClient, args: ValidArgs, now = new Date()): Promise<SnapshotOutputs> {
    const snapshot = await fetchSnapshot(client, args);
    enforceChecks(snapshot, args.checks, now);
    return snapshot;
}

/** What the snapshot list reports: the snapshots that pass the filters, newest first, and Atlas's count. */
export interface SnapshotList {
    source: SnapshotApi;
    snapshots: SnapshotOutputs[];
    /** How many snapshots Atlas holds for the instance, whatever the filters. */
    totalCount: number;
}

/** Lists an instance's snapshots and keeps those with an accepted status, taken within `maxAgeMs`. */
export async function readSnapshotList(
    client: AtlasClient,
    args: ValidListArgs,
    now = new Date(),
): Promise<SnapshotList> {
    const list = await listSnapshots(client, args.key, args.api, familyOf(args));
    const snapshots = list.snapshots.filter((snapshot) => {
        if (args.status && !(snapshot.status !== undefined && args.status.includes(snapshot.status))) {
            return false;
        }
        if (args.maxAgeMs !== undefined) {
            const taken = snapshot.createdAt === undefined ? NaN : Date.parse(snapshot.createdAt);
            return !Number.isNaN(taken) && now.getTime() - taken <= args.maxAgeMs;
        }
        return true;
    });
    return { source: list.source, snapshots, totalCount: list.totalCount };
}
