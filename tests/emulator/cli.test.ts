// The atlas-snapshot-emulator command, run as users run it: the compiled dist/emulator/cli.js under node.
// The test command builds before jest runs; this suite does not build.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PROJECT_ID, SERVICE_ACCOUNT, basic, http } from "./support";

const CLI = resolve(__dirname, "../../dist/emulator/cli.js");
const LISTENING = /^Atlas emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

interface Finished {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

/** Runs the CLI to completion with the given arguments. */
function runToEnd(args: string[]): Promise<Finished> {
    return new Promise((done) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
    });
}

/** Starts the CLI and resolves with the process and its URL once it prints its listening line. */
function startCli(
    args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<Finished> }> {
    return new Promise((resolveStart, rejectStart) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const exited = new Promise<Finished>((done) =>
            child.on("close", (code, signal) => done({ code, signal, stdout, stderr })),
        );
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout?.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const match = LISTENING.exec(stdout.split("\n")[0]);
            if (match !== null && stdout.includes("\n"))
                resolveStart({ child, url: match[1], output: () => stdout, exited });
        });
        void exited.then((finished) => rejectStart(new Error(`CLI exited early: ${finished.stderr}`)));
    });
}

beforeAll(() => {
    if (!existsSync(CLI)) {
        throw new Error(`${CLI} does not exist: build first with \`npx tsc -p tsconfig.build.json\` (npm test does).`);
    }
});

describe("running", () => {
    test("prints exactly one listening line, serves Atlas, and exits 0 on SIGTERM", async () => {
        const { child, url, output, exited } = await startCli(["--port", "0"]);

        const token = await http(`${url}/api/oauth/token`, {
            method: "POST",
            headers: { Authorization: basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret) },
            body: "grant_type=client_credentials",
        });
        expect(token.status).toBe(200);
        expect((await http(`${url}/__emulator/log`)).json).toHaveLength(1);

        child.kill("SIGTERM");
        const finished = await exited;
        expect(finished.code).toBe(0);
        expect(output().split("\n")).toEqual([expect.stringMatching(LISTENING), ""]);
        expect(finished.stderr).toBe("");
    });

    test("exits 0 on SIGINT", async () => {
        const { child, exited } = await startCli([]);
        child.kill("SIGINT");
        expect((await exited).code).toBe(0);
    });

    test("--sunset and --seed change what it serves", async () => {
        const dir = await mkdtemp(join(tmpdir(), "emulator-cli-"));
        try {
            const seedFile = join(dir, "seed.json");
            await writeFile(
                seedFile,
                JSON.stringify({
                    credentials: { serviceAccounts: [{ clientId: "cli", clientSecret: "secret" }] },
                    projects: [{ id: PROJECT_ID, serverlessInstances: [{ name: "cli-instance" }] }],
                }),
            );
            const { child, url, exited } = await startCli(["--seed", seedFile, "--sunset", "410"]);
            try {
                const token = await http(`${url}/api/oauth/token`, {
                    method: "POST",
                    headers: { Authorization: basic("cli", "secret") },
                    body: "grant_type=client_credentials",
                });
                const answer = await http(
                    `${url}/api/atlas/v2/groups/${PROJECT_ID}/serverless/cli-instance/backup/snapshots`,
                    {
                        headers: { Authorization: `Bearer ${token.json.access_token}` },
                    },
                );
                expect(answer.status).toBe(410);
            } finally {
                child.kill("SIGTERM");
                await exited;
            }
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });
});

describe("mistakes", () => {
    test.each([
        [["--bogus"], /Unknown option '--bogus'/],
        [["--port", "abc"], /--port must be an integer from 0 to 65535, got abc/],
        [["--port", "70000"], /--port/],
        [["--sunset", "later"], /--sunset must be active, 404 or 410, got later/],
        [["--seed", "/nonexistent/seed.json"], /Cannot read seed file \/nonexistent\/seed\.json: ENOENT/],
        [["positional"], /positional/i],
    ])("%j exits 2 with one clear line on stderr and no stack", async (args, message) => {
        const finished = await runToEnd(args);
        expect(finished.code).toBe(2);
        expect(finished.stdout).toBe("");
        expect(finished.stderr).toMatch(message);
        expect(finished.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(finished.stderr).not.toMatch(/\n\s+at /);
    });

    test("an invalid seed file names the bad path and exits 2", async () => {
        const dir = await mkdtemp(join(tmpdir(), "emulator-cli-"));
        try {
            const seedFile = join(dir, "bad.json");
            await writeFile(seedFile, JSON.stringify({ credentials: {}, projects: [{ id: "nope" }] }));
            const finished = await runToEnd(["--seed", seedFile]);
            expect(finished.code).toBe(2);
            expect(finished.stderr).toMatch(/projects\[0\]\.id/);
            expect(finished.stderr.trimEnd().split("\n")).toHaveLength(1);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test("--help prints the usage and exits 0", async () => {
        const finished = await runToEnd(["--help"]);
        expect(finished.code).toBe(0);
        expect(finished.stdout).toMatch(/^Usage: atlas-snapshot-emulator/);
    });
});
