// Where each snapshot lives in the Atlas Admin API, and which resource version each route is asked for.

/**
 * Which snapshot API answers: the serverless one (sunset 2026-01-22), its Flex replacement, or the cloud backup
 * API of dedicated clusters.
 */
export type SnapshotApi = "serverless" | "flex" | "cluster";

/** The base URL of Atlas's commercial cloud. */
export const ATLAS_BASE_URL = "https://cloud.mongodb.com";

/** The base URL of Atlas for Government, chosen by `isMongodbgovCloud`. */
export const ATLAS_GOV_BASE_URL = "https://cloud.mongodbgov.com";

/** The resource version each API defines; sent as `Accept: application/vnd.atlas.<version>+json`. */
export const API_VERSIONS: Record<SnapshotApi, string> = {
    serverless: "2023-01-01",
    flex: "2024-11-13",
    cluster: "2023-01-01",
};

/** The date after which the serverless snapshot endpoints no longer answer. */
export const SERVERLESS_SUNSET = "2026-01-22";

/** The versioned media type Atlas expects in `Accept` for an API. */
export function acceptHeader(api: SnapshotApi): string {
    return `application/vnd.atlas.${API_VERSIONS[api]}+json`;
}

/** The path of one snapshot, or of the snapshot list when `snapshotId` is omitted. */
export function snapshotPath(api: SnapshotApi, projectId: string, instanceName: string, snapshotId?: string): string {
    const collection = { serverless: "serverless", flex: "flexClusters", cluster: "clusters" }[api];
    const base =
        `/api/atlas/v2/groups/${encodeURIComponent(projectId)}/${collection}/` +
        `${encodeURIComponent(instanceName)}/backup/snapshots`;
    return snapshotId === undefined ? base : `${base}/${encodeURIComponent(snapshotId)}`;
}

/**
 * The path of one sharded cluster's snapshot with its members, or of the list of them when `snapshotId` is
 * omitted. Atlas spells the two differently: `shardedCluster/{id}` for one, `shardedClusters` for the list.
 */
export function shardedSnapshotPath(projectId: string, clusterName: string, snapshotId?: string): string {
    const base = snapshotPath("cluster", projectId, clusterName);
    return snapshotId === undefined
        ? `${base}/shardedClusters`
        : `${base}/shardedCluster/${encodeURIComponent(snapshotId)}`;
}

/** The OAuth token endpoint, relative to the base URL. */
export const TOKEN_PATH = "/api/oauth/token";
