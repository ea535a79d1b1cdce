// The provider plugin under the real Pulumi CLI: the YAML, Go and Python examples run from their READMEs, with the
// plugin the installed package puts on PATH, against the emulator over HTTP; a Python program calls every function.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { getServerlessBackupSnapshot, getServerlessBackupSnapshots } from "../../provider/program/get";
import { getCloudBackupSnapshot, getCloudBackupSnapshots } from "../../provider/program/clusterGet";
import { PulumiProgram } from "../helpers/pulumi";
import { printed, runReadme, step } from "../helpers/readmeShell";
import type { ReadmeStep } from "../helpers/readmeShell";
import { SEED } from "./programs";

jest.setTimeout(1_200_000);

const EXAMPLES = path.resolve(__dirname, "../../examples");
const PLUGIN = "pulumi-resource-atlas-backup-snapshots";

/** The plugin executable as `npm install` linked it in the workspace. */
function installedPlugin(): string {
    return path.join(process.env.E2E_WORKSPACE as string, "node_modules", ".bin", PLUGIN);
}

/** The package's executables ahead of everything but the Pulumi CLI, as a global install puts them. */
function pathWithPlugin(): string {
    return [process.env.E2E_PULUMI_BIN, path.dirname(installedPlugin()), process.env.PATH].join(path.delimiter);
}

/** Runs `read` with the emulator's address and credentials in the environment, as the TypeScript functions read them. */
async function withEmulator<T>(emulator: AtlasEmulator, read: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, {
        MONGODB_ATLAS_BASE_URL: emulator.url,
        MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
    });
    try {
        return await read();
    } finally {
        process.env = saved;
    }
}

