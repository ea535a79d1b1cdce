// Reading one snapshot: the right endpoint (Flex first when `auto`), the mapping, then the checks.
// The dynamic provider and the get… functions both come through here.
import type { AtlasClient } from "./atlas/client";
import { AtlasRequestError } from "./atlas/failure";
import type { SnapshotApi } from "./atlas/endpoints";
import type { ValidArgs } from "./args";
import { enforceChecks } from "./checks";
import { SnapshotReadError } from "./errors";
import { explainRead } from "./explain";
import { fromFlex, fromServerless } from "./mapping";
import type { SnapshotOutputs } from "./outputs";

/** The Flex error codes that mean "not a Flex cluster": `auto` then asks the serverless endpoint. */
export const FALLBACK_ERROR_CODES: readonly string[] = [
    "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
    "FEATURE_UNSUPPORTED",
    "CLUSTER_NOT_FOUND",
];

/** Whether a Flex failure means the instance may still be a serverless one. */
export function shouldFallBack(error: unknown): boolean {
    return (
        error instanceof AtlasRequestError &&
        error.failure.kind === "http" &&
        error.failure.errorCode !== undefined &&
        FALLBACK_ERROR_CODES.includes(error.failure.errorCode)
    );
}

/** The endpoints to ask, in order. */
function endpointsFor(args: ValidArgs): SnapshotApi[] {
    return args.api === "auto" ? ["flex", "serverless"] : [args.api];
}

/** Fetches and maps a snapshot; failures become a `SnapshotReadError` that explains each endpoint's answer. */
export async function fetchSnapshot(client: AtlasClient, args: ValidArgs): Promise<SnapshotOutputs> {
    const { projectId, instanceName, snapshotId } = args.key;
    const failures: { api: SnapshotApi; error: AtlasRequestError }[] = [];
    for (const api of endpointsFor(args)) {
        try {
            const answer = await client.getSnapshot(api, projectId, instanceName, snapshotId);
            return answer.api === "flex"
                ? fromFlex(args.key, answer.snapshot)
                : fromServerless(args.key, answer.snapshot);
        } catch (error) {
            if (!(error instanceof AtlasRequestError)) {
                throw error;
            }
            failures.push({ api, error });
            if (!(api === "flex" && args.api === "auto" && shouldFallBack(error))) {
                break;
            }
        }
    }
    throw new SnapshotReadError(explainRead({ key: args.key, credential: client.credentialDescription }, failures));
}

/** Fetches, maps and checks a snapshot: the whole read the data source performs. */
export async function readSnapshot(client: AtlasClient, args: ValidArgs, now = new Date()): Promise<SnapshotOutputs> {
    const snapshot = await fetchSnapshot(client, args);
    enforceChecks(snapshot, args.checks, now);
    return snapshot;
}
