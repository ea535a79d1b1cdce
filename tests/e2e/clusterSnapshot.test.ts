// Dedicated clusters' snapshots under the real Pulumi CLI, the package installed from `npm pack`: CloudBackupSnapshot
// (newest completed, checked), a sharded cluster's, CloudBackupSnapshots and getCloudBackupSnapshotOutput through a
// stack's life (`up` with its preview, `preview --expect-no-changes`, `refresh`, a snapshot that expired,
// `destroy --refresh`), `waitFor` during `up`, and the message for a name of another family.
import { defaultSeed, startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import type { Seed } from "../../emulator/data/seed";
import { readStepValue } from "../../provider/snapshots/outputs";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "./programs";

jest.setTimeout(300_000);

let emulator: AtlasEmulator;
let port: number;

beforeAll(async () => {
    emulator = await startEmulator();
    port = emulator.port;
});
afterAll(async () => {
    await emulator.close();
});

async function restart(seed: Seed = defaultSeed): Promise<void> {
    await emulator.close();
    emulator = await startEmulator({ port, seed });
}

function config(extra: Record<string, string> = {}) {
    return {
        config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId, ...extra },
        secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
    };
}

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { CloudBackupSnapshot, CloudBackupSnapshots, getCloudBackupSnapshotOutput } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();
const projectId = "${SEED.projectId}";

const newest = new CloudBackupSnapshot("newest", {
    projectId,
    clusterName: config.get("clusterName") ?? "analytics",
    checks: { status: "completed", maxAge: config.get("maxAge") ?? "1d" },
});
const sharded = new CloudBackupSnapshot("sharded", { projectId, clusterName: "ledger", snapshotId: "6b2c1e0a9f3d4b5a6c7d8f10" });
const all = new CloudBackupSnapshots("all", { projectId, clusterName: "analytics", status: "completed" });
const viaFunction = getCloudBackupSnapshotOutput({ projectId, clusterName: "analytics", snapshotId: newest.snapshotId });

