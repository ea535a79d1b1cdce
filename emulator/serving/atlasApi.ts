// The order in which Atlas decides an Admin API answer: authentication (before routing, for any path under the
// API), method, query flags, sunset, version, then the resource itself; envelope, deprecation and rate-limit
// headers are applied last, to whatever was decided.
import { errorAnswer, withHeaders, type Answer } from "../http/answer";
import { authenticate, type AuthenticationDeps } from "../auth/authentication";
import { envelop } from "../http/envelope";
import { invalidVersionDate, methodNotAllowed, rateLimitedTokenBucket, unknownPath } from "../http/errors";
import { parseFlag } from "../http/queryParams";
import { ENDPOINT_SETS, type SlidingWindowLimiter, type TokenBuckets } from "../faults/rateLimit";
import { API_ROUTES, type ApiRouteName } from "../http/routes";
import { clusterSnapshotsAnswer } from "./clusterSnapshots";
import { snapshotsAnswer } from "./snapshots";
import type { SnapshotStore } from "../data/store";
import { DEPRECATION_HEADERS, sunsetAnswer, type SunsetMode } from "../faults/sunset";
import { negotiateVersion } from "../http/versioning";

/** The facts of one request to an API route. */
export interface ApiRequest {
    method: string;
    /** The request target as sent (path and query), which Digest responses sign. */
    target: string;
    pathname: string;
    query: URLSearchParams;
    accept: string | undefined;
    authorization: string | undefined;
    route: ApiRouteName;
    groupId: string;
    clusterName: string;
    snapshotId?: string;
    /** The client's address, for buckets scoped by IP address. */
    address?: string;
}

/** The emulator state an API answer depends on. */
export interface ApiState {
    auth: AuthenticationDeps;
    store: SnapshotStore;
    sunset: SunsetMode;
    /** The emulator's URL, the prefix of every link it serves. */
    baseUrl: string;
    /** Calls per project in the last minute, reported in `Ratelimit-*` headers (not enforced). */
    rateLimits: SlidingWindowLimiter;
    /** The enforced token buckets, when rate limiting is on; then they, not `rateLimits`, fill the headers. */
    buckets?: TokenBuckets;
}

/** The calls a project may make a minute, as the recorded `Ratelimit-Limit` of the snapshot routes says. */
export const API_RATE_LIMIT_PER_MINUTE = 1200;

/** Counts a call against a project and returns the headers Atlas reports it in, spelled as recorded. */
function rateLimitHeaders(limiter: SlidingWindowLimiter, projectId: string): Record<string, string> {
    const remaining = limiter.count(projectId);
    return { "Ratelimit-Limit": String(limiter.limit), "Ratelimit-Remaining": String(remaining) };
}

/** The headers every answer of a route carries: the serverless routes are deprecated. */
export function routeHeaders(route: ApiRouteName): Record<string, string> {
    return API_ROUTES[route].api === "serverless" ? { ...DEPRECATION_HEADERS } : {};
}

/**
 * Decides the answer to an API request and whether to indent it (`pretty=true`). The 401 comes first and bare, as
 * Atlas's filter sends it before any route is chosen; 405 is never enveloped, so HTTP clients can react to it.
 * Answers about a project the emulator has count against its rate limit and say so in headers. With token
 * buckets on, every authenticated GET takes a token from its endpoint set's bucket, or is refused 429 as Atlas
 * refuses it, whatever the answer would have been.
 */
export function apiAnswer(request: ApiRequest, state: ApiState): { answer: Answer; pretty: boolean } {
    const auth = authenticate(request.authorization, request.method, request.target, state.auth);
    if (!auth.ok) return { answer: auth.answer, pretty: false };
    const prettyFlag = parseFlag(request.query, "pretty");
    const envelopeFlag = parseFlag(request.query, "envelope");
    const pretty = prettyFlag === true;
    let headers = routeHeaders(request.route);
    const finish = (answer: Answer, envelope: boolean) => ({
        answer: withHeaders(envelope ? envelop(answer) : answer, headers),
        pretty,
    });

    if (request.method !== "GET") {
        return finish(withHeaders(errorAnswer(methodNotAllowed(request.method, "GET")), { Allow: "GET" }), false);
    }
    if (state.buckets === undefined && state.store.hasProject(request.groupId)) {
        headers = { ...headers, ...rateLimitHeaders(state.rateLimits, request.groupId) };
    }
    for (const flag of [prettyFlag, envelopeFlag]) {
        if (typeof flag === "object") return finish(errorAnswer(flag), false);
    }
    const envelope = envelopeFlag === true;

    if (state.buckets !== undefined) {
        const { config } = state.buckets;
        const { bucket } = state.buckets.bucketFor(ENDPOINT_SETS[request.route], {
            projectId: request.groupId,
            principalId: auth.principal.id,
            address: request.address ?? "unknown",
        });
        const verdict = bucket.take();
        const shown = config.headers !== false;
        const limit = { "Ratelimit-Limit": String(config.capacity) };
        if (!verdict.allowed) {
            if (shown) {
                headers = {
                    ...headers,
                    ...limit,
                    "Ratelimit-Remaining": "0",
                    "Retry-After": String(verdict.retryAfterSeconds),
                };
            }
            return finish(
                errorAnswer(rateLimitedTokenBucket(request.pathname, verdict.retryAfterSeconds, config)),
                envelope,
            );
        }
        if (shown) headers = { ...headers, ...limit, "Ratelimit-Remaining": String(verdict.remaining) };
    }

    if (API_ROUTES[request.route].api === "serverless") {
        const gone = sunsetAnswer(state.sunset, request.pathname);
        if (gone !== undefined) return finish(gone, envelope);
    }
    const version = negotiateVersion(request.accept, API_ROUTES[request.route].versions);
    if (!version.ok) return finish(errorAnswer(invalidVersionDate(version.detail)), envelope);

    const snapshotRequest = {
        route: request.route,
        groupId: request.groupId,
        clusterName: request.clusterName,
        snapshotId: request.snapshotId,
        query: request.query,
        version: version.version,
        principal: auth.principal,
    };
    const answer =
        API_ROUTES[request.route].api === "cluster"
            ? clusterSnapshotsAnswer(snapshotRequest, state.store, state.baseUrl)
            : snapshotsAnswer(snapshotRequest, state.store, state.baseUrl);
    return finish(answer, envelope);
}

/** Answers a path under the Admin API that no route serves: the 401 for a missing credential first, else 404. */
export function unroutedAnswer(
    request: Pick<ApiRequest, "method" | "target" | "pathname" | "authorization">,
    auth: AuthenticationDeps,
): Answer {
    const outcome = authenticate(request.authorization, request.method, request.target, auth);
    return outcome.ok ? errorAnswer(unknownPath(request.pathname)) : outcome.answer;
}
