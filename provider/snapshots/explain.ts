// The one place that turns a failed request into a message a person can act on.
import { API_VERSIONS, ATLAS_BASE_URL, SERVERLESS_SUNSET, TOKEN_PATH } from "../atlas/endpoints";
import type { SnapshotApi } from "../atlas/endpoints";
import { AtlasRequestError, describeFailure } from "../atlas/failure";
import { describeProxy } from "../atlas/proxy";
import type { ReadKey } from "./args";
import { LIMIT_VARIABLES } from "../atlas/settings";

/** What the failed read was about, for the message. */
export interface ReadContext {
    key: ReadKey;
    /** The credential in words ("the service account from …"), never its value. */
    credential: string;
}

const API_NAMES: Record<SnapshotApi, string> = {
    serverless: "serverless snapshot API",
    flex: "Flex snapshot API",
    cluster: "cloud backup snapshot API",
};

const SUNSET_NOTE =
    `The serverless snapshot endpoint passed its sunset on ${SERVERLESS_SUNSET}; ` +
    `Atlas may answer 404 or 410 for every request to it.`;

/** "snapshot X of "orders" in project P": what was asked, in the words of every message. */
export function describeKey(key: ReadKey): string {
    const which = key.snapshotId === undefined ? "the newest snapshot" : `snapshot ${key.snapshotId}`;
    return `${which} of "${key.instanceName}" in project ${key.projectId}`;
}

/** `describeKey` at the start of a sentence: "Snapshot X of …", "The newest snapshot of …". */
export function describeKeyAtStart(key: ReadKey): string {
    const text = describeKey(key);
    return text[0].toUpperCase() + text.slice(1);
}

/** Which of project, instance or snapshot a 404 names, from Atlas's error code. */
function missingThing(api: SnapshotApi, errorCode: string | undefined, key: ReadKey): string {
    let sentence: string;
    switch (errorCode) {
        case "GROUP_NOT_FOUND":
            sentence = `Project ${key.projectId} does not exist, or the credential cannot see it.`;
            break;
        case "CLUSTER_NOT_FOUND":
            sentence = `No cluster named "${key.instanceName}" exists in project ${key.projectId}.`;
            break;
        case "SERVERLESS_INSTANCE_NOT_FOUND":
            sentence = `No serverless instance named "${key.instanceName}" exists in project ${key.projectId}.`;
            break;
        default:
            sentence =
                key.snapshotId === undefined
                    ? `Atlas found no snapshots for "${key.instanceName}".`
                    : `Snapshot ${key.snapshotId} was not found for "${key.instanceName}": it may have expired or been deleted.`;
    }
    return api === "serverless" ? `${sentence} ${SUNSET_NOTE}` : sentence;
}

/**
 * What to read instead when Atlas says the name belongs to another family of clusters, or undefined: each family's
 * snapshots have a resource of their own.
 */
function wrongFamily(errorCode: string | undefined, key: ReadKey): string | undefined {
    const name = `"${key.instanceName}"`;
    switch (errorCode) {
        case "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API":
            return (
                `${name} is not a Flex cluster. If it is a dedicated cluster (M10 and up), read its snapshots with ` +
                `CloudBackupSnapshot (or CloudBackupSnapshots, getCloudBackupSnapshot) and \`clusterName: ${name}\`; ` +
                `ServerlessBackupSnapshot reads Flex clusters and serverless instances.`
            );
        case "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API":
            return (
                `${name} is a Flex cluster, not a dedicated one: read its snapshots with ServerlessBackupSnapshot ` +
                `(or ServerlessBackupSnapshots, getServerlessBackupSnapshot) and \`instanceName: ${name}\`.`
            );
        case "CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API":
            return (
                `${name} is a serverless instance, not a dedicated cluster: read its snapshots with ` +
                `ServerlessBackupSnapshot (or ServerlessBackupSnapshots, getServerlessBackupSnapshot) and ` +
                `\`instanceName: ${name}\`.`
            );
        case "CANNOT_USE_CLUSTER_IN_SERVERLESS_INSTANCE_API":
            return (
                `${name} is a dedicated cluster: read its snapshots with CloudBackupSnapshot (or ` +
                `CloudBackupSnapshots, getCloudBackupSnapshot) and \`clusterName: ${name}\`.`
            );
        default:
            return undefined;
    }
}