export const newestId = newest.snapshotId;
export const newestStatus = newest.status;
export const newestType = newest.type;
export const newestSize = newest.storageSizeBytes;
export const newestCloudProvider = newest.cloudProvider;
export const newestCreatedAt = newest.createdAt;
export const shardedMembers = sharded.members;
export const shardedConfigServer = sharded.configServerType;
export const completedCount = all.snapshots.apply((snapshots) => snapshots.length);
export const totalCount = all.totalCount;
export const functionStatus = viaFunction.status;
`;

const NEWEST = "6b2c1e0a9f3d4b5a6c7d8e01";

describe("CloudBackupSnapshot through a stack's life", () => {
    test("the preview shows the outputs; up with its preview records them; a preview after shows no change", async () => {
        const program = await PulumiProgram.create("cluster-life", { "index.ts": PROGRAM }, config());
        try {
            const preview = await program.preview();
            expect(preview.code).toBe(0);
            expect(preview.stdout).toMatch(/newestId\s*:\s*"6b2c1e0a9f3d4b5a6c7d8e01"/);

            const up = await program.up();
            expect(up.stderr + up.stdout).not.toMatch(/error/i);
            expect(up.code).toBe(0);
            const outputs = await program.outputs();
            expect(outputs).toMatchObject({
                newestId: NEWEST,
                newestStatus: "completed",
                newestType: "replicaSet",
                newestSize: 2147483648,
                newestCloudProvider: "AWS",
                shardedConfigServer: "EMBEDDED",
                completedCount: 3,
                totalCount: 5,
                functionStatus: "completed",
            });
            expect(outputs.shardedMembers).toHaveLength(3);

            const again = await program.preview(["--expect-no-changes"]);
            expect(again.code).toBe(0);

            // The state holds the snapshot as read, in the clusters' words, and no credential: decrypted, only the
            // user's own secret config shows (the engine keeps it as the default provider's inputs).
            expect(await program.exportState()).not.toContain(SEED.clientSecret);
            const decrypted = JSON.parse(await program.exportState(true));
            const resources = (
                decrypted.deployment.resources as { urn: string; type: string; outputs?: Record<string, unknown> }[]
            ).filter((r) => !r.type.startsWith("pulumi:"));
            expect(JSON.stringify(resources)).not.toContain(SEED.clientSecret);
            for (const token of emulator.issuedTokens()) {
                expect(JSON.stringify(decrypted)).not.toContain(token);
            }
            // The engine registers read steps in any order: the one named `newest`, whatever its place.
            const stored = resources.find((r) =>
                r.urn.endsWith("pulumi-nodejs:dynamic/atlas:CloudBackupSnapshot::newest"),
            );
            expect(readStepValue(stored?.outputs?.snapshot)).toMatchObject({
                clusterName: "analytics",
                snapshotId: NEWEST,
            });
            expect(readStepValue(stored?.outputs?.snapshot)).not.toHaveProperty("instanceName");

            const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);
            expect(refresh.code).toBe(0);
            expect(await program.preview(["--expect-no-changes"])).toMatchObject({ code: 0 });
        } finally {
            program.dispose();
        }
    });

    test("a month later a snapshot read by id is gone: refresh drops it with a warning; the newest is chosen again", async () => {
        const program = await PulumiProgram.create("cluster-expired", { "index.ts": PROGRAM }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive", "--skip-preview"]);
            const seed = JSON.parse(JSON.stringify(defaultSeed)) as Seed;
            const clusters = seed.projects[0].clusters!;
            const ledger = clusters.find((c) => c.name === "ledger")!;
            ledger.snapshots = ledger.snapshots!.filter((s) => s.id !== "6b2c1e0a9f3d4b5a6c7d8f10");
            const analytics = clusters.find((c) => c.name === "analytics")!;
            analytics.snapshots = analytics.snapshots!.filter((s) => s.id !== NEWEST);
            await restart(seed);

            const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);
            expect(refresh.code).toBe(0);
            expect(refresh.stdout).toMatch(
                /Snapshot 6b2c1e0a9f3d4b5a6c7d8f10 was not found for "ledger".*The refresh removes it from the stack's state/,
            );
            // The newest is chosen again: the next one, 32 hours old, recorded with a warning on its 1-day maxAge.
            expect(refresh.stdout).toMatch(
                /Snapshot 6b2c1e0a9f3d4b5a6c7d8e02 of "analytics" .* older than the 1d allowed/,
            );
            const state = JSON.parse(await program.exportState());
            const urns = (state.deployment.resources as { urn: string }[]).map((r) => r.urn);
            expect(urns.some((urn) => urn.endsWith("CloudBackupSnapshot::sharded"))).toBe(false);

            const preview = await program.preview();
            expect(preview.code).not.toBe(0);
            expect(preview.stdout + preview.stderr).toMatch(
                /Snapshot 6b2c1e0a9f3d4b5a6c7d8f10 was not found for "ledger"/,
            );

            const destroy = await program.run([
                "destroy",
                "--refresh",
                "--yes",
                "--non-interactive",
                "--color",
                "never",
            ]);
            expect(destroy.code).toBe(0);
        } finally {
            await restart();
            program.dispose();
        }
    });
});

describe("gates", () => {
    test("a sharded cluster's newest completed snapshot, 30 hours old, fails a 1-day maxAge: the preview stops", async () => {
        const program = await PulumiProgram.create(
            "cluster-gate",
            { "index.ts": PROGRAM },
            config({ clusterName: "ledger" }),
        );
        try {
            const preview = await program.preview();

            expect(preview.code).not.toBe(0);
            expect(preview.stdout + preview.stderr).toMatch(
                /Snapshot 6b2c1e0a9f3d4b5a6c7d8f10 of "ledger" in project 32b6e34b3d91647abb20e7b8 failed its checks: it is 1d 6h old .*older than the 1d allowed/,
            );
            expect(preview.stdout + preview.stderr).not.toMatch(/\n\s+at /);
        } finally {
            program.dispose();
        }
    });

    test("naming a Flex cluster says which resource reads it", async () => {
        const program = await PulumiProgram.create(
            "cluster-flex-name",
            { "index.ts": PROGRAM },
            config({ clusterName: "payments" }),
        );
        try {
            const preview = await program.preview();

            expect(preview.code).not.toBe(0);
            expect(preview.stdout + preview.stderr).toMatch(
                /"payments" is a Flex cluster, not a dedicated one: read its snapshots with ServerlessBackupSnapshot/,
            );
        } finally {
            program.dispose();
        }
    });
});

describe("waitFor", () => {
    test("up waits for an on-demand snapshot of a dedicated cluster to complete, then checks it", async () => {
        const WAIT = `
import { CloudBackupSnapshot } from "pulumi-atlas-backup-snapshots";
const snapshot = new CloudBackupSnapshot("on-demand", {
    projectId: "${SEED.projectId}",
    clusterName: "analytics",
    snapshotId: "6b2c1e0a9f3d4b5a6c7d8e05",
    checks: { status: "completed" },
    waitFor: { status: "completed", timeout: "2m", interval: "1s" },
});
export const status = snapshot.status;
`;
        const program = await PulumiProgram.create("cluster-wait", { "index.ts": WAIT }, config());
        try {
            emulator.clearLog();
            const completeLater = setInterval(() => {
                if (emulator.requests().filter((r) => r.route === "clusterSnapshot").length >= 3) {
                    emulator.setSnapshotStatus(SEED.projectId, "analytics", "6b2c1e0a9f3d4b5a6c7d8e05", "completed");
                }
            }, 100);
            const up = await program.up();
            clearInterval(completeLater);

            expect(up.code).toBe(0);
            expect(up.stdout).toMatch(/is inProgress: the update waits until it is completed/);
            expect(up.stdout).toMatch(
                /Waiting for snapshot 6b2c1e0a9f3d4b5a6c7d8e05 of "analytics" .* it is inProgress/,
            );
            expect((await program.outputs()).status).toBe("completed");
        } finally {
            await restart();
            program.dispose();
        }
    });
});
