// ServerlessBackupSnapshot under the real Pulumi CLI, installed from `npm pack`, against the emulator over HTTP.
import { PulumiProgram } from "../helpers/pulumi";
import { BAD_INPUT_PROGRAM, SEED, SNAPSHOT_PROGRAM, UNKNOWN_INPUT_PROGRAM } from "./programs";
import { readStepValue } from "../../provider/snapshots/outputs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(240_000);

useEmulator({}, { clearBeforeEach: false });

/** Stack config for a program reading `snapshotId` of `instanceName` through a service account. */
function serviceAccountConfig(extra: Record<string, string> = {}) {
    return {
        config: {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: SEED.completedSnapshot,
            "mongodbatlas:baseUrl": emulator.url,
            "mongodbatlas:clientId": SEED.clientId,
            ...extra,
        },
        secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
    };
}

/** Every secret the tests handle: configured credentials and every token the emulator issued. */
function secrets(): string[] {
    return [SEED.clientSecret, SEED.privateKey, ...emulator.issuedTokens()];
}

function expectNoSecrets(text: string): void {
    for (const secret of secrets()) {
        expect(text).not.toContain(secret);
    }
}

function expectNoStackTrace(text: string): void {
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}

describe("a serverless snapshot read through a service account", () => {
    let program: PulumiProgram;

    beforeAll(async () => {
        program = await PulumiProgram.create("snapshot", { "index.ts": SNAPSHOT_PROGRAM }, serviceAccountConfig());
    });
    afterAll(() => program.dispose());

    test("preview already shows the status, expiry and size read from Atlas", async () => {
        emulator.clearLog();

        const preview = await program.preview();

        expect(preview.code).toBe(0);
        expect(preview.stdout).toMatch(/read\s+pulumi-nodejs:dynamic\/atlas:ServerlessBackupSnapshot\s+nightly/);
        expect(preview.stdout).toMatch(/status\s*:\s*"completed"/);
        expect(preview.stdout).toMatch(/storageSizeBytes\s*:\s*73400320/);
        expect(preview.stdout).toMatch(/source\s*:\s*"serverless"/);
        expect(preview.stdout).toMatch(/expiresAt\s*:\s*"20\d\d-\d\d-\d\dT/);
        expect(emulator.requests().filter((r) => r.route === "serverlessSnapshot" && r.status === 200).length).toBe(
            2, // the resource's read in the provider process and the get function in the program
        );
    });

    test("up records the outputs as stack outputs and passes them into another resource", async () => {
        const up = await program.up();

        expect(up.code).toBe(0);
        const outputs = await program.outputs();
        expect(outputs).toMatchObject({
            status: "completed",
            rawStatus: "completed",
            storageSizeBytes: 73400320,
            mongodVersion: "8.0.17",
            source: "serverless",
            resourceId: `${SEED.projectId}/${SEED.serverlessInstance}/${SEED.completedSnapshot}`,
            planSummary: `${SEED.completedSnapshot} completed`,
            viaGet: { status: "completed", source: "serverless" },
        });
        expectNoSecrets(up.stdout + up.stderr);
    });

    test("auto asks Flex first and falls back to the serverless endpoint for a serverless instance", () => {
        const paths = emulator
            .requests()
            .filter((r) => r.route === "flexSnapshot" || r.route === "serverlessSnapshot")
            .map((r) => `${r.route} ${r.status}`);

        expect(paths).toContain("flexSnapshot 400");
        expect(paths).toContain("serverlessSnapshot 200");
        expect(paths.indexOf("flexSnapshot 400")).toBeLessThan(paths.indexOf("serverlessSnapshot 200"));
    });

    test("refresh re-reads the snapshot and records what changed in Atlas", async () => {
        emulator.setSnapshotStatus(SEED.projectId, SEED.serverlessInstance, SEED.completedSnapshot, "failed");
        try {
            const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--skip-preview"]);

            expect(refresh.code).toBe(0);
            const state = JSON.parse(await program.exportState());
            const resource = state.deployment.resources.find((r: { urn: string }) =>
                r.urn.endsWith("ServerlessBackupSnapshot::nightly"),
            );
            expect(readStepValue(resource.outputs.snapshot)?.status).toBe("failed");
        } finally {
            emulator.setSnapshotStatus(SEED.projectId, SEED.serverlessInstance, SEED.completedSnapshot, "completed");
        }
    });

    test("a failing check fails the preview with a message naming the snapshot, the check and the value", async () => {
        await program.mustRun(["config", "set", "checks", JSON.stringify({ minTimeToExpiry: "60d" })]);
        try {
            const preview = await program.preview();

            expect(preview.code).not.toBe(0);
            const text = preview.stdout + preview.stderr;
            expect(text).toContain(`Snapshot ${SEED.completedSnapshot} of "orders" in project ${SEED.projectId}`);
            expect(text).toContain("less than the 60d required");
            expectNoStackTrace(text);
            expectNoSecrets(text);
        } finally {
            await program.mustRun(["config", "rm", "checks"]);
        }
    });

    test("the state holds no credential or token, and a small serialized provider", async () => {
        const exported = await program.exportState();
        const decrypted = JSON.parse(await program.exportState(true));

        expectNoSecrets(exported);
        // Decrypted, the state shows the user's own secret config (the engine keeps the stack config as the
        // default provider's inputs); what the data source wrote holds none, and no token appears anywhere.
        const written = decrypted.deployment.resources.filter((r: { type: string }) => !r.type.startsWith("pulumi:"));
        expectNoSecrets(JSON.stringify(written));
        for (const token of emulator.issuedTokens()) {
            expect(JSON.stringify(decrypted)).not.toContain(token);
        }
        const resource = written.find((r: { urn: string }) => r.urn.endsWith("ServerlessBackupSnapshot::nightly"));
        const provider: string = resource.outputs.__provider;
        expect(provider.length).toBeLessThan(4096);
        expect(provider).toContain("pulumi-atlas-backup-snapshots/runtime");
        expect(provider).not.toContain("axios");
    });

    test("destroy forgets the snapshot without a request to Atlas, and nothing but reads ever reached it", async () => {
        const seenBefore = emulator.requests();
        emulator.clearLog();

        const destroy = await program.run(["destroy", "--yes", "--non-interactive", "--skip-preview"]);

        expect(destroy.code).toBe(0);
        expect(emulator.requests()).toEqual([]);
        const methods = new Set(seenBefore.map((r) => `${r.method} ${r.route}`));
        for (const entry of methods) {
            expect(["GET serverlessSnapshot", "GET flexSnapshot", "POST token"]).toContain(entry);
        }
    });

    test("a preview fetches at most one token per process: the provider's and the program's", async () => {
        const before = emulator.issuedTokens().length;

        const preview = await program.preview();

        expect(preview.code).toBe(0);
        const fetched = emulator.issuedTokens().length - before;
        expect(fetched).toBeGreaterThanOrEqual(1);
        expect(fetched).toBeLessThanOrEqual(2);
    });
});

describe("reading through an API key from the environment", () => {
    test("a Flex cluster is read through the Flex endpoint with HTTP Digest", async () => {
        const program = await PulumiProgram.create(
            "flex",
            { "index.ts": SNAPSHOT_PROGRAM },
            {
                config: {
                    projectId: SEED.projectId,
                    instanceName: SEED.flexCluster,
                    snapshotId: SEED.flexSnapshot,
                    api: "flex",
                    checks: JSON.stringify({ status: ["completed"] }),
                },
                env: {
                    MONGODB_ATLAS_BASE_URL: emulator.url,
                    MONGODB_ATLAS_PUBLIC_API_KEY: SEED.publicKey,
                    MONGODB_ATLAS_PRIVATE_API_KEY: SEED.privateKey,
                },
            },
        );
        try {
            emulator.clearLog();
            const up = await program.up();

            expect(up.code).toBe(0);
            const outputs = await program.outputs();
            expect(outputs).toMatchObject({ status: "completed", rawStatus: "COMPLETED", source: "flex" });
            expect(outputs.storageSizeBytes).toBeUndefined();
            const schemes = new Set(emulator.requests().map((r) => r.authScheme));
            expect([...schemes].sort()).toEqual(expect.arrayContaining(["digest"]));
            expect(emulator.requests().every((r) => r.route === "flexSnapshot")).toBe(true);
            expectNoSecrets(up.stdout + up.stderr + (await program.exportState(true)));
        } finally {
            program.dispose();
        }
    });
});

describe("inputs and bad input", () => {
    test("inputs unknown during preview leave the outputs unknown, and up reads them", async () => {
        const program = await PulumiProgram.create(
            "unknown",
            { "index.ts": UNKNOWN_INPUT_PROGRAM },
            serviceAccountConfig(),
        );
        try {
            const preview = await program.preview(["--json"]);
            expect(preview.code).toBe(0);

            const up = await program.up();
            expect(up.code).toBe(0);
            expect((await program.outputs()).status).toBe("completed");
        } finally {
            program.dispose();
        }
    });

    test("a malformed snapshot id fails the preview before any request, naming the argument and the form", async () => {
        const program = await PulumiProgram.create("bad", { "index.ts": BAD_INPUT_PROGRAM }, serviceAccountConfig());
        try {
            emulator.clearLog();
            const preview = await program.preview();

            expect(preview.code).not.toBe(0);
            const text = preview.stdout + preview.stderr;
            expect(text).toContain('Invalid snapshotId: "5F4E3D2C1B0A998877665544"');
            expect(text).toContain("24 lowercase hexadecimal characters");
            expectNoStackTrace(text);
            expect(emulator.requests()).toEqual([]);
        } finally {
            program.dispose();
        }
    });
});
