// Dedicated clusters' snapshots as the cluster API shows them: a stored snapshot seen at a moment (one with
// `completesAt` moves through queued, inProgress and completed by itself), in the replica-set shape or, with its
// members, in the sharded-cluster shape. Pure: the routes add links and choose the shape.
import type { ClusterSnapshot, ShardedClusterSnapshot } from "../../provider/atlas/schemas";

/** A shard or the config server of a sharded cluster, as its snapshots' members name it. */
export interface ClusterMember {
    replicaSetName: string;
    cloudProvider: string;
}

/** A dedicated cluster as the cluster API's routes see it. */
export interface DedicatedCluster {
    kind: "dedicated";
    name: string;
    type: "replicaSet" | "shardedCluster";
    replicaSetName: string;
    cloudProvider: string;
    /** A sharded cluster's shards, then its config server; empty for a replica set. */
    members: ClusterMember[];
    configServerType?: string;
    /** Oldest first, times resolved. */
    snapshots: StoredClusterSnapshot[];
}

/** A stored snapshot: the seed's fields with times resolved, and when it starts and completes if it moves. */
export type StoredClusterSnapshot = Omit<ClusterSnapshot, "links" | "type" | "cloudProvider" | "replicaSetName"> & {
    id: string;
    startsAt?: string;
    completesAt?: string;
};

/** The snapshot's fields at `nowMs`: a moving one's status, and what Atlas sends at that point of its life. */
function atMoment(
    snapshot: StoredClusterSnapshot,
    nowMs: number,
): Omit<StoredClusterSnapshot, "startsAt" | "completesAt"> {
    const { startsAt, completesAt, ...fields } = snapshot;
    if (completesAt === undefined) return fields;
    const started = startsAt === undefined || Date.parse(startsAt) <= nowMs;
    if (Date.parse(completesAt) <= nowMs) {
        return {
            ...fields,
            status: "completed",
            ...(startsAt !== undefined && { createdAt: fields.createdAt ?? startsAt }),
        };
    }
    const { createdAt: _createdAt, ...unfinished } = fields;
    void _createdAt;
    const running = { ...unfinished, storageSizeBytes: 0 };
    if (started) return { ...running, status: "inProgress" };
    const { mongodVersion: _version, ...queued } = running;
    void _version;
    return { ...queued, status: "queued" };
}

/** The snapshot in the replica-set shape (`DiskBackupReplicaSet`), as the replica-set routes serve it. */
export function replicaSetView(
    cluster: DedicatedCluster,
    snapshot: StoredClusterSnapshot,
    nowMs: number,
): ClusterSnapshot {
    const view = atMoment(snapshot, nowMs);
    if (cluster.type === "shardedCluster") return { ...view, type: "shardedCluster" };
    return {
        ...view,
        // Atlas names where a snapshot is stored once it runs.
        ...(view.status !== "queued" && { cloudProvider: cluster.cloudProvider }),
        copyRegions: view.copyRegions ?? [],
        policyItems: view.policyItems ?? [],
        replicaSetName: cluster.replicaSetName,
        type: "replicaSet",
    } as ClusterSnapshot;
}

/** The id of a member's snapshot: the snapshot's id with its last eight digits counted on by the member's place. */
export function memberSnapshotId(snapshotId: string, index: number): string {
    const tail = (parseInt(snapshotId.slice(16), 16) + index + 1) % 0x1_0000_0000;
    return snapshotId.slice(0, 16) + tail.toString(16).padStart(8, "0");
}

/** The snapshot in the sharded-cluster shape (`DiskBackupShardedClusterSnapshot`), with its members. */
export function shardedView(
    cluster: DedicatedCluster,
    snapshot: StoredClusterSnapshot,
    nowMs: number,
): ShardedClusterSnapshot {
    const view = atMoment(snapshot, nowMs);
    const members = cluster.members.map((member, index) => ({
        cloudProvider: member.cloudProvider,
        id: memberSnapshotId(snapshot.id, index),
        replicaSetName: member.replicaSetName,
    }));
    return {
        ...view,
        policyItems: view.policyItems ?? [],
        configServerType: cluster.configServerType ?? "EMBEDDED",
        members,
        snapshotIds: members.map((member) => member.id),
        type: "shardedCluster",
    };
}
