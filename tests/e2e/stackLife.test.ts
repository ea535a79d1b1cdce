// A stack's whole life under the real CLI: `up` with the preview it runs first, `preview --diff` after an up,
// `refresh` and `destroy --refresh` after a snapshot expired, `preview --refresh` of a resource that waits.
import { readStepValue } from "../../provider/snapshots/outputs";
import { defaultSeed, startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import type { Seed } from "../../emulator/data/seed";
import { PulumiProgram } from "../helpers/pulumi";
import { ABSENT_FIELDS_PROGRAM, SEED } from "./programs";

jest.setTimeout(300_000);

const RUNNING = "6a721bebc2973a98f1546fc4";

let emulator: AtlasEmulator;
let port: number;

/** The default seed with `change` applied to a deep copy. */
function seedWith(change: (seed: Seed) => void): Seed {
    const seed = JSON.parse(JSON.stringify(defaultSeed)) as Seed;
    change(seed);
    return seed;
}

/** The serverless snapshots of `orders` in a seed. */
function ordersSnapshots(seed: Seed) {
    const orders = seed.projects[0].serverlessInstances?.find((instance) => instance.name === "orders");
    if (!orders?.snapshots) throw new Error("the default seed lost `orders`");
    return orders.snapshots;
}

/** Restarts the emulator on the same port with another seed: Atlas, a month later. */
async function restart(seed: Seed = defaultSeed): Promise<void> {
    await emulator.close();
    emulator = await startEmulator({ port, seed });
}

beforeAll(async () => {
    emulator = await startEmulator();
    port = emulator.port;
});
afterEach(async () => {
    await restart();
});
afterAll(async () => {
    await emulator.close();
});

function config() {
    return {
        config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
        secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
    };
}

/** Requests for one route in the emulator's log. */
function reads(route: string): number {
    return emulator.requests().filter((r) => r.route === route).length;
}

const WAIT_AND_CHECK = `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const snapshot = new ServerlessBackupSnapshot("on-demand", {
    projectId: "${SEED.projectId}",
    instanceName: "payments",
    snapshotId: "${RUNNING}",
    checks: { status: "completed" },
    waitFor: { status: "completed", timeout: "2m", interval: "1s" },
});
export const status = snapshot.status;
`;

describe("pulumi up with its preview, of a snapshot still being taken", () => {
    test("the preview shows what it found without failing the checks the wait satisfies; the update waits, then checks", async () => {
        const program = await PulumiProgram.create("up-wait", { "index.ts": WAIT_AND_CHECK }, config());
        try {
            emulator.clearLog();
            // Atlas finishes the snapshot once the update (after the preview's one read) has read it twice.
            const completeLater = setInterval(() => {
                if (reads("flexSnapshot") >= 3) {
                    emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "COMPLETED");
                }
            }, 100);
            const up = await program.up();
            clearInterval(completeLater);

            expect(up.stderr + up.stdout).not.toContain("failed its checks");
            expect(up.code).toBe(0);
            expect(up.stdout).toMatch(
                /Snapshot 6a721bebc2973a98f1546fc4 of "payments" .* is inProgress: the update waits until it is completed/,
            );
            expect(up.stdout).toMatch(/Waiting for snapshot 6a721bebc2973a98f1546fc4 .* it is inProgress/);
            expect((await program.outputs()).status).toBe("completed");
        } finally {
            program.dispose();
        }
    });

    test("a snapshot that failed still fails the preview, before any wait", async () => {
        emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "FAILED");
        const program = await PulumiProgram.create("up-failed", { "index.ts": WAIT_AND_CHECK }, config());
        try {
            emulator.clearLog();
            const up = await program.up();

            expect(up.code).not.toBe(0);
            expect(up.stdout + up.stderr).toContain(
                `Snapshot ${RUNNING} of "payments" in project ${SEED.projectId} failed (Atlas: FAILED)`,
            );
            expect(up.stdout).not.toContain("Waiting for");
            expect(reads("flexSnapshot")).toBe(1);
        } finally {
            program.dispose();
        }
    });
});

