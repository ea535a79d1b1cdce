// A preview under the real Pulumi CLI that meets Atlas's rate limit: the 429 asks for 55 s, more than
// ATLAS_MAX_RETRY_DELAY, and the preview waits it out, saying so, and succeeds. (It takes a minute: once.)
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "./programs";

jest.setTimeout(300_000);

const PROGRAM = `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const snapshot = new ServerlessBackupSnapshot("nightly", {
    projectId: "${SEED.projectId}",
    instanceName: "${SEED.flexCluster}",
    snapshotId: "${SEED.flexSnapshot}",
    api: "flex",
    checks: { status: "completed" },
});

export const status = snapshot.status;
`;

let emulator: AtlasEmulator;
let program: PulumiProgram;

beforeAll(async () => {
    emulator = await startEmulator();
    program = await PulumiProgram.create(
        "rate-limit",
        { "index.ts": PROGRAM },
        {
            config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
});
afterAll(async () => {
    program?.dispose();
    await emulator.close();
});

test("a preview waits out a 429 with Retry-After: 55, printing its progress line, and succeeds", async () => {
    emulator.clearLog();
    emulator.inject({
        route: "flexSnapshot",
        kind: "status",
        status: 429,
        errorCode: "RATE_LIMITED_TOKEN_BUCKET",
        retryAfter: 55,
    });

    const preview = await program.preview();

    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(
        new RegExp(
            `Atlas's rate limit of Flex snapshot reads of project ${SEED.projectId} is spent ` +
                // Retry-After's 55 s and up to a tenth more of jitter: 55 s to 1 min 1 s.
                "\\(capacity 10, refill 5 per 60 s\\): waiting (?:5\\d s|1 min(?: 1 s)?) as Retry-After asks, then reading on " +
                "\\(3 min of ATLAS_RATE_LIMIT_BUDGET 3 min left\\)\\.",
        ),
    );
    expect(preview.stdout).toMatch(/status\s*:\s*"completed"/);
    const gets = emulator.requests().filter((r) => r.route === "flexSnapshot");
    expect(gets.map((r) => r.status)).toEqual([429, 200]);
    expect(Date.parse(gets[1].time) - Date.parse(gets[0].time)).toBeGreaterThanOrEqual(55_000);
    expect(preview.stdout + preview.stderr).not.toContain(SEED.clientSecret);
});
