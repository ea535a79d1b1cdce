// The order in which Atlas decides an Admin API answer: method, authentication, sunset, query flags, version,
// then the resource itself; envelope and deprecation headers are applied last, to whatever was decided.
import { errorAnswer, withHeaders, type Answer } from "./answer";
import { authenticate, type AuthenticationDeps } from "./authentication";
import { envelop } from "./envelope";
import { invalidVersionDate, methodNotAllowed } from "./errors";
import { parseFlag } from "./queryParams";
import { API_ROUTES, type ApiRouteName } from "./routes";
import { snapshotsAnswer } from "./snapshots";
import type { SnapshotStore } from "./store";
import { DEPRECATION_HEADERS, sunsetAnswer, type SunsetMode } from "./sunset";
import { negotiateVersion } from "./versioning";

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
}

/** The emulator state an API answer depends on. */
export interface ApiState {
    auth: AuthenticationDeps;
    store: SnapshotStore;
    sunset: SunsetMode;
    /** The emulator's URL, the prefix of every link it serves. */
    baseUrl: string;
}

/** The headers every answer of a route carries: the serverless routes are deprecated. */
export function routeHeaders(route: ApiRouteName): Record<string, string> {
    return API_ROUTES[route].api === "serverless" ? { ...DEPRECATION_HEADERS } : {};
}

/**
 * Decides the answer to an API request and whether to indent it (`pretty=true`). Answers before authentication
 * (405, 401) are never enveloped, so HTTP clients can still react to their status and challenge.
 */
export function apiAnswer(request: ApiRequest, state: ApiState): { answer: Answer; pretty: boolean } {
    const headers = routeHeaders(request.route);
    const prettyFlag = parseFlag(request.query, "pretty");
    const envelopeFlag = parseFlag(request.query, "envelope");
    const pretty = prettyFlag === true;
    const finish = (answer: Answer, envelope: boolean) => ({
        answer: withHeaders(envelope ? envelop(answer) : answer, headers),
        pretty,
    });

    if (request.method !== "GET") {
        return finish(withHeaders(errorAnswer(methodNotAllowed(request.method, "GET")), { Allow: "GET" }), false);
    }
    const auth = authenticate(request.authorization, request.method, request.target, state.auth);
    if (!auth.ok) return finish(auth.answer, false);
    for (const flag of [prettyFlag, envelopeFlag]) {
        if (typeof flag === "object") return finish(errorAnswer(flag), false);
    }
    const envelope = envelopeFlag === true;

    if (API_ROUTES[request.route].api === "serverless") {
        const gone = sunsetAnswer(state.sunset, request.pathname);
        if (gone !== undefined) return finish(gone, envelope);
    }
    const version = negotiateVersion(request.accept, API_ROUTES[request.route].versions);
    if (!version.ok) return finish(errorAnswer(invalidVersionDate(version.detail)), envelope);

    const answer = snapshotsAnswer(
        {
            route: request.route,
            groupId: request.groupId,
            clusterName: request.clusterName,
            snapshotId: request.snapshotId,
            query: request.query,
            version: version.version,
            principal: auth.principal,
        },
        state.store,
        state.baseUrl,
    );
    return finish(answer, envelope);
}
