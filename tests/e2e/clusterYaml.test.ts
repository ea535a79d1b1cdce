// examples/cluster-gate-yaml run from its README under the real CLI, the plugin from the installed package on PATH:
// a Pulumi YAML program reads a dedicated cluster's snapshots with its credentials only in the stack's config, in the
// plugin's own namespace (the environment has no MONGODB_ATLAS_* variable), through preview, up, refresh and a gate.
import * as path from "path";
import type { AtlasEmulator } from "../../emulator";
import { PulumiProgram } from "../helpers/pulumi";
import { printed, runReadme, step } from "../helpers/readmeShell";
import type { ReadmeStep } from "../helpers/readmeShell";
import { SEED } from "./programs";

jest.setTimeout(900_000);

const EXAMPLE = path.resolve(__dirname, "../../examples/cluster-gate-yaml");
const PLUGIN = "pulumi-resource-atlas-backup-snapshots";
const installedPlugin = () => path.join(process.env.E2E_WORKSPACE as string, "node_modules", ".bin", PLUGIN);

let program: PulumiProgram;
let steps: ReadmeStep[];
let emulator: AtlasEmulator;
let readmeEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
    const PATH = [process.env.E2E_PULUMI_BIN, path.dirname(installedPlugin()), process.env.PATH].join(path.delimiter);
    program = PulumiProgram.copy("cluster-gate-yaml", EXAMPLE, { env: { PATH } });
    expect(Object.keys(program.env).filter((name) => name.startsWith("MONGODB_ATLAS_"))).toEqual([]);
    const run = await runReadme(program, path.join(program.dir, "README.md"), { timeoutMs: 600_000 });
    steps = run.steps;
    emulator = run.emulator as AtlasEmulator;
    readmeEnv = run.env;
});
afterAll(async () => {
    await emulator?.close();
    program?.dispose();
});

test("the credentials come from the stack's config alone: the README exports none", () => {
    expect(Object.keys(readmeEnv).filter((name) => name.startsWith("MONGODB_ATLAS_"))).toEqual([]);
    expect(emulator.requests().filter((r) => r.route === "token").length).toBeGreaterThan(0);
});

test("preview shows the newest completed snapshot of the replica set; up records it", async () => {
    expect(printed(steps, "pulumi preview", 0)).toMatch(/backupId\s*:\s*"6b2c1e0a9f3d4b5a6c7d8e01"/);
    const outputs = JSON.parse((await program.mustRun(["stack", "output", "--json"], readmeEnv)).stdout);

    expect(outputs).toMatchObject({
        backupId: "6b2c1e0a9f3d4b5a6c7d8e01",
        backupType: "replicaSet",
        backupSizeBytes: 2147483648,
        completedCount: 5,
    });
    expect(step(steps, "pulumi refresh --yes").result.code).toBe(0);
});

test("the sharded cluster's 30-hour-old backup stops the preview with the TypeScript package's message", () => {
    const text = printed(steps, "pulumi preview", 1);

    expect(step(steps, "pulumi preview", 1).result.code).not.toBe(0);
    expect(text).toContain(
        'Snapshot 6b2c1e0a9f3d4b5a6c7d8f10 of "ledger" in project 32b6e34b3d91647abb20e7b8 failed its checks: it is 1d 6h old',
    );
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
});

test("the secret stays in the config: neither the state nor the output holds it in the clear", async () => {
    const exported = (await program.mustRun(["stack", "export"], readmeEnv)).stdout;
    const everything = steps.map(({ result }) => result.stdout + result.stderr).join("\n");

    for (const secret of [SEED.clientSecret, ...emulator.issuedTokens()]) {
        expect(exported).not.toContain(secret);
        expect(everything).not.toContain(secret);
    }
});

test("the plugin reads dedicated clusters from the cluster API only", () => {
    const routes = new Set(emulator.requests().map((r) => r.route));

    expect([...routes].filter((route) => route !== "token").sort()).toEqual(
        expect.arrayContaining(["clusterSnapshots"]),
    );
    expect(routes.has("flexSnapshots")).toBe(false);
});
