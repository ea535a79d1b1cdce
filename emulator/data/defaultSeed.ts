// The seed the emulator serves unless given another: documented ids and credentials that tests, the demo and
// the README rely on. Times are relative to the emulator's start, so the data never goes stale. A .ts module
// rather than a .json file, so it resolves the same way from emulator/ under ts-jest and from dist/emulator/.
import type { Seed } from "./seed";

/**
 * The default seed. Project `32b6e34b3d91647abb20e7b8` holds serverless instance `orders` (five snapshots: completed,
 * completed, inProgress, failed, completed expiring in two days), empty serverless instance `sandbox`, native Flex
 * cluster `payments` (COMPLETED, COMPLETED, RUNNING, QUEUED), Flex cluster `inventory` migrated from serverless
 * (COMPLETED, FAILED, PENDING), dedicated replica set `analytics` (completed 8 hours and 32 hours ago, an on-demand
 * `ondemand` one completed 3 days ago expiring in 2 days, a failed one, one in progress), sharded cluster `ledger`
 * (two shards and an embedded config server: completed 30 hours and 3 days ago, one in progress) and replica set
 * `reporting`, whose one on-demand snapshot is queued for a minute after the emulator starts, in progress for two
 * more, then completed. Project `6a1b2c3d4e5f60718293a4b5` is empty.
 * Service account `mdb_sa_id_0123456789abcdef01234567` and API key `emulpubk` may read both projects; API key
 * `limitedk` only the empty one.
 */
