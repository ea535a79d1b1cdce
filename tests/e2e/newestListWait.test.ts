// The newest snapshot, every snapshot, and waiting, under the real CLI against the emulator.
import { readStepValue } from "../../provider/snapshots/outputs";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "./programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(300_000);

useEmulator({}, { clearBeforeEach: false });

function config() {
    return {
        config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
        secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
    };
}

const NEWEST_AND_LIST = `
import { ServerlessBackupSnapshot, ServerlessBackupSnapshots, getServerlessBackupSnapshotsOutput } from "pulumi-atlas-backup-snapshots";

const projectId = "${SEED.projectId}";
const newest = new ServerlessBackupSnapshot("newest", { projectId, instanceName: "orders" });
const all = new ServerlessBackupSnapshots("all", { projectId, instanceName: "orders" });
const failed = getServerlessBackupSnapshotsOutput({ projectId, instanceName: "orders", status: "failed" });

export const newestId = newest.snapshotId;
export const newestStatus = newest.status;
export const total = all.totalCount;
export const ids = all.snapshots.apply((snapshots) => snapshots.map((s) => s.snapshotId));
export const failedIds = failed.snapshots.apply((snapshots) => snapshots.map((s) => s.snapshotId));
`;

test("the newest completed snapshot and every snapshot, read in preview and up, re-chosen on refresh", async () => {
    const program = await PulumiProgram.create("newest", { "index.ts": NEWEST_AND_LIST }, config());
    try {
        const up = await program.up();
        expect(up.code).toBe(0);
        const outputs = await program.outputs();
        expect(outputs).toMatchObject({
            newestId: SEED.completedSnapshot,
            newestStatus: "completed",
            total: 5,
            failedIds: ["5f4e3d2c1b0a998877665547"],
        });
        // Newest first: the in-progress snapshot (10 minutes old) leads.
        expect((outputs.ids as string[])[0]).toBe(SEED.inProgressSnapshot);
        expect(outputs.ids).toHaveLength(5);

        emulator.setSnapshotStatus(SEED.projectId, "orders", SEED.inProgressSnapshot, "completed");
        const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--skip-preview"]);
        expect(refresh.code).toBe(0);
        const state = JSON.parse(await program.exportState());
        const newest = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::newest"));
        expect(newest.id).toBe(`${SEED.projectId}/orders/newest`);
        expect(readStepValue(newest.outputs.snapshot)?.snapshotId).toBe(SEED.inProgressSnapshot);
    } finally {
        emulator.setSnapshotStatus(SEED.projectId, "orders", SEED.inProgressSnapshot, "inProgress");
        program.dispose();
    }
});

const RUNNING = "6a721bebc2973a98f1546fc4";
const WAITING = `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const snapshot = new ServerlessBackupSnapshot("on-demand", {
    projectId: "${SEED.projectId}",
    instanceName: "payments",
    snapshotId: "${RUNNING}",
    waitFor: { status: "completed", timeout: "2m", interval: "1s" },
});
export const status = snapshot.status;
`;

