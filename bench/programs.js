// The programs the benchmark runs, all plain JavaScript so none pays a TypeScript compile, and the seed they
// read: N snapshots of ONE instance read through the data source, the engine's floor (N read steps of a trivial
// dynamic provider), 0.1.0's read-step shape on that provider as a reference, a fleet of instances with a few
// snapshots each, the get function called many times in the program, and 100 snapshots of each of two dedicated
// clusters (a replica set and a sharded cluster) read through CloudBackupSnapshot.

/** The default seed's project and Flex cluster, and the cluster's two completed snapshots (the client overhead's). */
const SEED = {
    projectId: "32b6e34b3d91647abb20e7b8",
    flexCluster: "payments",
    snapshotIds: ["6a6f78e0cab84da5c4476b25", "6a70ca6904d982bb549e2a3a"],
};

/**
 * The benchmark's own seed: one project with, for each N measured, a Flex cluster `ledger-<N>` of N snapshots
 * (so N reads of one instance read all of it), and a fleet of small clusters.
 */
const BENCH = {
    projectId: "6b0e5c1d2a3f405162738495",
    instancePrefix: "ledger-",
    fleet: { instances: 20, snapshotsEach: 5, prefix: "fleet-", firstCluster: 0xf00000 },
    /** Dedicated clusters of `snapshots` completed snapshots each: a replica set and a sharded cluster. */
    dedicated: {
        snapshots: 100,
        clusters: [
            { name: "warehouse", type: "replicaSet", firstCluster: 0xd00000 },
            { name: "vault", type: "shardedCluster", firstCluster: 0xd00001 },
        ],
    },
};

/** `count` completed snapshots of a dedicated cluster, one an hour back from now. */
function clusterSnapshots(cluster, count) {
    return Array.from({ length: count }, (_, i) => ({
        id: snapshotId(cluster, i),
        createdAt: `now-${i + 1}h`,
        expiresAt: "now+7d",
        frequencyType: "hourly",
        mongodVersion: "8.0.29",
        snapshotType: "scheduled",
        status: "completed",
        storageSizeBytes: 1073741824,
    }));
}

/** The reads of every snapshot of one of the dedicated clusters: [clusterName, snapshotId] pairs. */
function dedicatedReads(cluster) {
    return Array.from({ length: BENCH.dedicated.snapshots }, (_, i) => [
        cluster.name,
        snapshotId(cluster.firstCluster, i),
    ]);
}

/** One `CloudBackupSnapshot` with a status check per read, as a user declares them. */
function clusterProgram(reads) {
    return `const { CloudBackupSnapshot } = require("pulumi-atlas-backup-snapshots");
const reads = ${JSON.stringify(reads)};
reads.forEach(([clusterName, snapshotId], i) => {
    new CloudBackupSnapshot("snapshot-" + i, {
        projectId: "${BENCH.projectId}",
        clusterName,
        snapshotId,
        checks: { status: "completed" },
    });
});
`;
}

/** The Flex cluster of N snapshots. */
const oneInstance = (count) => `${BENCH.instancePrefix}${count}`;

/** The `index`th snapshot id of seeded cluster number `cluster`: 24 hex digits, distinct. */
function snapshotId(cluster, index) {
    return `6b1f00000000${cluster.toString(16).padStart(6, "0")}${index.toString(16).padStart(6, "0")}`;
}

/** The fleet's `i`th instance name. */
const fleetInstance = (i) => `${BENCH.fleet.prefix}${String(i).padStart(2, "0")}`;

/** `count` completed Flex snapshots, one an hour back from now, as Atlas serves a cluster's scheduled backups. */
function flexSnapshots(cluster, count) {
    return Array.from({ length: count }, (_, i) => ({
        id: snapshotId(cluster, i),
        expiration: "now+7d",
        finishTime: `now-${i + 1}h+2m`,
        mongoDBVersion: "8.0.29",
        scheduledTime: `now-${i + 1}h`,
        startTime: `now-${i + 1}h+1m`,
        status: "COMPLETED",
    }));
}

/**
 * The emulator seed the benchmark's programs read: for each of `sizes`, the Flex cluster `ledger-<N>` of N
 * snapshots, and the fleet (20 Flex clusters of 5 snapshots), with the given credentials.
 */
function benchSeed(credentials, sizes) {
    return {
        credentials,
        projects: [
            {
                id: BENCH.projectId,
                flexClusters: [
                    ...sizes.map((count) => ({ name: oneInstance(count), snapshots: flexSnapshots(count, count) })),
                    ...Array.from({ length: BENCH.fleet.instances }, (_, i) => ({
                        name: fleetInstance(i),
                        snapshots: flexSnapshots(BENCH.fleet.firstCluster + i, BENCH.fleet.snapshotsEach),
                    })),
                ],
                clusters: BENCH.dedicated.clusters.map((cluster) => ({
                    name: cluster.name,
                    type: cluster.type,
                    snapshots: clusterSnapshots(cluster.firstCluster, BENCH.dedicated.snapshots),
                })),
            },
        ],
    };
}

