// No credential or token ever appears where someone else can read it: the state, the CLI's output at its most
// verbose, or an error message. Proven by searching what the real CLI printed and stored.
import axios from "axios";
import * as fs from "fs";
import * as path from "path";
import { PulumiProgram } from "../helpers/pulumi";
import type { CliResult } from "../helpers/pulumi";
import { SEED, SNAPSHOT_PROGRAM } from "../e2e/programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(300_000);

useEmulator();

const VERBOSE = ["--debug", "-v=9", "--logtostderr"];

function printed(results: CliResult[]): string {
    return results.map((r) => r.stdout + r.stderr).join("\n");
}

function expectAbsent(text: string, secrets: string[]): void {
    for (const secret of secrets) {
        expect(text.includes(secret)).toBe(false);
    }
}

/** Preview, up, refresh and a failing preview, each at the CLI's most verbose, then both state exports. */
async function exercise(program: PulumiProgram): Promise<{ output: string; state: string; written: string }> {
    const results: CliResult[] = [];
    results.push(await program.preview(VERBOSE));
    results.push(await program.up(VERBOSE));
    results.push(await program.run(["refresh", "--yes", "--non-interactive", "--skip-preview", ...VERBOSE]));
    await program.mustRun(["config", "set", "checks", JSON.stringify({ minTimeToExpiry: "400d" })]);
    const failing = await program.preview(VERBOSE);
    results.push(failing);
    await program.mustRun(["config", "rm", "checks"]);

    expect(results.slice(0, 3).map((r) => r.code)).toEqual([0, 0, 0]);
    expect(failing.code).not.toBe(0);
    expect(failing.stdout + failing.stderr).toContain("less than the 400d required");

    const state = await program.exportState();
    const decrypted = JSON.parse(await program.exportState(true));
    // Decrypted, the state shows the user's own secret config as the default provider's inputs (the engine
    // keeps the stack config there); what the data source itself wrote must hold no secret.
    const written = JSON.stringify(
        decrypted.deployment.resources.filter((r: { type: string }) => !r.type.startsWith("pulumi:")),
    );
    return { output: printed(results), state, written };
}