describe("waiting", () => {
    afterEach(() => emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "RUNNING"));

    test("a preview reads once and reports what it found, without waiting", async () => {
        const program = await PulumiProgram.create("wait-preview", { "index.ts": WAITING }, config());
        try {
            emulator.clearLog();
            const preview = await program.preview();

            expect(preview.code).toBe(0);
            expect(preview.stdout).toMatch(/status\s*:\s*"inProgress"/);
            expect(preview.stdout).not.toContain("Waiting for");
            expect(emulator.requests().filter((r) => r.route === "flexSnapshot")).toHaveLength(1);
        } finally {
            program.dispose();
        }
    });

    test("up waits until the snapshot completes, with a progress line per read", async () => {
        const program = await PulumiProgram.create("wait-up", { "index.ts": WAITING }, config());
        try {
            emulator.clearLog();
            // Atlas finishes the snapshot once the data source has read it twice.
            const completeLater = setInterval(() => {
                if (emulator.requests().filter((r) => r.route === "flexSnapshot").length >= 2) {
                    emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "COMPLETED");
                }
            }, 100);
            const up = await program.up(["--skip-preview"]);
            clearInterval(completeLater);

            expect(up.code).toBe(0);
            expect(up.stdout).toMatch(
                /Waiting for snapshot 6a721bebc2973a98f1546fc4 of "payments" .* to be completed: it is inProgress/,
            );
            expect(up.stdout).toMatch(
                /Snapshot 6a721bebc2973a98f1546fc4 of "payments" .* is completed \(after \d+s, \d+ reads\)/,
            );
            expect((await program.outputs()).status).toBe("completed");
            expect(emulator.requests().filter((r) => r.route === "flexSnapshot").length).toBeGreaterThanOrEqual(3);
        } finally {
            program.dispose();
        }
    });

    test("up stops waiting as soon as the snapshot fails, and says so", async () => {
        const program = await PulumiProgram.create("wait-fail", { "index.ts": WAITING }, config());
        try {
            emulator.clearLog();
            const failLater = setInterval(() => {
                if (emulator.requests().filter((r) => r.route === "flexSnapshot").length >= 2) {
                    emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "FAILED");
                }
            }, 100);
            const up = await program.up(["--skip-preview"]);
            clearInterval(failLater);

            expect(up.code).not.toBe(0);
            expect(up.stdout + up.stderr).toContain("Stopped waiting for snapshot 6a721bebc2973a98f1546fc4");
            expect(up.stdout + up.stderr).toContain("Atlas reports it failed (FAILED)");
            expect(up.stdout + up.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
        } finally {
            program.dispose();
        }
    });
});

const NEWEST_AFTER_WAIT = `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const projectId = "${SEED.projectId}";
const instanceName = "payments";
const a = new ServerlessBackupSnapshot("a", { projectId, instanceName, snapshotId: "6a6f78e0cab84da5c4476b25" });
const b = new ServerlessBackupSnapshot("b", { projectId, instanceName, snapshotId: "6a70ca6904d982bb549e2a3a" });
const w = new ServerlessBackupSnapshot("w", {
    projectId,
    instanceName,
    snapshotId: "${RUNNING}",
    waitFor: { status: "completed", timeout: "2m", interval: "1s" },
});
const latest = new ServerlessBackupSnapshot("latest", { projectId, instanceName }, { dependsOn: [w, b] });

export const aStatus = a.status;
export const waitedStatus = w.status;
export const latestId = latest.snapshotId;
`;

test("up with its preview: after a wait, the newest snapshot is chosen from a fresh list, not the one read before", async () => {
    const program = await PulumiProgram.create("newest-after-wait", { "index.ts": NEWEST_AFTER_WAIT }, config());
    const waitedPath = `/flexClusters/payments/backup/snapshots/${RUNNING}`;
    try {
        emulator.clearLog();
        // Atlas finishes the snapshot once the update's provider has listed the cluster (the preview lists it once,
        // for a and b) and the program's wait has read it: the list the update holds then shows it in progress.
        const completeLater = setInterval(() => {
            const log = emulator.requests();
            if (
                log.filter((r) => r.route === "flexSnapshots").length >= 2 &&
                log.filter((r) => r.path.endsWith(waitedPath)).length >= 2
            ) {
                emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "COMPLETED");
            }
        }, 100);
        const up = await program.up();
        clearInterval(completeLater);

        expect(up.code).toBe(0);
        expect(up.stdout).toMatch(/Waiting for snapshot 6a721bebc2973a98f1546fc4 of "payments" .* it is inProgress/);
        expect(await program.outputs()).toMatchObject({
            aStatus: "completed",
            waitedStatus: "completed",
            latestId: RUNNING,
        });
    } finally {
        emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "RUNNING");
        program.dispose();
    }
});