/** The message the TypeScript function gives for the README's failing check, read from the same emulator. */
async function typescriptMessage(emulator: AtlasEmulator): Promise<string> {
    try {
        await withEmulator(emulator, () =>
            getServerlessBackupSnapshot({
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                snapshotId: SEED.completedSnapshot,
                checks: { status: "completed", minTimeToExpiry: "60d" },
            }),
        );
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error("the TypeScript function read the snapshot although it expires within 60 days");
}

/** A message with the time left, counted from each read's own clock, taken out. */
function withoutTimeLeft(message: string): string {
    return message.replace(/expires in [^(]+\(/, "expires in … (");
}

/** The outputs a preview printed, as `name: value` text. */
function previewOutputs(text: string): string {
    return text.slice(text.indexOf("Outputs:"));
}

/** The checks every language's run must pass, on the run of one example's README. */
function describeExampleRun(example: "yaml" | "go" | "python", language: string) {
    describe(`a Pulumi ${language} program (examples/${example}), run from its README`, () => {
        let program: PulumiProgram;
        let steps: ReadmeStep[];
        let emulator: AtlasEmulator;
        /** The variables the README exported: its passphrase, backend and credentials. */
        let readmeEnv: NodeJS.ProcessEnv;

        beforeAll(async () => {
            program = PulumiProgram.copy(`${example}-program`, path.join(EXAMPLES, example), {
                env: { PATH: pathWithPlugin() },
            });
            const run = await runReadme(program, path.join(program.dir, "README.md"), { timeoutMs: 900_000 });
            steps = run.steps;
            emulator = run.emulator as AtlasEmulator;
            readmeEnv = run.env;
            for (const { line, result } of steps) {
                console.log(`examples/${example}: ${line} (${(result.ms / 1000).toFixed(1)} s)`);
            }
        });
        afterAll(async () => {
            await emulator?.close();
            program?.dispose();
        });

        test("the CLI takes the plugin the installed package put on PATH", () => {
            const preview = printed(steps, "pulumi preview", 0);

            expect(preview).toContain(`using ${PLUGIN} from $PATH at ${installedPlugin()}`);
        });

        test("preview already shows the status, expiry and size read from Atlas", () => {
            const outputs = previewOutputs(printed(steps, "pulumi preview", 0));

            expect(outputs).toMatch(/status\s*:\s*"completed"/);
            expect(outputs).toMatch(/expiresAt\s*:\s*"20\d\d-\d\d-\d\dT/);
            expect(outputs).toMatch(/storageSizeBytes\s*:\s*73400320/);
            expect(outputs).toMatch(/source\s*:\s*"serverless"/);
            expect(outputs).toMatch(/snapshotCount\s*:\s*5/);
        });

        test("up puts them in the stack outputs", async () => {
            const shown = await program.mustRun(["stack", "output", "--json", "--show-secrets"], readmeEnv);
            const outputs = JSON.parse(shown.stdout);

            expect(outputs).toMatchObject({
                status: "completed",
                storageSizeBytes: 73400320,
                source: "serverless",
                newestCompleted: SEED.completedSnapshot,
                snapshotCount: 5,
            });
            expect(Date.parse(outputs.expiresAt as string)).toBeGreaterThan(Date.now());
        });

        test("a failed check fails the preview with the TypeScript function's message", async () => {
            const text = printed(steps, "pulumi preview", 1);
            const expected = await typescriptMessage(emulator);

            expect(step(steps, "pulumi preview", 1).result.code).not.toBe(0);
            expect(expected).toContain("less than the 60d required");
            expect(withoutTimeLeft(text)).toContain(withoutTimeLeft(expected));
            expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
        });

        test("the plugin only reads: GETs to Atlas and the service account's token request", () => {
            const requests = emulator.requests();
            const reads = requests.filter((r) => r.method === "GET");
            const tokens = requests.filter((r) => r.route === "token");

            expect(reads.filter((r) => r.status === 200).length).toBeGreaterThan(0);
            expect(tokens.every((r) => r.method === "POST")).toBe(true);
            expect(requests.filter((r) => r.method !== "GET" && r.route !== "token")).toEqual([]);
            console.log(
                `examples/${example}: Atlas saw ${requests.length} requests: ` +
                    Object.entries(
                        requests.reduce<Record<string, number>>((counts, r) => {
                            const key = `${r.method} ${r.route} ${r.status}`;
                            counts[key] = (counts[key] ?? 0) + 1;
                            return counts;
                        }, {}),
                    )
                        .map(([key, count]) => `${count} × ${key}`)
                        .join(", "),
            );
        });

        test("no credential or token appears in the state, even with secrets shown", async () => {
            const exported = (await program.mustRun(["stack", "export"], readmeEnv)).stdout;
            const decrypted = (await program.mustRun(["stack", "export", "--show-secrets"], readmeEnv)).stdout;

            for (const secret of [SEED.clientSecret, SEED.clientId, ...emulator.issuedTokens()]) {
                expect(exported).not.toContain(secret);
                expect(decrypted).not.toContain(secret);
            }
            expect(emulator.issuedTokens().length).toBeGreaterThan(0);
        });
    });
}

describeExampleRun("yaml", "YAML");
describeExampleRun("go", "Go");
describeExampleRun("python", "Python");

describe("the plugin's schema", () => {
    test("pulumi package get-schema prints it from the installed executable", async () => {
        const program = PulumiProgram.copy("schema", path.join(EXAMPLES, "yaml"), { env: { PATH: pathWithPlugin() } });
        try {
            const result = await program.mustRun(["package", "get-schema", installedPlugin()]);
            const schema = JSON.parse(result.stdout);

            expect(schema.name).toBe("atlas-backup-snapshots");
            expect(Object.keys(schema.functions).sort()).toEqual([
                "atlas-backup-snapshots:index:getCloudBackupSnapshot",
                "atlas-backup-snapshots:index:getCloudBackupSnapshots",
                "atlas-backup-snapshots:index:getServerlessBackupSnapshot",
                "atlas-backup-snapshots:index:getServerlessBackupSnapshots",
            ]);
            // The plugin's own config, secret where it holds a secret, so generated SDKs and `pulumi config` know it.
            expect(Object.keys(schema.config.variables).sort()).toEqual([
                "accessToken",
                "baseUrl",
                "clientId",
                "clientSecret",
                "isMongodbgovCloud",
                "privateKey",
                "publicKey",
            ]);
            expect(schema.config.variables.clientSecret.secret).toBe(true);
            expect(schema.version).toBe(
                JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).version,
            );
        } finally {
            program.dispose();
        }
    });
});

/** A YAML program reading a Flex snapshot (no size) and a serverless one still being taken (no expiry yet). */
const ABSENT_FIELDS_YAML = `name: absent-fields-yaml
runtime: yaml
variables:
    flex:
        fn::invoke:
            function: atlas-backup-snapshots:index:getServerlessBackupSnapshot
            arguments:
                projectId: ${SEED.projectId}
                instanceName: ${SEED.flexCluster}
                snapshotId: ${SEED.flexSnapshot}
    running:
        fn::invoke:
            function: atlas-backup-snapshots:index:getServerlessBackupSnapshot
            arguments:
                projectId: ${SEED.projectId}
                instanceName: ${SEED.serverlessInstance}
                snapshotId: ${SEED.inProgressSnapshot}
outputs:
    flexSize: \${flex.storageSizeBytes}
    runningExpiry: \${running.expiresAt}
    flexExpiry: \${flex.expiresAt}
    label: size \${flex.storageSizeBytes}
`;

describe("a field Atlas did not send, read by a YAML program through the plugin", () => {
    test("is null: left out of the stack outputs, <nil> inside text, and the next preview expects no change", async () => {
        const emulator = await startEmulator();
        const source = fs.mkdtempSync(path.join(process.env.E2E_WORKSPACE as string, "absent-yaml-source-"));
        fs.writeFileSync(path.join(source, "Pulumi.yaml"), ABSENT_FIELDS_YAML);
        const program = PulumiProgram.copy("absent-yaml", source, {
            env: {
                PATH: pathWithPlugin(),
                MONGODB_ATLAS_BASE_URL: emulator.url,
                MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
                MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
            },
        });
        try {
            await program.mustRun(["stack", "init", program.stack, "--non-interactive"]);
            await program.mustRun(["up", "--yes", "--non-interactive"]);

            const outputs = await program.outputs();
            expect(Object.keys(outputs).sort()).toEqual(["flexExpiry", "label"]);
            expect(outputs.label).toBe("size <nil>");
            expect(Date.parse(outputs.flexExpiry as string)).toBeGreaterThan(Date.now());

            const quiet = await program.preview(["--expect-no-changes", "--diff"]);
            expect(quiet.stdout).not.toContain("[unknown]");
            expect(quiet.code).toBe(0);
        } finally {
            program.dispose();
            fs.rmSync(source, { recursive: true, force: true });
            await emulator.close();
        }
    });
});

/** Runs a shell line in `dir`; fails with what it printed when it exits non-zero. */
function shell(line: string, dir: string, env: NodeJS.ProcessEnv): Promise<number> {
    const started = Date.now();
    return new Promise((resolve, reject) =>
        execFile(
            "bash",
            ["--norc", "-c", line],
            { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) =>
                error ? reject(new Error(`"${line}" failed\n${stdout}${stderr}`)) : resolve(Date.now() - started),
        ),
    );
}

/** A result as JSON keeps it: fields the TypeScript function left undefined are absent, as in the Python export. */
function asJson(value: unknown): unknown {
    return JSON.parse(JSON.stringify(value));
}

describe("a Python program calling every function of the schema through the generated SDK", () => {
    let emulator: AtlasEmulator;
    let program: PulumiProgram;
    /** The program's virtual environment, activated. */
    let venv: NodeJS.ProcessEnv;
    let outputs: Record<string, unknown>;

    beforeAll(async () => {
        emulator = await startEmulator();
        program = PulumiProgram.copy("every-function-python", path.join(__dirname, "everyFunctionPython"), {
            env: {
                PATH: pathWithPlugin(),
                MONGODB_ATLAS_BASE_URL: emulator.url,
                MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
                MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
            },
        });
        const root = path.resolve(__dirname, "../..");
        for (const line of [
            `bash ${root}/scripts/gen-python-sdk.sh "$(command -v ${PLUGIN})" sdk`,
            "python3 -m venv venv",
            "venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt",
        ]) {
            const ms = await shell(line, program.dir, program.env);
            console.log(`every-function-python: ${line} (${(ms / 1000).toFixed(1)} s)`);
        }
        const bin = path.join(program.dir, "venv", "bin");
        venv = { VIRTUAL_ENV: path.join(program.dir, "venv"), PATH: `${bin}${path.delimiter}${program.env.PATH}` };
        await program.mustRun(["stack", "init", program.stack, "--non-interactive"], venv);
        await program.mustRun(["config", "set", "projectId", SEED.projectId], venv);
        await program.mustRun(["up", "--yes", "--non-interactive"], venv);
        outputs = JSON.parse((await program.mustRun(["stack", "output", "--json", "--show-secrets"], venv)).stdout);
    });
    afterAll(async () => {
        await emulator?.close();
        program?.dispose();
    });

    test("getServerlessBackupSnapshot reads what the TypeScript function reads: by id, newest, Flex", async () => {
        const [one, newest, flex] = await withEmulator(emulator, () =>
            Promise.all([
                getServerlessBackupSnapshot({
                    projectId: SEED.projectId,
                    instanceName: SEED.serverlessInstance,
                    snapshotId: SEED.completedSnapshot,
                    api: "auto",
                    checks: { status: ["completed", "inProgress"], minTimeToExpiry: "7d" },
                }),
                getServerlessBackupSnapshot({
                    projectId: SEED.projectId,
                    instanceName: SEED.serverlessInstance,
                    checks: { status: "completed", minTimeToExpiry: "1d" },
                }),
                getServerlessBackupSnapshot({
                    projectId: SEED.projectId,
                    instanceName: SEED.flexCluster,
                    snapshotId: SEED.flexSnapshot,
                    api: "flex",
                }),
            ]),
        );

        expect(outputs.one).toEqual(asJson(one));
        expect(outputs.newest).toEqual(asJson(newest));
        expect(outputs.flex).toEqual(asJson(flex));
        expect(outputs.one).toMatchObject({ storageSizeBytes: 73400320, source: "serverless" });
        expect(outputs.flex).toMatchObject({ source: "flex" });
        expect(outputs.flex).not.toHaveProperty("storageSizeBytes");
    });

    test("getServerlessBackupSnapshots lists what the TypeScript function lists", async () => {
        const listed = await withEmulator(emulator, () =>
            getServerlessBackupSnapshots({
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                api: "serverless",
                status: ["completed", "inProgress"],
                maxAge: "3650d",
            }),
        );

        expect(outputs.listed).toEqual(asJson(listed));
        expect(listed.snapshots.length).toBeGreaterThan(1);
    });

    test("the output forms take outputs as arguments, and a secret argument keeps the result secret", async () => {
        const [one, listed] = await withEmulator(emulator, () =>
            Promise.all([
                getServerlessBackupSnapshot({
                    projectId: SEED.projectId,
                    instanceName: SEED.serverlessInstance,
                    snapshotId: SEED.completedSnapshot,
                    checks: { status: "completed" },
                }),
                getServerlessBackupSnapshots({ projectId: SEED.projectId, instanceName: SEED.flexCluster }),
            ]),
        );
        const shown = JSON.parse((await program.mustRun(["stack", "output", "--json"], venv)).stdout);

        expect(outputs.oneOutput).toEqual(asJson(one));
        expect(outputs.listedOutput).toEqual(asJson(listed));
        expect(shown.oneOutput).toBe("[secret]");
        expect(shown.listedOutput).not.toBe("[secret]");
    });

    test("getCloudBackupSnapshot(s) read what the TypeScript functions read: newest, sharded by id, the list", async () => {
        const [newest, sharded, listed, listedLedger] = await withEmulator(emulator, () =>
            Promise.all([
                getCloudBackupSnapshot({
                    projectId: SEED.projectId,
                    clusterName: "analytics",
                    checks: { status: "completed", maxAge: "1d" },
                }),
                getCloudBackupSnapshot({
                    projectId: SEED.projectId,
                    clusterName: "ledger",
                    snapshotId: "6b2c1e0a9f3d4b5a6c7d8f10",
                }),
                getCloudBackupSnapshots({ projectId: SEED.projectId, clusterName: "analytics", status: "completed" }),
                getCloudBackupSnapshots({ projectId: SEED.projectId, clusterName: "ledger" }),
            ]),
        );
        const shown = JSON.parse((await program.mustRun(["stack", "output", "--json"], venv)).stdout);

        expect(outputs.clusterNewest).toEqual(asJson(newest));
        expect(outputs.clusterSharded).toEqual(asJson(sharded));
        expect(outputs.clusterListed).toEqual(asJson(listed));
        expect(outputs.clusterOutput).toEqual(asJson(sharded));
        expect(outputs.clusterListedOutput).toEqual(asJson(listedLedger));
        expect(outputs.clusterSharded).toMatchObject({ type: "shardedCluster", configServerType: "EMBEDDED" });
        expect(shown.clusterOutput).toBe("[secret]");
    });
});
