// The paths the emulator serves, exactly as the OpenAPI files spell them, and what each one is.

/** Every route the emulator serves; request logs and fault rules refer to routes by these names. */
export const ROUTE_NAMES = [
    "serverlessSnapshot",
    "serverlessSnapshots",
    "flexSnapshot",
    "flexSnapshots",
    "clusterSnapshot",
    "clusterSnapshots",
    "shardedClusterSnapshot",
    "shardedClusterSnapshots",
    "token",
    "revoke",
] as const;

/** The name of one route the emulator serves. */
export type RouteName = (typeof ROUTE_NAMES)[number];

/** The four Atlas Admin API routes (the rest are OAuth). */
export type ApiRouteName = Exclude<RouteName, "token" | "revoke">;

/** What the API routes need to know about themselves. */
export interface ApiRouteInfo {
    /** Which API family answers: the deprecated serverless one, the Flex one, or dedicated clusters' cloud backups. */
    api: "serverless" | "flex" | "cluster";
    /** The cluster API's sharded-cluster routes, which name each snapshot's members. */
    sharded?: true;
    /** One snapshot, or a paginated list. */
    kind: "single" | "list";
    /** Resource versions this route can serve, oldest first. */
    versions: readonly string[];
}

/** The API routes' families, shapes and resource versions, from the OpenAPI files. */
export const API_ROUTES: Record<ApiRouteName, ApiRouteInfo> = {
    serverlessSnapshot: { api: "serverless", kind: "single", versions: ["2023-01-01"] },
    serverlessSnapshots: { api: "serverless", kind: "list", versions: ["2023-01-01"] },
    flexSnapshot: { api: "flex", kind: "single", versions: ["2024-11-13"] },
    flexSnapshots: { api: "flex", kind: "list", versions: ["2024-11-13"] },
    clusterSnapshot: { api: "cluster", kind: "single", versions: ["2023-01-01"] },
    clusterSnapshots: { api: "cluster", kind: "list", versions: ["2023-01-01"] },
    shardedClusterSnapshot: { api: "cluster", kind: "single", versions: ["2023-01-01"], sharded: true },
    shardedClusterSnapshots: { api: "cluster", kind: "list", versions: ["2023-01-01"], sharded: true },
};

/** A request path matched to a route, with its path parameters still unvalidated. */
export type RouteMatch =
    | { route: "token" }
    | { route: "revoke" }
    | { route: ApiRouteName; groupId: string; clusterName: string; snapshotId?: string };

const OAUTH_PATHS: Record<string, "token" | "revoke"> = { "/api/oauth/token": "token", "/api/oauth/revoke": "revoke" };
const SNAPSHOTS_PATH =
    /^\/api\/atlas\/v2\/groups\/([^/]+)\/(serverless|flexClusters|clusters)\/([^/]+)\/backup\/snapshots(?:\/([^/]+))?$/;
/** The sharded-cluster routes: `…/snapshots/shardedClusters` lists, `…/snapshots/shardedCluster/{id}` reads one. */
const SHARDED_PATH =
    /^\/api\/atlas\/v2\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/snapshots\/(?:shardedClusters|shardedCluster\/([^/]+))$/;

/** The Admin API's path prefix: Atlas authenticates every request under it before routing it. */
export const ADMIN_API_PREFIX = "/api/atlas/v2";

/** True for a path under the Admin API, served by a route or not. */
export function isAdminApiPath(pathname: string): boolean {
    return pathname === ADMIN_API_PREFIX || pathname.startsWith(`${ADMIN_API_PREFIX}/`);
}

/** True for the Atlas Admin API routes. */
export function isApiRoute(route: RouteName): route is ApiRouteName {
    return route in API_ROUTES;
}

/** Matches a path (no query) to a route; parameters are percent-decoded but their patterns are checked later. */
export function matchRoute(pathname: string): RouteMatch | undefined {
    const oauth = OAUTH_PATHS[pathname];
    if (oauth !== undefined) return { route: oauth };
    const decode = (segment: string): string => {
        try {
            return decodeURIComponent(segment);
        } catch {
            // A malformed escape stays as sent, so the pattern check rejects it with a 400.
            return segment;
        }
    };
    // The sharded routes first: `shardedClusters` would otherwise be taken for a snapshot id (and refused as one).
    const sharded = SHARDED_PATH.exec(pathname);
    if (sharded !== null) {
        const [, groupId, clusterName, snapshotId] = sharded;
        return {
            route: snapshotId === undefined ? "shardedClusterSnapshots" : "shardedClusterSnapshot",
            groupId: decode(groupId),
            clusterName: decode(clusterName),
            ...(snapshotId === undefined ? {} : { snapshotId: decode(snapshotId) }),
        };
    }
    const match = SNAPSHOTS_PATH.exec(pathname);
    if (match === null) return undefined;
    const [, groupId, family, clusterName, snapshotId] = match;
    const names = {
        serverless: ["serverlessSnapshots", "serverlessSnapshot"],
        flexClusters: ["flexSnapshots", "flexSnapshot"],
        clusters: ["clusterSnapshots", "clusterSnapshot"],
    } as const;
    const route: ApiRouteName = names[family as keyof typeof names][snapshotId === undefined ? 0 : 1];
    return {
        route,
        groupId: decode(groupId),
        clusterName: decode(clusterName),
        ...(snapshotId === undefined ? {} : { snapshotId: decode(snapshotId) }),
    };
}
