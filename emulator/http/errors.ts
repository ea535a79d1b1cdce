// The ApiError bodies the emulator answers with, one function per Atlas error it imitates.
// Keys are written in the order real Atlas serialises them (alphabetical), so recorded bodies compare equal.
import { STATUS_CODES } from "node:http";
import type { ApiError } from "../../provider/atlas/schemas";

/** Builds an Atlas `ApiError` body; `reason` is the HTTP reason phrase, as Atlas sends it. */
export function apiError(status: number, errorCode: string, detail: string, parameters?: unknown[]): ApiError {
    const body: ApiError = { detail, error: status, errorCode };
    if (parameters !== undefined) body.parameters = parameters;
    body.reason = STATUS_CODES[status] ?? "Unknown";
    return body;
}

/**
 * A 401 from Atlas's authentication filter, which answers before any route: its keys come in the filter's own
 * order, not alphabetically (see the recorded Digest challenge).
 */
function filterRefusal(detail: string): ApiError {
    return { error: 401, reason: STATUS_CODES[401], detail, errorCode: "UNEXPECTED_ERROR" };
}

/** 401 for a request without acceptable credentials: the body Atlas sends with its Digest challenge. */
export function notAuthorized(): ApiError {
    return filterRefusal("You are not authorized for this resource.");
}

/** 401 for a bearer token the emulator does not (or no longer) honour. */
export function invalidAccessToken(): ApiError {
    return filterRefusal("The access token is invalid, expired or revoked.");
}

/** 403 for a valid credential that has no role in the project it asks about. */
export function userUnauthorized(projectId: string): ApiError {
    return apiError(
        403,
        "USER_UNAUTHORIZED",
        `Current user is not authorized to read project ${projectId}: it needs the Project Read Only role in it, ` +
            "and the request must come from an address on the API access list.",
        [projectId],
    );
}

/** 404 `GROUP_NOT_FOUND`, worded as recorded from Atlas. */
export function groupNotFound(projectId: string): ApiError {
    return apiError(404, "GROUP_NOT_FOUND", `No group with ID ${projectId} exists.`, [projectId]);
}

/** 404 `CLUSTER_NOT_FOUND`, worded as recorded from Atlas. */
export function clusterNotFound(name: string, projectId: string): ApiError {
    return apiError(404, "CLUSTER_NOT_FOUND", `No cluster named ${name} exists in group ${projectId}.`, [
        name,
        projectId,
    ]);
}

/** 400 `CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API`, worded as recorded from Atlas. */
export function nonFlexClusterInFlexApi(name: string): ApiError {
    return apiError(
        400,
        "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
        `Cannot use non-flex cluster ${name} in the flex API.`,
        [name],
    );
}

/** 400 `CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API`, worded as recorded from Atlas (on `/clusters/{name}`). */
export function flexClusterInClusterApi(name: string): ApiError {
    return apiError(
        400,
        "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API",
        `Flex cluster ${name} cannot be used in the Cluster API.`,
        [name],
    );
}

/**
 * 400 `CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API`: MongoDB's code names it, nothing recorded its body, so its
 * detail follows the Flex one's wording.
 */
export function serverlessInstanceInClusterApi(name: string): ApiError {
    return apiError(
        400,
        "CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API",
        `Serverless instance ${name} cannot be used in the Cluster API.`,
        [name],
    );
}

/** 404 `SNAPSHOT_NOT_FOUND` from the cluster API, worded as Atlas's error-code reference gives it. */
export function clusterSnapshotNotFound(snapshotId: string, name: string): ApiError {
    return apiError(404, "SNAPSHOT_NOT_FOUND", `No snapshot with ID ${snapshotId} exists for cluster ${name}.`, [
        snapshotId,
        name,
    ]);
}

/**
 * 400 `INCORRECT_BACKUP_API_ENDPOINT`, worded as Atlas's error-code reference gives it: here for a sharded-cluster
 * route asked about a replica set, naming the replica-set route to use.
 */
export function incorrectBackupApiEndpoint(endpoint: string): ApiError {
    return apiError(
        400,
        "INCORRECT_BACKUP_API_ENDPOINT",
        `Incorrect Public API endpoint for Cloud Backups. Please use the following end point: (${endpoint}).`,
        [endpoint],
    );
}

/** 404 `SERVERLESS_INSTANCE_NOT_FOUND` for a name that is neither a serverless instance nor a migrated Flex cluster. */
export function serverlessInstanceNotFound(name: string, projectId: string): ApiError {
    return apiError(
        404,
        "SERVERLESS_INSTANCE_NOT_FOUND",
        `No serverless instance with name ${name} exists in group ${projectId}.`,
        [name, projectId],
    );
}

/** 404 `RESOURCE_NOT_FOUND` for a snapshot id the deployment does not have. */
export function snapshotNotFound(snapshotId: string, name: string): ApiError {
    return apiError(404, "RESOURCE_NOT_FOUND", `No snapshot with ID ${snapshotId} exists for ${name}.`, [
        snapshotId,
        name,
    ]);
}

