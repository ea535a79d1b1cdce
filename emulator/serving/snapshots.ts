// The four snapshot routes: validate the path and paging, check project access, find the deployment the way
// each API family does (Flex refuses non-Flex names; serverless also serves migrated Flex clusters), and answer.
import {
    ATLAS_ID_PATTERN,
    CLUSTER_NAME_PATTERN,
    type ApiError,
    type FlexSnapshot,
    type Link,
    type ServerlessSnapshot,
} from "../../provider/atlas/schemas";
import { errorAnswer, jsonAnswer, type Answer } from "../http/answer";
import { canRead, type Principal } from "../auth/credentials";
import {
    clusterNotFound,
    groupNotFound,
    invalidPathParameter,
    nonFlexClusterInFlexApi,
    serverlessInstanceNotFound,
    snapshotNotFound,
    userUnauthorized,
} from "../http/errors";
import { flexToServerless } from "../data/flexToServerless";
import { paginate, parsePaging } from "../http/pagination";
import { API_ROUTES, type ApiRouteName } from "../http/routes";
import type { SnapshotStore } from "../data/store";
import { versionedContentType } from "../http/versioning";

/** One authenticated, version-negotiated request to a snapshot route. */
export interface SnapshotRequest {
    route: ApiRouteName;
    groupId: string;
    clusterName: string;
    snapshotId?: string;
    query: URLSearchParams;
    /** The resource version negotiated from Accept. */
    version: string;
    principal: Principal;
}

type AnySnapshot = ServerlessSnapshot | FlexSnapshot;

/** Orders an object's keys alphabetically, as Atlas serialises its answers (see the recorded bodies). */
export function alphabetical<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/** The first path parameter that breaks its OpenAPI pattern, as the 400 Atlas sends for it. */
export function invalidPath(request: SnapshotRequest): ApiError | undefined {
    if (!ATLAS_ID_PATTERN.test(request.groupId))
        return invalidPathParameter("groupId", request.groupId, ATLAS_ID_PATTERN);
    const nameParam = API_ROUTES[request.route].api === "flex" ? "name" : "clusterName";
    if (!CLUSTER_NAME_PATTERN.test(request.clusterName)) {
        return invalidPathParameter(nameParam, request.clusterName, CLUSTER_NAME_PATTERN);
    }
    if (request.snapshotId !== undefined && !ATLAS_ID_PATTERN.test(request.snapshotId)) {
        return invalidPathParameter("snapshotId", request.snapshotId, ATLAS_ID_PATTERN);
    }
    return undefined;
}

/** The snapshots a route family serves for a name, in its own shape, or the error Atlas gives for that name. */
function snapshotsFor(request: SnapshotRequest, store: SnapshotStore): AnySnapshot[] | ApiError {
    const { groupId, clusterName } = request;
    const deployment = store.deployment(groupId, clusterName);
    if (API_ROUTES[request.route].api === "flex") {
        if (deployment === undefined) return clusterNotFound(clusterName, groupId);
        if (deployment.kind !== "flex") return nonFlexClusterInFlexApi(clusterName);
        return deployment.snapshots;
    }
    if (deployment?.kind === "serverless") return deployment.snapshots;
    if (deployment?.kind === "flex" && deployment.migratedFromServerless) {
        return deployment.snapshots.map((snapshot) => flexToServerless(snapshot, clusterName));
    }
    return serverlessInstanceNotFound(clusterName, groupId);
}

/** Answers a snapshot route: one snapshot (serverless ones with a self link), or a page of them, oldest first. */
export function snapshotsAnswer(request: SnapshotRequest, store: SnapshotStore, baseUrl: string): Answer {
    const pathError = invalidPath(request);
    if (pathError !== undefined) return errorAnswer(pathError);
    const info = API_ROUTES[request.route];
    const paging = info.kind === "list" ? parsePaging(request.query) : undefined;
    if (paging !== undefined && "errorCode" in paging) return errorAnswer(paging);
    if (!canRead(request.principal, request.groupId)) return errorAnswer(userUnauthorized(request.groupId));
    if (!store.hasProject(request.groupId)) return errorAnswer(groupNotFound(request.groupId));
    const found = snapshotsFor(request, store);
    if (!Array.isArray(found)) return errorAnswer(found);

    const family = info.api === "flex" ? "flexClusters" : "serverless";
    const collection = `${baseUrl}/api/atlas/v2/groups/${request.groupId}/${family}/${encodeURIComponent(request.clusterName)}/backup/snapshots`;
    // Serverless snapshots carry their self link; Flex snapshots carry none, in a GET or in a list page (as
    // recorded), although FlexBackupSnapshot20241113 declares `links`.
    const linked = (snapshot: AnySnapshot): AnySnapshot => {
        if (info.api === "flex") return alphabetical(snapshot);
        const links: Link[] = [{ href: `${collection}/${snapshot.id}`, rel: "self" }];
        return alphabetical({ ...snapshot, links });
    };
    const contentType = versionedContentType(request.version);
    if (paging === undefined) {
        const snapshot = found.find((candidate) => candidate.id === request.snapshotId);
        if (snapshot === undefined) {
            return errorAnswer(snapshotNotFound(request.snapshotId ?? "", request.clusterName));
        }
        return jsonAnswer(200, linked(snapshot), contentType);
    }
    return jsonAnswer(200, paginate(found.map(linked), paging, collection), contentType);
}
