// Runs the "Run it" block of an example's README in a copy of the example, line by line, as a shell would: the
// emulator line starts an emulator in the test's process (its address replaces the README's), `export` lines
// set variables for the lines after them (`$PWD` and the variables already set expanded), `npm` lines are left out (the workspace has the package installed
// from `npm pack`, its executables on PATH), and every other line runs in bash, in the copy's folder.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import type { CliResult, PulumiProgram } from "./pulumi";

/** The emulator address the examples' READMEs use. */
export const README_EMULATOR_URL = "http://127.0.0.1:8080";

/** The repository, which READMEs reach as `../..` from their example's folder. */
const ROOT = path.resolve(__dirname, "../..");

/** One README line and what it printed. */
export interface ReadmeStep {
    line: string;
    result: CliResult;
}

/** The command lines of a README's "## Run it" sh block, comments kept for `# exits non-zero`. */
export function readmeCommands(readme: string): string[] {
    const block = /## Run it[\s\S]*?```sh\n([\s\S]*?)```/.exec(fs.readFileSync(readme, "utf8"));
    if (!block) {
        throw new Error(`${readme} has no "## Run it" sh block`);
    }
    return block[1].split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
}

/**
 * `NAME=value` words of an export line, with `$PWD` as the program's folder and any other `$NAME` as the variable in
 * force before the line (`PATH=$PWD/venv/bin:$PATH`).
 */
function assignments(words: string, dir: string, env: NodeJS.ProcessEnv): Record<string, string> {
    return Object.fromEntries(
        words
            .trim()
            .split(/\s+/)
            .map((word) => {
                const at = word.indexOf("=");
                const value = word
                    .slice(at + 1)
                    .replaceAll("$PWD", dir)
                    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => env[name] ?? "");
                return [word.slice(0, at), value];
            }),
    );
}

function bash(line: string, dir: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
    const started = Date.now();
    return new Promise((resolve) => {
        // --norc: bash started on a socket, as Node.js starts children, would read ~/.bashrc, whose PATH (pyenv's
        // shims, say) would go ahead of what the README exported, an activated virtual environment among them.
        execFile(
            "bash",
            ["--norc", "-c", line],
            { cwd: dir, env, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
            (error, stdout, stderr) => {
                const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
                resolve({ code, stdout, stderr, ms: Date.now() - started });
            },
        );
    });
}

/**
 * Runs the README's commands in `program`'s folder with `program.env`, and returns each line's result, the
 * emulator the README started (the caller closes it) and the variables in force at the end. A line commented
 * `exits non-zero` must fail; any other must succeed, or the run stops with what it printed.
 */
export async function runReadme(
    program: PulumiProgram,
    readme: string,
    options: { timeoutMs?: number } = {},
): Promise<{ steps: ReadmeStep[]; emulator: AtlasEmulator | undefined; env: NodeJS.ProcessEnv }> {
    const env: NodeJS.ProcessEnv = { ...program.env };
    const steps: ReadmeStep[] = [];
    let emulator: AtlasEmulator | undefined;
    const substitute = (text: string) =>
        text.replaceAll(README_EMULATOR_URL, emulator?.url ?? README_EMULATOR_URL).replaceAll("../../", `${ROOT}/`);
    try {
        for (const raw of readmeCommands(readme)) {
            const [command, comment] = raw.split(/\s+#\s+/);
            const line = command.trim();
            if (/atlas-snapshot-emulator\b.*&$/.test(line)) {
                await emulator?.close();
                emulator = await startEmulator();
                continue;
            }
            if (line.startsWith("npm ")) {
                continue;
            }
            const exported = /^export ([^&]+?)(?:\s*&&\s*(.*))?$/.exec(line);
            if (exported) {
                Object.assign(env, assignments(substitute(exported[1]), program.dir, env));
                if (exported[2] === undefined) {
                    continue;
                }
            }
            const run = exported ? (exported[2] as string) : line;
            const result = await bash(substitute(run), program.dir, env, options.timeoutMs ?? 600_000);
            steps.push({ line, result });
            const expectFailure = comment?.includes("exits non-zero") ?? false;
            if (expectFailure ? result.code === 0 : result.code !== 0) {
                throw new Error(
                    `${readme}: "${line}" exited ${result.code}, expected ${expectFailure ? "non-zero" : "0"}\n` +
                        result.stdout +
                        result.stderr,
                );
            }
        }
        return { steps, emulator, env };
    } catch (error) {
        await emulator?.close();
        throw error;
    }
}

/** The `nth` step starting with `start`. */
export function step(steps: ReadmeStep[], start: string, nth = 0): ReadmeStep {
    const found = steps.filter((s) => s.line.startsWith(start))[nth];
    if (!found) {
        throw new Error(`no step starting with "${start}" (#${nth})`);
    }
    return found;
}

/** What the `nth` step starting with `start` printed, stdout and stderr together. */
export function printed(steps: ReadmeStep[], start: string, nth = 0): string {
    const { result } = step(steps, start, nth);
    return result.stdout + result.stderr;
}
