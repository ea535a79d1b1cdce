// Pulumi programs the end-to-end tests run, written as a user would write them.

/** The default seed's ids (see the README's emulator section). */
export const SEED = {
    projectId: "32b6e34b3d91647abb20e7b8",
    serverlessInstance: "orders",
    completedSnapshot: "5f4e3d2c1b0a998877665544",
    inProgressSnapshot: "5f4e3d2c1b0a998877665546",
    expiringSnapshot: "5f4e3d2c1b0a998877665548",
    flexCluster: "payments",
    flexSnapshot: "6a6f78e0cab84da5c4476b25",
    migratedCluster: "inventory",
    migratedSnapshot: "6a7944f22c88faeba59d3572",
    clientId: "mdb_sa_id_0123456789abcdef01234567",
    clientSecret: "mdb_sa_sk_emulator-secret-do-not-use-0001",
    publicKey: "emulpubk",
    privateKey: "2f1e7c4a-9b3d-4e8f-a6c5-0d9e8f7a6b5c",
};

/**
 * One snapshot, its outputs exported, and a second resource (a restore plan) that consumes them. The
 * snapshot, instance, api and checks come from stack config so one program serves several tests.
 */
export const SNAPSHOT_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot, getServerlessBackupSnapshotOutput } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();
const args = {
    projectId: config.require("projectId"),
    instanceName: config.require("instanceName"),
    snapshotId: config.require("snapshotId"),
    api: (config.get("api") ?? "auto") as "auto" | "flex" | "serverless",
};
const checks = config.getObject<{ status?: string; minTimeToExpiry?: string }>("checks");

const snapshot = new ServerlessBackupSnapshot("nightly", { ...args, checks: checks as any });

// Another resource fed by the snapshot's outputs, as a restore plan would be.
class RestorePlan extends pulumi.dynamic.Resource {
    declare readonly summary: pulumi.Output<string>;
    constructor(name: string, props: Record<string, pulumi.Input<unknown>>, provider: pulumi.dynamic.ResourceProvider) {
        super(provider, name, { ...props, summary: undefined });
    }
}
const plan = new RestorePlan(
    "restore-plan",
    { snapshotId: snapshot.snapshotId, status: snapshot.status, expiresAt: snapshot.expiresAt },
    {
        async create(inputs: any) {
            return { id: "restore-plan", outs: { ...inputs, summary: inputs.snapshotId + " " + inputs.status } };
        },
        async diff(_id: string, olds: any, news: any) {
            return { changes: olds.status !== news.status || olds.snapshotId !== news.snapshotId };
        },
        async update(_id: string, _olds: any, news: any) {
            return { outs: { ...news, summary: news.snapshotId + " " + news.status } };
        },
    },
);

export const status = snapshot.status;
export const rawStatus = snapshot.rawStatus;
export const expiresAt = snapshot.expiresAt;
export const createdAt = snapshot.createdAt;
export const storageSizeBytes = snapshot.storageSizeBytes;
export const mongodVersion = snapshot.mongodVersion;
export const source = snapshot.source;
export const resourceId = snapshot.id;
export const planSummary = plan.summary;
export const viaGet = getServerlessBackupSnapshotOutput(args).apply((s) => ({ status: s.status, source: s.source }));
`;

/** A snapshot whose id comes from a resource that does not exist yet, so it is unknown during the first preview. */
export const UNKNOWN_INPUT_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();
class Picker extends pulumi.dynamic.Resource {
    declare readonly chosen: pulumi.Output<string>;
    constructor(name: string, wanted: string) {
        super(
            { async create(inputs: any) { return { id: "picker", outs: { ...inputs, chosen: inputs.wanted } }; } },
            name,
            { wanted, chosen: undefined },
        );
    }
}
const picker = new Picker("picker", config.require("snapshotId"));
const snapshot = new ServerlessBackupSnapshot("chosen", {
    projectId: config.require("projectId"),
    instanceName: config.require("instanceName"),
    snapshotId: picker.chosen,
});
export const status = snapshot.status;
`;

