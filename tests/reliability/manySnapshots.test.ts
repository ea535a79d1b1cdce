// 500 snapshots in one preview under the real CLI: every read succeeds, one token serves them all, and the
// provider never has more requests in flight toward Atlas than ATLAS_MAX_CONCURRENCY allows.
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "../e2e/programs";

jest.setTimeout(600_000);

const COUNT = 500;

const PROGRAM = `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";
const ids = ["6a6f78e0cab84da5c4476b25", "6a70ca6904d982bb549e2a3a"];
export const statuses: Record<string, unknown> = {};
for (let i = 0; i < ${COUNT}; i++) {
    const snapshot = new ServerlessBackupSnapshot("snapshot-" + i, {
        projectId: "${SEED.projectId}",
        instanceName: "${SEED.flexCluster}",
        snapshotId: ids[i % ids.length],
        checks: { status: "completed" },
    });
    if (i % 100 === 0) statuses["snapshot-" + i] = snapshot.status;
}
`;

let emulator: AtlasEmulator;

beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(async () => {
    await emulator.close();
});

test(`${COUNT} snapshots in one preview: all read, one token, concurrency bounded by the default`, async () => {
    const program = await PulumiProgram.create(
        "many",
        { "index.ts": PROGRAM },
        {
            config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
    try {
        // Atlas answering in 20 ms keeps many reads in flight at once, so the bound is what limits them.
        emulator.inject({ route: "flexSnapshot", kind: "latency", ms: 20, times: Infinity });
        emulator.clearLog();

        const preview = await program.preview(["--parallel", "64"]);

        expect(preview.code).toBe(0);
        const gets = emulator.requests().filter((r) => r.route === "flexSnapshot");
        expect(gets).toHaveLength(COUNT);
        expect(gets.every((r) => r.status === 200)).toBe(true);
        expect(emulator.requests().filter((r) => r.route === "token")).toHaveLength(1);
        expect(emulator.peakConcurrency()).toBeGreaterThan(1);
        expect(emulator.peakConcurrency()).toBeLessThanOrEqual(DEFAULT_LIMITS.maxConcurrency);
    } finally {
        emulator.clearFaults();
        program.dispose();
    }
});