const EXPIRING = "5f4e3d2c1b0a998877665544";
const EXPIRING_PROGRAM = `
import { ServerlessBackupSnapshot, ServerlessBackupSnapshots } from "pulumi-atlas-backup-snapshots";

const snapshot = new ServerlessBackupSnapshot("nightly", {
    projectId: "${SEED.projectId}",
    instanceName: "orders",
    snapshotId: "${EXPIRING}",
    checks: { minTimeToExpiry: "7d" },
});
const all = new ServerlessBackupSnapshots("all", { projectId: "${SEED.projectId}", instanceName: "orders" });
export const expiresAt = snapshot.expiresAt;
export const total = all.totalCount;
`;

function resourceUrns(state: string): string[] {
    return ((JSON.parse(state).deployment.resources ?? []) as { urn: string }[]).map((r) => r.urn);
}

describe("a stack whose snapshot expired", () => {
    const expired = () =>
        seedWith((seed) => {
            const snapshots = ordersSnapshots(seed);
            snapshots.splice(
                snapshots.findIndex((s) => s.id === EXPIRING),
                1,
            );
        });

    test("refresh drops the snapshot from the state and says so; the next up fails clearly", async () => {
        const program = await PulumiProgram.create("expired-refresh", { "index.ts": EXPIRING_PROGRAM }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive", "--skip-preview"]);
            await restart(expired());

            const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);

            expect(refresh.code).toBe(0);
            expect(refresh.stdout).toContain(`Snapshot ${EXPIRING} was not found for "orders"`);
            expect(refresh.stdout).toContain("The refresh removes it from the stack's state");
            const urns = resourceUrns(await program.exportState());
            expect(urns.some((urn) => urn.endsWith("::nightly"))).toBe(false);
            expect(urns.some((urn) => urn.endsWith("::all"))).toBe(true);

            const up = await program.up();
            expect(up.code).not.toBe(0);
            expect(up.stdout + up.stderr).toContain(`Could not read snapshot ${EXPIRING} of "orders"`);
            expect(up.stdout + up.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
        } finally {
            program.dispose();
        }
    });

    test("destroy --refresh succeeds and leaves an empty stack, with no request but reads", async () => {
        const program = await PulumiProgram.create("expired-destroy", { "index.ts": EXPIRING_PROGRAM }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive", "--skip-preview"]);
            await restart(expired());

            const destroy = await program.run(["destroy", "--refresh", "--yes", "--non-interactive"]);

            expect(destroy.code).toBe(0);
            expect(resourceUrns(await program.exportState()).filter((urn) => urn.includes("atlas:"))).toEqual([]);
            expect(emulator.requests().every((r) => r.method === "GET" || r.route === "token")).toBe(true);
        } finally {
            program.dispose();
        }
    });

    test("refresh of a snapshot that no longer passes its checks records it and warns; preview still fails", async () => {
        const program = await PulumiProgram.create("expiring-refresh", { "index.ts": EXPIRING_PROGRAM }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive", "--skip-preview"]);
            const before = (await program.outputs()).expiresAt;
            await restart(
                seedWith((seed) => {
                    const snapshot = ordersSnapshots(seed).find((s) => s.id === EXPIRING);
                    if (snapshot) snapshot.expiresAt = "now+2h";
                }),
            );

            const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);

            expect(refresh.code).toBe(0);
            expect(refresh.stdout).toMatch(
                /warning: Snapshot 5f4e3d2c1b0a998877665544 .* failed its checks: it expires in 1h/,
            );
            expect(refresh.stdout).toContain("the next preview or update fails on these checks");
            const state = JSON.parse(await program.exportState());
            const nightly = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::nightly"));
            const expiresAt = readStepValue(nightly.outputs.snapshot)?.expiresAt as string;
            expect(expiresAt).not.toBe(before);
            expect(Date.parse(expiresAt) - Date.now()).toBeLessThan(3 * 3_600_000);

            const preview = await program.preview();
            expect(preview.code).not.toBe(0);
            expect(preview.stdout + preview.stderr).toContain("less than the 7d required");
        } finally {
            program.dispose();
        }
    });
});