/** 404 `RESOURCE_NOT_FOUND` for a path no route serves. */
export function unknownPath(path: string): ApiError {
    return apiError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${path}.`, [path]);
}

/** 405 for a method other than the ones a route allows. */
export function methodNotAllowed(method: string, allowed: string): ApiError {
    return apiError(405, "METHOD_NOT_ALLOWED", `HTTP method ${method} is not allowed here; use ${allowed}.`, [method]);
}

/** 400 for a path parameter that breaks the pattern the OpenAPI spec declares for it. */
export function invalidPathParameter(name: string, value: string, pattern: RegExp): ApiError {
    return apiError(
        400,
        "INVALID_PARAMETER",
        `Invalid path parameter ${name}: ${value} does not match ${pattern.source}.`,
        [name, value],
    );
}

/** 400 `INVALID_QUERY_PARAMETER` for a paging or flag parameter outside what the spec allows. */
export function invalidQueryParameter(name: string, value: string, expected: string): ApiError {
    return apiError(400, "INVALID_QUERY_PARAMETER", `Invalid query parameter ${name}=${value}: expected ${expected}.`, [
        name,
        value,
    ]);
}

/** 406 `INVALID_VERSION_DATE` when the Accept header names no version this resource can serve. */
export function invalidVersionDate(detail: string): ApiError {
    return apiError(406, "INVALID_VERSION_DATE", detail);
}

/** 410 `VERSION_GONE`, the answer Atlas's API guidelines give once a resource's sunset date has passed. */
export function versionGone(): ApiError {
    return apiError(
        410,
        "VERSION_GONE",
        "This happens when a resource is marked for sunset and the sunset date is in the past.",
    );
}

/** 404 as seen from the serverless snapshot endpoints after their sunset. */
export function sunsetNotFound(path: string): ApiError {
    return apiError(
        404,
        "RESOURCE_NOT_FOUND",
        `Cannot find resource ${path}: the serverless backup snapshot endpoints were sunset on 2026-01-22; ` +
            "use /api/atlas/v2/groups/{groupId}/flexClusters/{name}/backup/snapshots instead.",
        [path],
    );
}

/** 429 from the token endpoint, with the exact body recorded from Atlas. */
export function tokenRateLimited(path: string, limit: number): ApiError {
    return apiError(429, "RATE_LIMITED", `Resource ${path} is limited to ${limit} requests every 1 minutes.`, [
        path,
        limit,
        1,
    ]);
}

/**
 * 429 `RATE_LIMITED_TOKEN_BUCKET` from an Admin API endpoint whose bucket is empty, as Atlas's documentation shows
 * it: the path without its leading slash, the seconds to wait, and the bucket's figures, in the detail and in
 * `parameters` in the same order.
 */
export function rateLimitedTokenBucket(
    path: string,
    retryAfterSeconds: number,
    figures: { capacity: number; refillRate: number; refillDurationSeconds: number },
): ApiError {
    const resource = path.replace(/^\//, "");
    return apiError(
        429,
        "RATE_LIMITED_TOKEN_BUCKET",
        `Rate limit exceeded for ${resource}. Please retry after ${retryAfterSeconds} seconds. ` +
            `Request capacity: ${figures.capacity}. Refill rate: ${figures.refillRate} per ${figures.refillDurationSeconds} seconds.`,
        [resource, retryAfterSeconds, figures.capacity, figures.refillRate, figures.refillDurationSeconds],
    );
}

/** 401 from the token endpoint for a missing or wrong client id or secret. */
export function invalidClient(): ApiError {
    return apiError(
        401,
        "INVALID_CLIENT",
        "Invalid client credentials: send Authorization: Basic base64(clientId:clientSecret).",
    );
}

/** 400 from the token endpoint for a grant type other than client_credentials. */
export function unsupportedGrantType(grantType: string | null): ApiError {
    return apiError(
        400,
        "UNSUPPORTED_GRANT_TYPE",
        `Unsupported grant_type ${grantType === null ? "(missing)" : grantType}: use grant_type=client_credentials.`,
    );
}

/** 400 from the revoke endpoint when the form has no token. */
export function missingToken(): ApiError {
    return apiError(400, "INVALID_REQUEST", "The form must carry token=<access token>.");
}

/** The default `errorCode` an injected status fault carries, by HTTP status. */
export function defaultFaultErrorCode(status: number): string {
    switch (status) {
        case 429:
            return "RATE_LIMITED";
        case 502:
            return "BAD_GATEWAY";
        case 503:
            return "SERVICE_UNAVAILABLE";
        case 504:
            return "GATEWAY_TIMEOUT";
        default:
            return status >= 500 ? "UNEXPECTED_ERROR" : "INVALID_REQUEST";
    }
}

/** 500 when the emulator itself fails; the message helps whoever debugs the emulator. */
export function unexpectedError(message: string): ApiError {
    return apiError(500, "UNEXPECTED_ERROR", `Emulator error: ${message}`);
}
