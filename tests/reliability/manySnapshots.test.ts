// 500 snapshots in one preview under the real CLI: every read succeeds, one token serves them all, reads of one
// instance share its list, and the provider never has more requests in flight toward Atlas than
// ATLAS_MAX_CONCURRENCY allows.
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "../e2e/programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(600_000);

const COUNT = 500;

/** `count` reads of the Flex cluster's two completed snapshots; with `waitFor`, each is its own GET. */
const program = (count: number, wait: boolean) => `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";
const ids = ["6a6f78e0cab84da5c4476b25", "6a70ca6904d982bb549e2a3a"];
export const statuses: Record<string, unknown> = {};
for (let i = 0; i < ${count}; i++) {
    const snapshot = new ServerlessBackupSnapshot("snapshot-" + i, {
        projectId: "${SEED.projectId}",
        instanceName: "${SEED.flexCluster}",
        snapshotId: ids[i % ids.length],
        checks: { status: "completed" },
        ${wait ? 'waitFor: { status: "completed", timeout: "1m", interval: "1s" },' : ""}
    });
    if (i % 100 === 0) statuses["snapshot-" + i] = snapshot.status;
}
`;

useEmulator();

function config() {
    return {
        config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
        secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
    };
}

test(`${COUNT} snapshots of one instance in one preview: all read from one list request, one token`, async () => {
    // A preview of 500 reads on a busy machine can outlast the list's default age; that rule has tests of its own.
    const many = await PulumiProgram.create(
        "many",
        { "index.ts": program(COUNT, false) },
        { ...config(), env: { ATLAS_LIST_MAX_AGE: "10m" } },
    );
    try {
        emulator.inject({ route: "*", kind: "latency", ms: 20, times: Infinity });
        emulator.clearLog();

        const preview = await many.preview(["--parallel", "64"]);

        expect(preview.code).toBe(0);
        expect(preview.stdout.match(/snapshot-\d+\s*:\s*"completed"/g) ?? []).toHaveLength(COUNT / 100);
        const api = emulator.requests().filter((r) => r.route !== "token");
        expect(api.every((r) => r.status === 200)).toBe(true);
        expect(api.filter((r) => r.route === "flexSnapshots")).toHaveLength(1);
        expect(api.length).toBeLessThanOrEqual(2);
        expect(emulator.requests().filter((r) => r.route === "token")).toHaveLength(1);
    } finally {
        emulator.clearFaults();
        many.dispose();
    }
});

test("200 reads that each need their own GET: one token, concurrency bounded by the default", async () => {
    const count = 200;
    const waiting = await PulumiProgram.create("many-gets", { "index.ts": program(count, true) }, config());
    try {
        // Atlas answering in 20 ms keeps many reads in flight at once, so the bound is what limits them.
        emulator.inject({ route: "flexSnapshot", kind: "latency", ms: 20, times: Infinity });
        emulator.clearLog();

        const preview = await waiting.preview(["--parallel", "64"]);

        expect(preview.code).toBe(0);
        const gets = emulator.requests().filter((r) => r.route === "flexSnapshot");
        expect(gets).toHaveLength(count);
        expect(gets.every((r) => r.status === 200)).toBe(true);
        expect(emulator.requests().filter((r) => r.route === "token")).toHaveLength(1);
        expect(emulator.peakConcurrency()).toBeGreaterThan(1);
        expect(emulator.peakConcurrency()).toBeLessThanOrEqual(DEFAULT_LIMITS.maxConcurrency);
    } finally {
        emulator.clearFaults();
        waiting.dispose();
    }
});
