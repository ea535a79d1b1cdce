// The emulator's live data: the seed with its relative times resolved once at start, and the only state
// tests may change afterwards (a snapshot's status).
import {
    FLEX_STATUSES,
    SERVERLESS_STATUSES,
    type FlexSnapshot,
    type FlexSnapshotStatus,
    type ServerlessSnapshot,
    type ServerlessSnapshotStatus,
} from "../../provider/atlas/schemas";
import type { DedicatedCluster, StoredClusterSnapshot } from "./clusterSnapshots";
import { resolveSeedTime } from "./relativeTime";
import type { Seed, SeedCluster, SeedFlexSnapshot, SeedServerlessSnapshot } from "./seed";

/**
 * A deployment as the routes see it; snapshots are stored oldest first, the order Atlas lists them in, and without
 * links, which depend on the route asked.
 */
export type Deployment =
    | { kind: "serverless"; name: string; snapshots: ServerlessSnapshot[] }
    | { kind: "flex"; name: string; migratedFromServerless: boolean; snapshots: FlexSnapshot[] }
    | DedicatedCluster;

const SERVERLESS_TIME_FIELDS = ["createdAt", "expiresAt"] as const;
const FLEX_TIME_FIELDS = ["expiration", "finishTime", "scheduledTime", "startTime"] as const;
const CLUSTER_TIME_FIELDS = ["createdAt", "expiresAt", "startsAt", "completesAt"] as const;

/** A seeded dedicated cluster with its defaults: a replica set, or two shards and an embedded config server. */
function dedicatedCluster(cluster: SeedCluster, now: Date): DedicatedCluster {
    const cloudProvider = cluster.cloudProvider ?? "AWS";
    const type = cluster.type ?? "replicaSet";
    const shards: { replicaSetName: string; cloudProvider?: string }[] = cluster.shards ?? [
        { replicaSetName: `atlas-${cluster.name}-shard-0` },
        { replicaSetName: `atlas-${cluster.name}-shard-1` },
    ];
    const members =
        type === "shardedCluster"
            ? [
                  ...shards.map((shard) => ({
                      replicaSetName: shard.replicaSetName,
                      cloudProvider: shard.cloudProvider ?? cloudProvider,
                  })),
                  { replicaSetName: `atlas-${cluster.name}-config-0`, cloudProvider },
              ]
            : [];
    const snapshots = oldestFirst(
        (cluster.snapshots ?? []).map((s) => resolveTimes(s, CLUSTER_TIME_FIELDS, now) as StoredClusterSnapshot),
        (snapshot) => snapshot.createdAt ?? snapshot.startsAt,
    );
    return {
        kind: "dedicated",
        name: cluster.name,
        type,
        replicaSetName: cluster.replicaSetName ?? `atlas-${cluster.name}-shard-0`,
        cloudProvider,
        members,
        ...(type === "shardedCluster" && { configServerType: cluster.configServerType ?? "EMBEDDED" }),
        snapshots,
    };
}

/** Copies a seed snapshot with each present date-time field resolved against `now`. */
function resolveTimes<T extends object>(snapshot: T, fields: readonly (keyof T)[], now: Date): T {
    const copy = { ...snapshot };
    for (const field of fields) {
        const value = copy[field];
        if (typeof value === "string") copy[field] = resolveSeedTime(value, now) as T[keyof T];
    }
    return copy;
}

/**
 * Sorts snapshots in ascending creation order, ties by id, as Atlas lists them; a snapshot that states no creation
 * time is placed by the time embedded in its ObjectId, which Atlas sets when it creates the snapshot.
 */
function oldestFirst<T extends { id: string }>(snapshots: T[], createdAt: (snapshot: T) => string | undefined): T[] {
    const creationMs = (snapshot: T): number => {
        const stated = Date.parse(createdAt(snapshot) ?? "");
        return Number.isNaN(stated) ? parseInt(snapshot.id.slice(0, 8), 16) * 1000 : stated;
    };
    return snapshots
        .map((snapshot) => ({ snapshot, at: creationMs(snapshot) }))
        .sort((a, b) => a.at - b.at || (a.snapshot.id < b.snapshot.id ? -1 : a.snapshot.id > b.snapshot.id ? 1 : 0))
        .map(({ snapshot }) => snapshot);
}