describe("after an up", () => {
    test("preview --refresh of a resource that waits never waits", async () => {
        emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "COMPLETED");
        const program = await PulumiProgram.create("refresh-wait", { "index.ts": WAIT_AND_CHECK }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive", "--skip-preview"]);
            // Atlas reports the snapshot as running again: only a wait could take long now.
            emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "RUNNING");
            emulator.clearLog();

            const preview = await program.preview(["--refresh"]);

            expect(preview.stdout).not.toContain("Waiting for");
            // One read for the refresh, one for the preview's read step.
            expect(reads("flexSnapshot")).toBe(2);
        } finally {
            program.dispose();
        }
    });

    const EVERY_KIND = `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot, ServerlessBackupSnapshots } from "pulumi-atlas-backup-snapshots";

const projectId = "${SEED.projectId}";
const fixed = new ServerlessBackupSnapshot("fixed", {
    projectId, instanceName: "payments", snapshotId: "${SEED.flexSnapshot}",
    checks: { status: "completed", minTimeToExpiry: "1d" },
    waitFor: { status: "completed", timeout: "1m", interval: "1s" },
});
const newest = new ServerlessBackupSnapshot("newest", { projectId, instanceName: "orders" });
const hidden = new ServerlessBackupSnapshot("hidden", {
    projectId, instanceName: pulumi.secret("orders"), snapshotId: "${SEED.completedSnapshot}",
});
const all = new ServerlessBackupSnapshots("all", { projectId, instanceName: "orders", status: "completed" });
export const ids = [fixed.id, newest.id, hidden.id, all.id];
`;

    test("preview --diff right after an up shows no change for any resource of this package", async () => {
        const program = await PulumiProgram.create("no-diff", { "index.ts": EVERY_KIND }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive"]);

            const preview = await program.preview(["--diff"]);

            expect(preview.code).toBe(0);
            const changed = preview.stdout.split("\n").filter((line) => /^\s*[~+-]\s/.test(line) || /=>/.test(line));
            expect(changed).toEqual([]);
            expect(preview.stdout).not.toMatch(/\d+ to (update|create|delete|replace)/);
        } finally {
            program.dispose();
        }
    });

    test("outputs Atlas did not send read as absent in a preview as in the update: preview --expect-no-changes succeeds", async () => {
        const program = await PulumiProgram.create("absent-fields", { "index.ts": ABSENT_FIELDS_PROGRAM }, config());
        try {
            await program.mustRun(["up", "--yes", "--non-interactive"]);
            const outputs = await program.outputs();
            // TypeScript sees `undefined`, and a stack output of it is left out, as Pulumi does with any undefined.
            expect(outputs.seen).toEqual({
                flexSize: "undefined",
                flexFrequency: "undefined",
                runningExpiry: "undefined",
                runningSize: "undefined",
                runningFinish: "undefined",
                newestListed: "undefined",
            });
            expect(Object.keys(outputs).sort()).toEqual(["flexExpiry", "seen"]);
            const resources = JSON.parse(await program.exportState()).deployment.resources as { urn: string }[];
            const bytes = (name: string) =>
                JSON.stringify(
                    resources.find((r) => r.urn.endsWith(`::${name}`)),
                    null,
                    4,
                ).length;
            console.log(`state of the Flex snapshot: ${bytes("flex")} bytes; of the running one: ${bytes("running")}`);

            const diff = await program.preview(["--diff"]);
            expect(diff.code).toBe(0);
            expect(diff.stdout).not.toContain("[unknown]");
            expect(diff.stdout).not.toContain("output<");
            const changed = diff.stdout.split("\n").filter((line) => /^\s*[~+-]\s/.test(line) || /=>/.test(line));
            expect(changed).toEqual([]);

            const quiet = await program.preview(["--expect-no-changes"]);
            expect(quiet.stdout + quiet.stderr).not.toContain("no changes were expected");
            expect(quiet.code).toBe(0);
        } finally {
            program.dispose();
        }
    });
});
