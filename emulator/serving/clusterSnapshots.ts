// The cluster API's four snapshot routes: a dedicated cluster's snapshots in the replica-set shape (which a sharded
// cluster's are served in too, `type: "shardedCluster"`, without members) and in the sharded-cluster shape. Names of
// the other families are refused as Atlas refuses them, each with its own code.
import {
    type ApiError,
    type ClusterSnapshot,
    type Link,
    type ShardedClusterSnapshot,
} from "../../provider/atlas/schemas";
import { canRead } from "../auth/credentials";
import { replicaSetView, shardedView, type DedicatedCluster } from "../data/clusterSnapshots";
import type { SnapshotStore } from "../data/store";
import { errorAnswer, jsonAnswer, type Answer } from "../http/answer";
import {
    clusterNotFound,
    clusterSnapshotNotFound,
    flexClusterInClusterApi,
    groupNotFound,
    incorrectBackupApiEndpoint,
    serverlessInstanceInClusterApi,
    userUnauthorized,
} from "../http/errors";
import { paginate, parsePaging } from "../http/pagination";
import { API_ROUTES } from "../http/routes";
import { versionedContentType } from "../http/versioning";
import { alphabetical, invalidPath, type SnapshotRequest } from "./snapshots";

/** The dedicated cluster a name stands for, or the error Atlas gives for a name of another family or none. */
function clusterFor(request: SnapshotRequest, store: SnapshotStore): DedicatedCluster | ApiError {
    const deployment = store.deployment(request.groupId, request.clusterName);
    if (deployment === undefined) return clusterNotFound(request.clusterName, request.groupId);
    if (deployment.kind === "flex") return flexClusterInClusterApi(request.clusterName);
    if (deployment.kind === "serverless") return serverlessInstanceInClusterApi(request.clusterName);
    return deployment;
}

/**
 * Answers a cluster snapshot route: one snapshot or a page (the replica-set list pages as the other lists do; the
 * sharded list has no paging parameters in the spec, so it answers every snapshot at once and ignores them).
 */
export function clusterSnapshotsAnswer(
    request: SnapshotRequest,
    store: SnapshotStore,
    baseUrl: string,
    nowMs = Date.now(),
): Answer {
    const pathError = invalidPath(request);
    if (pathError !== undefined) return errorAnswer(pathError);
    const info = API_ROUTES[request.route];
    const paging = info.kind === "list" && !info.sharded ? parsePaging(request.query) : undefined;
    if (paging !== undefined && "errorCode" in paging) return errorAnswer(paging);
    if (!canRead(request.principal, request.groupId)) return errorAnswer(userUnauthorized(request.groupId));
    if (!store.hasProject(request.groupId)) return errorAnswer(groupNotFound(request.groupId));
    const cluster = clusterFor(request, store);
    if ("errorCode" in cluster) return errorAnswer(cluster);

    const clusterHref = `${baseUrl}/api/atlas/v2/groups/${request.groupId}/clusters/${encodeURIComponent(cluster.name)}`;
    const collection = `${clusterHref}/backup/snapshots`;
    if (info.sharded && cluster.type !== "shardedCluster") {
        const path = new URL(collection).pathname + (request.snapshotId === undefined ? "" : `/${request.snapshotId}`);
        return errorAnswer(incorrectBackupApiEndpoint(path));
    }
    const linked = (snapshot: ClusterSnapshot | ShardedClusterSnapshot, self: string) => {
        const links: Link[] = [
            { href: self, rel: "self" },
            { href: clusterHref, rel: "https://cloud.mongodb.com/cluster" },
        ];
        return alphabetical({ ...snapshot, links });
    };
    const view = (snapshot: DedicatedCluster["snapshots"][number]) =>
        info.sharded
            ? linked(shardedView(cluster, snapshot, nowMs), `${collection}/shardedCluster/${snapshot.id}`)
            : linked(replicaSetView(cluster, snapshot, nowMs), `${collection}/${snapshot.id}`);
    const contentType = versionedContentType(request.version);
    if (info.kind === "single") {
        const snapshot = cluster.snapshots.find((candidate) => candidate.id === request.snapshotId);
        if (snapshot === undefined) {
            return errorAnswer(clusterSnapshotNotFound(request.snapshotId ?? "", cluster.name));
        }
        return jsonAnswer(200, view(snapshot), contentType);
    }
    const all = cluster.snapshots.map(view);
    if (paging === undefined) {
        const links: Link[] = [{ href: `${collection}/shardedClusters`, rel: "self" }];
        return jsonAnswer(200, { links, results: all, totalCount: all.length }, contentType);
    }
    return jsonAnswer(200, paginate(all, paging, collection), contentType);
}