/** A program with a bad snapshot id, refused before any request. */
export const BAD_INPUT_PROGRAM = `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";
const snapshot = new ServerlessBackupSnapshot("typo", {
    projectId: "32b6e34b3d91647abb20e7b8",
    instanceName: "orders",
    snapshotId: "5F4E3D2C1B0A998877665544",
});
export const status = snapshot.status;
`;

/**
 * A JavaScript program (no type checker to catch it) that misspells `snapshotId`: ignored, the newest snapshot
 * would be read instead of the one named. Its Pulumi.yaml runs index.js.
 */
export const MISSPELT_ARGUMENT_PROGRAM = {
    "Pulumi.yaml": "name: misspelt\nruntime: nodejs\nmain: index.js\n",
    "index.js": `
const { ServerlessBackupSnapshot } = require("pulumi-atlas-backup-snapshots");
const snapshot = new ServerlessBackupSnapshot("nightly", {
    projectId: "32b6e34b3d91647abb20e7b8",
    instanceName: "orders",
    snapshotID: "5f4e3d2c1b0a998877665548",
});
exports.snapshotId = snapshot.snapshotId;
`,
};

/** A Pulumi YAML program calling the plugin's function with `snapshotId` misspelt. */
export const MISSPELT_ARGUMENT_YAML_PROGRAM = {
    "Pulumi.yaml": `name: misspelt-yaml
runtime: yaml
variables:
  snapshot:
    fn::invoke:
      function: atlas-backup-snapshots:index:getServerlessBackupSnapshot
      arguments:
        projectId: 32b6e34b3d91647abb20e7b8
        instanceName: orders
        snapshotID: 5f4e3d2c1b0a998877665548
outputs:
  snapshotId: \${snapshot.snapshotId}
`,
};

/**
 * A Flex snapshot (Flex sends no size) and a serverless snapshot still being taken (no expiry yet), whose outputs
 * Atlas did not send feed another resource and the stack outputs, as a restore plan or a report would use them.
 * `seen` says what the program saw for each: `undefined`, `null` or the value's type.
 */
export const ABSENT_FIELDS_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot, ServerlessBackupSnapshots } from "pulumi-atlas-backup-snapshots";

const projectId = "${SEED.projectId}";
const flex = new ServerlessBackupSnapshot("flex", {
    projectId, instanceName: "${SEED.flexCluster}", snapshotId: "${SEED.flexSnapshot}",
});
const running = new ServerlessBackupSnapshot("running", {
    projectId, instanceName: "${SEED.serverlessInstance}", snapshotId: "${SEED.inProgressSnapshot}",
});
const list = new ServerlessBackupSnapshots("list", { projectId, instanceName: "${SEED.flexCluster}" });

const fed = {
    flexSize: flex.storageSizeBytes,
    flexFrequency: flex.frequencyType,
    runningExpiry: running.expiresAt,
    runningSize: running.storageSizeBytes,
    runningFinish: running.finishTime,
    newestListed: list.snapshots.apply((snapshots) => snapshots[0]?.storageSizeBytes),
};
class Report extends pulumi.dynamic.Resource {
    constructor(name: string, props: Record<string, pulumi.Input<unknown>>) {
        super(
            {
                async create(inputs: any) {
                    return { id: name, outs: inputs };
                },
                async diff(_id: string, olds: any, news: any) {
                    return { changes: Object.keys(news).concat(Object.keys(olds)).some((k) => olds[k] !== news[k]) };
                },
                async update(_id: string, _olds: any, news: any) {
                    return { outs: news };
                },
            },
            name,
            props,
        );
    }
}
// A copy: a dynamic resource adds its provider to the object it is given.
new Report("report", { ...fed });

const kind = (value: unknown) => (value === undefined ? "undefined" : value === null ? "null" : typeof value);
export const seen = pulumi.all(fed as Record<string, pulumi.Input<unknown>>).apply((values) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, kind(value)])),
);
export const flexSize = flex.storageSizeBytes;
export const runningExpiry = running.expiresAt;
export const flexExpiry = flex.expiresAt;
`;