test("a service account's secret and tokens appear nowhere, even with --debug and -v=9", async () => {
    const program = await PulumiProgram.create(
        "secrets-sa",
        { "index.ts": SNAPSHOT_PROGRAM },
        {
            config: {
                projectId: SEED.projectId,
                instanceName: SEED.flexCluster,
                snapshotId: SEED.flexSnapshot,
                "mongodbatlas:baseUrl": emulator.url,
                "mongodbatlas:clientId": SEED.clientId,
            },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
    try {
        const { output, state, written } = await exercise(program);

        const secrets = [SEED.clientSecret, ...emulator.issuedTokens()];
        expect(emulator.issuedTokens().length).toBeGreaterThan(0);
        expectAbsent(output, secrets);
        expectAbsent(state, secrets);
        expectAbsent(written, secrets);
    } finally {
        program.dispose();
    }
});

test("an API key's private key appears nowhere, even with --debug and -v=9", async () => {
    const program = await PulumiProgram.create(
        "secrets-key",
        { "index.ts": SNAPSHOT_PROGRAM },
        {
            config: {
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                snapshotId: SEED.completedSnapshot,
                "mongodbatlas:baseUrl": emulator.url,
                "mongodbatlas:publicKey": SEED.publicKey,
            },
            secrets: { "mongodbatlas:privateKey": SEED.privateKey },
        },
    );
    try {
        const { output, state, written } = await exercise(program);

        expectAbsent(output, [SEED.privateKey]);
        expectAbsent(state, [SEED.privateKey]);
        expectAbsent(written, [SEED.privateKey]);
    } finally {
        program.dispose();
    }
});

test("an access token from the environment appears nowhere, even with --debug and -v=9", async () => {
    const issued = await axios.post(`${emulator.url}/api/oauth/token`, "grant_type=client_credentials", {
        auth: { username: SEED.clientId, password: SEED.clientSecret },
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    });
    const accessToken: string = issued.data.access_token;
    const program = await PulumiProgram.create(
        "secrets-token",
        { "index.ts": SNAPSHOT_PROGRAM },
        {
            config: {
                projectId: SEED.projectId,
                instanceName: SEED.migratedCluster,
                snapshotId: SEED.migratedSnapshot,
            },
            env: { MONGODB_ATLAS_BASE_URL: emulator.url, MONGODB_ATLAS_ACCESS_TOKEN: accessToken },
        },
    );
    try {
        const { output, state, written } = await exercise(program);

        expectAbsent(output, [accessToken]);
        expectAbsent(state, [accessToken]);
        expectAbsent(written, [accessToken]);
    } finally {
        program.dispose();
    }
});

test("outputs of a snapshot whose id the user marked secret stay secret", async () => {
    const program = await PulumiProgram.create(
        "secret-input",
        {
            "index.ts": `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";
const snapshot = new ServerlessBackupSnapshot("hidden", {
    projectId: "${SEED.projectId}",
    instanceName: "${SEED.flexCluster}",
    snapshotId: pulumi.secret("${SEED.flexSnapshot}"),
});
export const snapshotId = snapshot.snapshotId;
export const status = snapshot.status;
`,
        },
        {
            config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
    try {
        const up = await program.up();
        expect(up.code).toBe(0);

        const outputs = JSON.parse((await program.mustRun(["stack", "output", "--json"])).stdout);
        expect(outputs.snapshotId).toBe("[secret]");
        expect(up.stdout).not.toContain(SEED.flexSnapshot);
        const state = await program.exportState();
        expect(state).not.toContain(SEED.flexSnapshot);
    } finally {
        program.dispose();
    }
});

const RUNNING = "6a721bebc2973a98f1546fc4";

test("a secret instance name is never printed: failing previews, wait progress, refresh warnings; the id cannot be traced to it", async () => {
    const secretName = SEED.flexCluster;
    const program = await PulumiProgram.create(
        "secret-name",
        {
            "index.ts": `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot, getServerlessBackupSnapshotOutput } from "pulumi-atlas-backup-snapshots";
const config = new pulumi.Config();
const args = {
    projectId: "${SEED.projectId}",
    instanceName: pulumi.secret("${secretName}"),
    snapshotId: "${RUNNING}",
    checks: config.getObject<{ status?: "completed"; maxAge?: string }>("checks"),
    waitFor: { status: "completed" as const, timeout: "2m", interval: "1s" },
};
const snapshot = new ServerlessBackupSnapshot("hidden", args);
export const status = snapshot.status;
export const viaGet = getServerlessBackupSnapshotOutput(args).apply((s) => s.status);
`,
        },
        {
            config: {
                "mongodbatlas:baseUrl": emulator.url,
                "mongodbatlas:clientId": SEED.clientId,
                checks: JSON.stringify({ status: "completed" }),
            },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
    try {
        emulator.setSnapshotStatus(SEED.projectId, secretName, RUNNING, "RUNNING");
        emulator.clearLog();
        const completeLater = setInterval(() => {
            if (emulator.requests().filter((r) => r.route === "flexSnapshot").length >= 4) {
                emulator.setSnapshotStatus(SEED.projectId, secretName, RUNNING, "COMPLETED");
            }
        }, 100);
        const up = await program.up();
        clearInterval(completeLater);
        expect(up.code).toBe(0);
        expect(up.stdout).toContain(`Waiting for snapshot ${RUNNING} of "[secret]"`);

        // Atlas reports the snapshot as running again: the refresh warns, then a stricter check fails the preview.
        emulator.setSnapshotStatus(SEED.projectId, secretName, RUNNING, "RUNNING");
        const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);
        await program.mustRun(["config", "set", "checks", JSON.stringify({ status: "completed", maxAge: "1m" })]);
        const failing = await program.preview();

        expect(failing.code).not.toBe(0);
        expect(failing.stdout + failing.stderr).toContain(`Snapshot ${RUNNING} of "[secret]" in project`);
        expect(refresh.code).toBe(0);
        expect(refresh.stdout).toMatch(
            /warning: Snapshot 6a721bebc2973a98f1546fc4 of "\[secret\]" .* failed its checks/,
        );
        for (const result of [up, failing, refresh]) {
            expect((result.stdout + result.stderr).includes(secretName)).toBe(false);
        }
        const state = JSON.parse(await program.exportState());
        const hidden = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::hidden"));
        expect(hidden.id).toBe("secret:snapshot:hidden");
        expect(JSON.stringify(state).includes(secretName)).toBe(false);
    } finally {
        emulator.setSnapshotStatus(SEED.projectId, secretName, RUNNING, "RUNNING");
        program.dispose();
    }
});

test("at the CLI's most verbose, a secret instance name shows only in the SDK's own debug log of read results, as the README says", async () => {
    const secretName = SEED.flexCluster;
    const program = await PulumiProgram.create(
        "secret-name-verbose",
        {
            "index.ts": `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";
const snapshot = new ServerlessBackupSnapshot("hidden", {
    projectId: "${SEED.projectId}",
    instanceName: pulumi.secret("${secretName}"),
    snapshotId: "${SEED.flexSnapshot}",
    checks: { maxAge: new pulumi.Config().get("maxAge") },
});
export const status = snapshot.status;
`,
        },
        {
            config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
    try {
        const passing = await program.preview(VERBOSE);
        await program.mustRun(["config", "set", "maxAge", "1m"]);
        const failing = await program.preview(VERBOSE);

        expect(passing.code).toBe(0);
        expect(failing.code).not.toBe(0);
        expect(failing.stdout + failing.stderr).toContain(`Snapshot ${SEED.flexSnapshot} of "[secret]" in project`);
        const showing = printed([passing, failing])
            .split("\n")
            .filter((line) => line.includes(secretName));
        expect(showing.length).toBeGreaterThan(0);
        for (const line of showing) {
            expect(line).toContain("ReadResource RPC finished: resource:hidden");
        }
        const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
        expect(readme).toContain("as `debug: ReadResource RPC finished: … resp: …`, every property in plain text");
    } finally {
        program.dispose();
    }
});