/** What to try, for one failed request. */
function advice(error: AtlasRequestError, api: SnapshotApi, context: ReadContext): string {
    const failure = error.failure;
    const attempts = error.attempts > 1 ? ` after ${error.attempts} attempts` : "";
    switch (failure.kind) {
        case "http":
            switch (failure.status) {
                case 401:
                    return (
                        `Atlas refused ${context.credential}. Check that it is current and not revoked ` +
                        `(a service account secret expires; an API key can be deleted).`
                    );
                case 403:
                    return (
                        `${context.credential} may not read project ${context.key.projectId}: grant it the ` +
                        `Project Read Only role on that project, and if the organization requires an API access ` +
                        `list, add this machine's IP address to it.`
                    );
                case 404:
                    return missingThing(api, failure.errorCode, context.key);
                case 406:
                    return `Atlas did not accept version ${API_VERSIONS[api]} of the ${API_NAMES[api]}.`;
                case 410:
                    return SUNSET_NOTE;
                case 429:
                    if (failure.rateLimit) {
                        return (
                            `Try again once the bucket has refilled, or raise ${LIMIT_VARIABLES.rateLimitBudgetMs} ` +
                            `so reads wait longer; run fewer deployments against this project at once, as they ` +
                            `share the bucket; or ask MongoDB Support to raise the limit.`
                        );
                    }
                    return (
                        `Atlas rate-limited the request${attempts}` +
                        (failure.retryAfterSeconds !== undefined
                            ? ` and asked to wait ${failure.retryAfterSeconds} s`
                            : "") +
                        `. Try again later, or lower ${LIMIT_VARIABLES.maxConcurrency} so fewer reads run at once.`
                    );
                case 400:
                    return (
                        wrongFamily(failure.errorCode, context.key) ??
                        "Check the arguments against Atlas's documentation for this endpoint."
                    );
                default:
                    return failure.status >= 500
                        ? `Atlas failed${attempts}; it may be degraded. Try again later.`
                        : "Check the arguments against Atlas's documentation for this endpoint.";
            }
        case "redirect":
            return (
                `Redirects are not followed, so credentials never go to another host: check the base URL ` +
                `(mongodbatlas:baseUrl or MONGODB_ATLAS_BASE_URL), which leads to ${error.request.host}; it must be ` +
                `the Atlas Admin API itself, such as ${ATLAS_BASE_URL}, reached without a redirect.`
            );
        case "network":
            if (failure.proxy) {
                return (
                    `Could not reach ${error.request.host} through ${describeProxy(failure.proxy)}${attempts}. ` +
                    `Check that the proxy is up, reachable from this machine and allows CONNECT to ` +
                    `${error.request.host}; or fix ${failure.proxy.variable}, or list the host in NO_PROXY to connect directly.`
                );
            }
            return `Could not reach ${error.request.host}${attempts}. Check the base URL and this machine's network access to Atlas.`;
        case "timeout":
            if (failure.tunnel) {
                return (
                    `The tunnel to ${error.request.host} never opened${attempts}. Check that the proxy is up and ` +
                    `answers CONNECT to ${error.request.host} (one that holds a CONNECT it will not allow looks ` +
                    `like this); or fix ${failure.tunnel.proxy.variable}, or list the host in NO_PROXY to connect directly.`
                );
            }
            return (
                `Atlas did not answer${attempts}. Try again later, or raise ${LIMIT_VARIABLES.requestTimeoutMs} ` +
                `if Atlas is slow from here.`
            );
        case "unexpected":
            return `Check that the base URL points at the Atlas Admin API; this package expects version ${API_VERSIONS[api]} of the ${API_NAMES[api]}.`;
    }
}

/** One failed request, explained: endpoint, what Atlas said, what to try. */
export function explainRequest(error: AtlasRequestError, api: SnapshotApi, context: ReadContext): string {
    const request = `${error.request.method} ${error.request.path}`;
    const endpoint = error.request.path === TOKEN_PATH ? "Atlas's token endpoint" : `The ${API_NAMES[api]}`;
    const said = describeFailure(error.failure);
    return `${endpoint} (${request}): ${said}${said.endsWith(".") ? "" : "."} ${advice(error, api, context)}`;
}

/** The whole message for a read that failed: what was asked, then each endpoint's answer. */
export function explainRead(
    context: ReadContext,
    attempts: readonly { api: SnapshotApi; error: AtlasRequestError }[],
): string {
    const head = `Could not read ${describeKey(context.key)}.`;
    if (attempts.length === 1) {
        return `${head} ${explainRequest(attempts[0].error, attempts[0].api, context)}`;
    }
    const [flex, serverless] = attempts;
    return (
        `${head} It is not readable as a Flex cluster: ${explainRequest(flex.error, flex.api, context)} ` +
        `So it was read as a serverless instance: ${explainRequest(serverless.error, serverless.api, context)}`
    );
}