/** The reads of every snapshot of `ledger-<N>`: N [instanceName, snapshotId] pairs. */
function oneInstanceReads(count) {
    return Array.from({ length: count }, (_, i) => [oneInstance(count), snapshotId(count, i)]);
}

/** The fleet's reads: every snapshot of every instance, instance after instance. */
function fleetReads() {
    const { instances, snapshotsEach } = BENCH.fleet;
    return Array.from({ length: instances * snapshotsEach }, (_, i) => {
        const cluster = Math.floor(i / snapshotsEach);
        return [fleetInstance(cluster), snapshotId(BENCH.fleet.firstCluster + cluster, i % snapshotsEach)];
    });
}

/** One `ServerlessBackupSnapshot` with a status check per read, as a user declares them. */
function snapshotProgram(reads) {
    return `const { ServerlessBackupSnapshot } = require("pulumi-atlas-backup-snapshots");
const reads = ${JSON.stringify(reads)};
reads.forEach(([instanceName, snapshotId], i) => {
    new ServerlessBackupSnapshot("snapshot-" + i, {
        projectId: "${BENCH.projectId}",
        instanceName,
        snapshotId,
        checks: { status: "completed" },
    });
});
`;
}

/**
 * `getServerlessBackupSnapshot` called once per read, all started together, as a program that looks up many
 * snapshots does; the stack output is how many came back completed.
 */
function getProgram(reads) {
    return `const { getServerlessBackupSnapshot } = require("pulumi-atlas-backup-snapshots");
const reads = ${JSON.stringify(reads)};
exports.completed = Promise.all(
    reads.map(([instanceName, snapshotId]) =>
        getServerlessBackupSnapshot({
            projectId: "${BENCH.projectId}",
            instanceName,
            snapshotId,
            checks: { status: "completed" },
        }),
    ),
).then((snapshots) => snapshots.filter((s) => s.status === "completed").length);
`;
}

/**
 * The engine's floor: one read step per read whose dynamic provider answers three constant properties at once,
 * without HTTP, registering one output: what N read steps cost the engine and the SDK by themselves.
 */
function floorProgram(reads) {
    return `const pulumi = require("@pulumi/pulumi");
const provider = {
    async read(id) {
        return { id, props: { status: "completed", source: "flex", rawStatus: "COMPLETED" } };
    },
    async create() {
        throw new Error("read-only");
    },
};
const reads = ${JSON.stringify(reads)};
reads.forEach(([instanceName, snapshotId], i) => {
    new pulumi.dynamic.Resource(provider, "snapshot-" + i, { status: undefined }, { id: "${BENCH.projectId}/" + instanceName + "/" + snapshotId });
});
`;
}

/**
 * A reference beside the floor, not a floor: the same trivial provider in the shape of 0.1.0's read step (every
 * output key registered as an input, the full outputs with links, api and checks), to show what that shape cost.
 */
function shapeCopyProgram(reads) {
    return `const pulumi = require("@pulumi/pulumi");
const provider = {
    async read(id, props) {
        return {
            id,
            props: {
                api: props.api,
                checks: props.checks,
                secretArguments: [],
                projectId: props.projectId,
                instanceName: props.instanceName,
                snapshotId: props.snapshotId,
                source: "flex",
                status: "completed",
                rawStatus: "COMPLETED",
                createdAt: "2026-05-01T06:00:00Z",
                expiresAt: "2026-05-31T06:00:00Z",
                mongodVersion: "8.0.29",
                links: [{ rel: "self", href: "http://127.0.0.1:40000/api/atlas/v2/groups/" + props.projectId + "/flexClusters/" + props.instanceName + "/backup/snapshots/" + props.snapshotId }],
                scheduledTime: "2026-05-01T06:00:00Z",
                startTime: "2026-05-01T06:00:00Z",
                finishTime: "2026-05-01T06:01:00Z",
            },
        };
    },
    async create() {
        throw new Error("read-only");
    },
};
const keys = ["projectId", "instanceName", "snapshotId", "source", "status", "rawStatus", "createdAt", "expiresAt",
    "storageSizeBytes", "frequencyType", "snapshotType", "mongodVersion", "serverlessInstanceName", "links",
    "scheduledTime", "startTime", "finishTime"];
const reads = ${JSON.stringify(reads)};
reads.forEach(([instanceName, snapshotId], i) => {
    const props = Object.fromEntries(keys.map((key) => [key, undefined]));
    Object.assign(props, {
        projectId: "${BENCH.projectId}",
        instanceName,
        snapshotId,
        checks: { status: "completed" },
        api: "auto",
        secretArguments: [],
    });
    new pulumi.dynamic.Resource(provider, "snapshot-" + i, props, { id: "${BENCH.projectId}/" + instanceName + "/" + snapshotId }, "atlas", "ServerlessBackupSnapshot");
});
`;
}

module.exports = {
    SEED,
    BENCH,
    benchSeed,
    oneInstanceReads,
    fleetReads,
    dedicatedReads,
    clusterProgram,
    snapshotProgram,
    getProgram,
    floorProgram,
    shapeCopyProgram,
};
