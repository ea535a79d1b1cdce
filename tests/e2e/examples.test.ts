// Every example runs from its README's commands, under the real CLI, against the emulator: the `pulumi` and
// `curl` lines are run as written (the emulator's address substituted), the emulator lines start the emulator.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadSeedFile, startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { PulumiProgram } from "../helpers/pulumi";
import type { CliResult } from "../helpers/pulumi";

jest.setTimeout(600_000);

const EXAMPLES = path.resolve(__dirname, "../../examples");
const README_URL = "http://127.0.0.1:8080";

/** Splits a shell line into words, honouring single and double quotes. */
function words(line: string): string[] {
    const out: string[] = [];
    const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
    for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
        out.push(match[1] ?? match[2] ?? match[3]);
    }
    return out;
}

/** The command lines of the README's "Run it" block. */
function readmeCommands(example: string): string[] {
    const readme = fs.readFileSync(path.join(EXAMPLES, example, "README.md"), "utf8");
    const block = /## Run it[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme);
    if (!block) {
        throw new Error(`examples/${example}/README.md has no "## Run it" sh block`);
    }
    return block[1].split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}

interface Step {
    line: string;
    result: CliResult;
}

/** Runs an example's README in a copy of its folder and returns what each command printed. */
async function runReadme(example: string): Promise<{ program: PulumiProgram; steps: Step[] }> {
    const program = PulumiProgram.copy(example, path.join(EXAMPLES, example));
    const steps: Step[] = [];
    let emulator: AtlasEmulator | undefined;
    let port = 0;
    try {
        for (const raw of readmeCommands(example)) {
            const [command, comment] = raw.split(/\s+#\s+/);
            const expectFailure = comment?.includes("exits non-zero") ?? false;
            const line = command.trim();
            const emulatorStart = /npx atlas-snapshot-emulator(.*)&$/.exec(line);
            if (emulatorStart) {
                const seedFlag = /--seed (\S+)/.exec(emulatorStart[1]);
                await emulator?.close();
                emulator = await startEmulator({
                    port,
                    ...(seedFlag ? { seed: loadSeedFile(path.join(program.dir, seedFlag[1])) } : {}),
                });
                port = emulator.port;
                continue;
            }
            if (line.startsWith("npm ") || line.startsWith("export ")) {
                continue; // the workspace has the package installed; the harness sets the same variables
            }
            const args = words(line.replaceAll(README_URL, emulator?.url ?? README_URL));
            let result: CliResult;
            if (args[0] === "pulumi") {
                result = await program.run(args.slice(1));
            } else if (args[0] === "curl") {
                result = await new Promise((resolve) =>
                    execFile("curl", ["-sS", "--fail", ...args.slice(1)], (error, stdout, stderr) =>
                        resolve({ code: error ? 1 : 0, stdout, stderr, ms: 0 }),
                    ),
                );
            } else {
                throw new Error(`examples/${example}/README.md: the harness cannot run "${line}"`);
            }
            steps.push({ line, result });
            if (expectFailure ? result.code === 0 : result.code !== 0) {
                throw new Error(
                    `examples/${example}: "${line}" exited ${result.code}, expected ${expectFailure ? "non-zero" : "0"}\n` +
                        result.stdout +
                        result.stderr,
                );
            }
        }
        return { program, steps };
    } finally {
        await emulator?.close();
    }
}

function printed(steps: Step[], start: string, nth = 0): string {
    const step = steps.filter((s) => s.line.startsWith(start))[nth];
    if (!step) {
        throw new Error(`no step starting with "${start}" (#${nth})`);
    }
    return step.result.stdout + step.result.stderr;
}

test("quickstart: one snapshot's status, expiry and size as stack outputs", async () => {
    const { program, steps } = await runReadme("quickstart");
    try {
        expect(printed(steps, "pulumi preview")).toMatch(/status\s*:\s*"completed"/);
        const outputs = await program.outputs();
        expect(outputs).toMatchObject({ status: "completed", storageSizeBytes: 73400320, source: "serverless" });
    } finally {
        program.dispose();
    }
});

test("feed-other-resources: a newer snapshot shows in the preview of the plan that uses it", async () => {
    const { program, steps } = await runReadme("feed-other-resources");
    try {
        const diff = printed(steps, "pulumi preview --diff");
        expect(diff).toMatch(/~ snapshotId\s*:\s*"5f4e3d2c1b0a998877665544" => "5f4e3d2c1b0a998877665546"/);
        expect(printed(steps, "pulumi stack output restoreFrom").trim()).toBe("5f4e3d2c1b0a998877665546");
        const plan = JSON.parse(fs.readFileSync(path.join(program.dir, "restore-plan.json"), "utf8"));
        expect(plan.restoreFrom.snapshotId).toBe("5f4e3d2c1b0a998877665546");
    } finally {
        program.dispose();
    }
});

test("preview-gate: the deployment proceeds only with a fresh backup kept a week more", async () => {
    const { program, steps } = await runReadme("preview-gate");
    try {
        expect(printed(steps, "pulumi preview", 0)).toMatch(
            /\+\s+pulumi-nodejs:dynamic:Resource\s+orders-schema-v42\s+create/,
        );
        const gate = printed(steps, "pulumi preview", 1);
        expect(gate).toContain(
            'Snapshot 6a7944f22c88faeba59d3572 of "inventory" in project 32b6e34b3d91647abb20e7b8 failed its checks',
        );
        expect(gate).toContain("less than the 7d required");
        const state = JSON.parse(await program.exportState());
        const types = (state.deployment.resources ?? []).map((r: { urn: string }) => r.urn);
        expect(types.some((urn: string) => urn.endsWith("orders-schema-v42"))).toBe(false);
    } finally {
        program.dispose();
    }
});

test("policy: a policy pack rejects a stack whose snapshot is not completed", async () => {
    const { program, steps } = await runReadme("policy");
    try {
        expect(printed(steps, "pulumi preview --policy-pack", 0)).not.toMatch(/❌/);
        const rejected = printed(steps, "pulumi preview --policy-pack", 1);
        expect(rejected).toMatch(/\[mandatory\]\s+snapshots-completed/);
        expect(rejected).toContain("Stack output releaseBackupSnapshotStatus is inProgress, not completed.");
    } finally {
        program.dispose();
    }
});

test("migrate-from-serverless: the same program, and source changes from serverless to flex", async () => {
    const { program, steps } = await runReadme("migrate-from-serverless");
    try {
        expect(printed(steps, "pulumi stack output source", 0).trim()).toBe("serverless");
        expect(printed(steps, "pulumi preview --diff")).toMatch(/~ source\s*:\s*"serverless" => "flex"/);
        expect(printed(steps, "pulumi stack output source", 1).trim()).toBe("flex");
        expect(await program.outputs()).toMatchObject({ status: "completed", rawStatus: "COMPLETED" });
    } finally {
        program.dispose();
    }
});

test("cluster-gate: the change to a dedicated cluster proceeds only with a backup under a day old", async () => {
    const { program, steps } = await runReadme("cluster-gate");
    try {
        expect(printed(steps, "pulumi preview", 0)).toMatch(
            /\+\s+pulumi-nodejs:dynamic:Resource\s+resize-to-m40\s+create/,
        );
        const gate = printed(steps, "pulumi preview", 1);
        expect(gate).toContain(
            'Snapshot 6b2c1e0a9f3d4b5a6c7d8f10 of "ledger" in project 32b6e34b3d91647abb20e7b8 failed its checks',
        );
        expect(gate).toContain("older than the 1d allowed");
        // The up before the gate applied the change with analytics' backup; the failed up applied nothing more.
        const outputs = await program.outputs();
        expect(outputs).toMatchObject({
            backupId: "6b2c1e0a9f3d4b5a6c7d8e01",
            backupType: "replicaSet",
            changedWithBackup: "6b2c1e0a9f3d4b5a6c7d8e01",
        });
        expect(printed(steps, "pulumi up --yes", 1)).toContain("failed its checks");
    } finally {
        program.dispose();
    }
});
