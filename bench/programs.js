// The two programs the benchmark compares, both plain JavaScript so neither pays a TypeScript compile:
// N snapshots read through the data source, and the engine's floor, N read steps whose dynamic provider
// answers a constant without any HTTP.

/** The default seed's project and Flex cluster, and the cluster's two completed snapshots. */
const SEED = {
    projectId: "32b6e34b3d91647abb20e7b8",
    flexCluster: "payments",
    snapshotIds: ["6a6f78e0cab84da5c4476b25", "6a70ca6904d982bb549e2a3a"],
};

/** N `ServerlessBackupSnapshot`s with a status check, as a user with many instances declares them. */
function snapshotProgram(count) {
    return `const { ServerlessBackupSnapshot } = require("pulumi-atlas-backup-snapshots");
const ids = ${JSON.stringify(SEED.snapshotIds)};
for (let i = 0; i < ${count}; i++) {
    new ServerlessBackupSnapshot("snapshot-" + i, {
        projectId: "${SEED.projectId}",
        instanceName: "${SEED.flexCluster}",
        snapshotId: ids[i % ids.length],
        checks: { status: "completed" },
    });
}
`;
}

/**
 * N read steps of the same shape (the same inputs and output keys, an id of the same form) whose provider
 * answers at once with constant outputs like a Flex snapshot's: what the engine costs by itself.
 */
function floorProgram(count) {
    return `const pulumi = require("@pulumi/pulumi");
const ids = ${JSON.stringify(SEED.snapshotIds)};
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
                mongodVersion: "8.0.4",
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
for (let i = 0; i < ${count}; i++) {
    const snapshotId = ids[i % ids.length];
    const props = Object.fromEntries(keys.map((key) => [key, undefined]));
    Object.assign(props, {
        projectId: "${SEED.projectId}",
        instanceName: "${SEED.flexCluster}",
        snapshotId,
        checks: { status: "completed" },
        api: "auto",
        secretArguments: [],
    });
    new pulumi.dynamic.Resource(provider, "snapshot-" + i, props, { id: "${SEED.projectId}/${SEED.flexCluster}/" + snapshotId }, "atlas", "ServerlessBackupSnapshot");
}
`;
}

module.exports = { SEED, snapshotProgram, floorProgram };