export const defaultSeed: Seed = {
    credentials: {
        serviceAccounts: [
            {
                clientId: "mdb_sa_id_0123456789abcdef01234567",
                clientSecret: "mdb_sa_sk_emulator-secret-do-not-use-0001",
            },
        ],
        apiKeys: [
            { publicKey: "emulpubk", privateKey: "2f1e7c4a-9b3d-4e8f-a6c5-0d9e8f7a6b5c" },
            {
                publicKey: "limitedk",
                privateKey: "7c0b2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f",
                projects: ["6a1b2c3d4e5f60718293a4b5"],
            },
        ],
        tokenTtlSeconds: 3600,
    },
    projects: [
        {
            id: "32b6e34b3d91647abb20e7b8",
            serverlessInstances: [
                {
                    name: "orders",
                    snapshots: [
                        {
                            id: "5f4e3d2c1b0a998877665544",
                            createdAt: "now-6h",
                            expiresAt: "now+30d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.17",
                            serverlessInstanceName: "orders",
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 73400320,
                        },
                        {
                            id: "5f4e3d2c1b0a998877665545",
                            createdAt: "now-30h",
                            expiresAt: "now+29d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.17",
                            serverlessInstanceName: "orders",
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 72351744,
                        },
                        {
                            // Still being taken: Atlas has no expiry or size for it yet.
                            id: "5f4e3d2c1b0a998877665546",
                            createdAt: "now-10m",
                            mongodVersion: "8.0.17",
                            serverlessInstanceName: "orders",
                            snapshotType: "onDemand",
                            status: "inProgress",
                        },
                        {
                            id: "5f4e3d2c1b0a998877665547",
                            createdAt: "now-3d",
                            expiresAt: "now+27d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.17",
                            serverlessInstanceName: "orders",
                            snapshotType: "scheduled",
                            status: "failed",
                        },
                        {
                            // Completed but about to expire, for checks that warn before a snapshot disappears.
                            id: "5f4e3d2c1b0a998877665548",
                            createdAt: "now-20d",
                            expiresAt: "now+2d",
                            frequencyType: "weekly",
                            mongodVersion: "8.0.17",
                            serverlessInstanceName: "orders",
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 70254592,
                        },
                    ],
                },
                { name: "sandbox", snapshots: [] },
            ],
            flexClusters: [
                {
                    name: "payments",
                    migratedFromServerless: false,
                    snapshots: [
                        {
                            id: "6a6f78e0cab84da5c4476b25",
                            expiration: "now+7d",
                            finishTime: "now-1d+2m",
                            mongoDBVersion: "8.0.29",
                            scheduledTime: "now-1d",
                            startTime: "now-1d+1m",
                            status: "COMPLETED",
                        },
                        {
                            id: "6a70ca6904d982bb549e2a3a",
                            expiration: "now+6d",
                            finishTime: "now-2d+3m",
                            mongoDBVersion: "8.0.29",
                            scheduledTime: "now-2d",
                            startTime: "now-2d+1m",
                            status: "COMPLETED",
                        },
                        {
                            id: "6a721bebc2973a98f1546fc4",
                            mongoDBVersion: "8.0.29",
                            scheduledTime: "now-6m",
                            startTime: "now-5m",
                            status: "RUNNING",
                        },
                        {
                            id: "6a736d658d9c11303b1c20d4",
                            scheduledTime: "now-1m",
                            status: "QUEUED",
                        },
                    ],
                },
                {
                    name: "inventory",
                    migratedFromServerless: true,
                    snapshots: [
                        {
                            id: "6a7944f22c88faeba59d3572",
                            expiration: "now+7d",
                            finishTime: "now-12h+2m",
                            mongoDBVersion: "8.0.17",
                            scheduledTime: "now-12h",
                            startTime: "now-12h+1m",
                            status: "COMPLETED",
                        },
                        {
                            id: "6a7944f22c88faeba59d3573",
                            finishTime: "now-36h+4m",
                            mongoDBVersion: "8.0.17",
                            scheduledTime: "now-36h",
                            startTime: "now-36h+1m",
                            status: "FAILED",
                        },
                        {
                            // Not started: served through the serverless route, createdAt falls back to scheduledTime.
                            id: "6a7944f22c88faeba59d3574",
                            scheduledTime: "now+1h",
                            status: "PENDING",
                        },
                    ],
                },
            ],
            clusters: [
                {
                    name: "analytics",
                    replicaSetName: "atlas-analytics-shard-0",
                    snapshots: [
                        {
                            id: "6b2c1e0a9f3d4b5a6c7d8e01",
                            createdAt: "now-8h",
                            expiresAt: "now+7d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.29",
                            policyItems: ["6b2c1e0a9f3d4b5a6c7d8ef1"],
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 2147483648,
                        },
                        {
                            id: "6b2c1e0a9f3d4b5a6c7d8e02",
                            createdAt: "now-32h",
                            expiresAt: "now+6d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.29",
                            policyItems: ["6b2c1e0a9f3d4b5a6c7d8ef1"],
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 2139095040,
                        },
                        {
                            // On demand, as real answers carry it: `frequencyType: "ondemand"`, outside the spec's enum.
                            id: "6b2c1e0a9f3d4b5a6c7d8e03",
                            createdAt: "now-3d",
                            description: "before-upgrade",
                            expiresAt: "now+2d",
                            frequencyType: "ondemand",
                            mongodVersion: "8.0.29",
                            snapshotType: "onDemand",
                            status: "completed",
                            storageSizeBytes: 2130706432,
                        },
                        {
                            id: "6b2c1e0a9f3d4b5a6c7d8e04",
                            createdAt: "now-2d",
                            expiresAt: "now+5d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.29",
                            snapshotType: "scheduled",
                            status: "failed",
                            storageSizeBytes: 0,
                        },
                        {
                            // Running: no createdAt yet, and no size.
                            id: "6b2c1e0a9f3d4b5a6c7d8e05",
                            expiresAt: "now+1d",
                            frequencyType: "hourly",
                            mongodVersion: "8.0.29",
                            snapshotType: "scheduled",
                            startsAt: "now-5m",
                            status: "inProgress",
                            storageSizeBytes: 0,
                        },
                    ],
                },
                {
                    name: "ledger",
                    type: "shardedCluster",
                    shards: [{ replicaSetName: "atlas-ledger-shard-0" }, { replicaSetName: "atlas-ledger-shard-1" }],
                    snapshots: [
                        {
                            id: "6b2c1e0a9f3d4b5a6c7d8f10",
                            createdAt: "now-30h",
                            expiresAt: "now+5d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.29",
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 10737418240,
                        },
                        {
                            id: "6b2c1e0a9f3d4b5a6c7d8f20",
                            createdAt: "now-3d",
                            expiresAt: "now+4d",
                            frequencyType: "daily",
                            mongodVersion: "8.0.29",
                            snapshotType: "scheduled",
                            status: "completed",
                            storageSizeBytes: 10630044876,
                        },
                        {
                            id: "6b2c1e0a9f3d4b5a6c7d8f30",
                            expiresAt: "now+1d",
                            frequencyType: "hourly",
                            mongodVersion: "8.0.29",
                            snapshotType: "scheduled",
                            startsAt: "now-5m",
                            status: "inProgress",
                            storageSizeBytes: 0,
                        },
                    ],
                },
                {
                    name: "reporting",
                    snapshots: [
                        {
                            // Moves by itself, as an on-demand snapshot does: queued, in progress, completed.
                            id: "6b2c1e0a9f3d4b5a6c7d9001",
                            completesAt: "now+3m",
                            description: "nightly-export",
                            expiresAt: "now+1d",
                            frequencyType: "ondemand",
                            mongodVersion: "8.0.29",
                            snapshotType: "onDemand",
                            startsAt: "now+1m",
                            storageSizeBytes: 524288000,
                        },
                    ],
                },
            ],
        },
        { id: "6a1b2c3d4e5f60718293a4b5" },
    ],
};