/** The projects and deployments an emulator serves, keyed for lookup by the routes. */
export class SnapshotStore {
    private readonly projects = new Map<string, Map<string, Deployment>>();

    /** Builds the store from a validated seed, resolving relative times against `now`. */
    constructor(seed: Seed, now: Date) {
        for (const project of seed.projects) {
            const deployments = new Map<string, Deployment>();
            for (const instance of project.serverlessInstances ?? []) {
                const snapshots = oldestFirst(
                    (instance.snapshots ?? []).map((s: SeedServerlessSnapshot) =>
                        resolveTimes(s, SERVERLESS_TIME_FIELDS, now),
                    ),
                    (snapshot) => snapshot.createdAt,
                );
                deployments.set(instance.name, { kind: "serverless", name: instance.name, snapshots });
            }
            for (const cluster of project.flexClusters ?? []) {
                const snapshots = oldestFirst(
                    (cluster.snapshots ?? []).map((s: SeedFlexSnapshot) => resolveTimes(s, FLEX_TIME_FIELDS, now)),
                    // A Flex snapshot exists from the moment it is scheduled.
                    (snapshot) => snapshot.scheduledTime,
                );
                deployments.set(cluster.name, {
                    kind: "flex",
                    name: cluster.name,
                    migratedFromServerless: cluster.migratedFromServerless ?? false,
                    snapshots,
                });
            }
            for (const cluster of project.clusters ?? []) {
                deployments.set(cluster.name, dedicatedCluster(cluster, now));
            }
            this.projects.set(project.id, deployments);
        }
    }

    /** True when the seed has this project. */
    hasProject(projectId: string): boolean {
        return this.projects.has(projectId);
    }

    /** The deployment with this name in this project, if any. */
    deployment(projectId: string, name: string): Deployment | undefined {
        return this.projects.get(projectId)?.get(name);
    }

    /**
     * Changes one snapshot's status, in the vocabulary of the shape it is stored in (serverless and dedicated
     * clusters' `completed`, Flex `COMPLETED`); throws when the snapshot does not exist or the status is not in that
     * vocabulary. A dedicated cluster's snapshot then stops moving by itself, and completing it dates it.
     */
    setSnapshotStatus(projectId: string, instanceName: string, snapshotId: string, status: string): void {
        const deployment = this.deployment(projectId, instanceName);
        if (deployment === undefined) {
            throw new RangeError(
                `No serverless instance, Flex cluster or dedicated cluster ${instanceName} in project ${projectId}`,
            );
        }
        const snapshot = (deployment.snapshots as { id: string }[]).find((s) => s.id === snapshotId);
        if (snapshot === undefined) throw new RangeError(`No snapshot ${snapshotId} in ${instanceName}`);
        if (deployment.kind === "dedicated") {
            if (!(SERVERLESS_STATUSES as readonly string[]).includes(status)) {
                throw new RangeError(`${status} is not a cluster snapshot status (${SERVERLESS_STATUSES.join(", ")})`);
            }
            const stored = snapshot as StoredClusterSnapshot;
            delete stored.completesAt;
            stored.status = status;
            if (status === "completed")
                stored.createdAt ??= stored.startsAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
            return;
        }
        if (deployment.kind === "serverless") {
            if (!(SERVERLESS_STATUSES as readonly string[]).includes(status)) {
                throw new RangeError(`${status} is not a serverless status (${SERVERLESS_STATUSES.join(", ")})`);
            }
            (snapshot as ServerlessSnapshot).status = status as ServerlessSnapshotStatus;
        } else {
            if (!(FLEX_STATUSES as readonly string[]).includes(status)) {
                throw new RangeError(`${status} is not a Flex status (${FLEX_STATUSES.join(", ")})`);
            }
            (snapshot as FlexSnapshot).status = status as FlexSnapshotStatus;
        }
    }
}
