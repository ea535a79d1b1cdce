// The real Pulumi CLI over throwaway programs, offline, as the end-to-end tests drive it (tests/helpers): the
// package `npm pack`ed and installed once into a temporary workspace, then one folder and stack per program.
const { execFileSync, spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** How long one CLI command may run before the benchmark gives up on it. */
const COMMAND_TIMEOUT_MS = 5 * 60_000;

/** Every CLI process still running, so a failure can end them (each leads its own process group). */
const running = new Set();

/** Ends every CLI process this benchmark started and that is still running, with its plugins. */
function killAll() {
    for (const child of running) {
        try {
            process.kill(-child.pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
    running.clear();
}

/** Runs a command to completion and returns its stdout; throws with its stderr when it fails. */
function runQuietly(command, args, options) {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
}

/**
 * Makes the Pulumi CLI available (scripts/provision-pulumi-cli.sh) and installs the packed package with the
 * project's own @pulumi/pulumi into a new temporary workspace. Returns what programs need.
 */
function createWorkspace() {
    const bin = runQuietly("bash", [path.join(root, "scripts/provision-pulumi-cli.sh")]).trim();
    const cliVersion = runQuietly(path.join(bin, "pulumi"), ["version"]).trim();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-snapshots-bench-"));
    const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
        const tarball = runQuietly("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: root })
            .trim()
            .split("\n")
            .pop();
        const sdkVersion = require(path.join(root, "node_modules/@pulumi/pulumi/package.json")).version;
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-programs", private: true }));
        const install = ["install", "--no-audit", "--no-fund", "--prefer-offline"];
        runQuietly("npm", [...install, path.join(dir, tarball), `@pulumi/pulumi@${sdkVersion}`], { cwd: dir });
        const shims = wrapProviderShim(dir, bin);
        return { dir, bin, shims, cliVersion, sdkVersion, dispose };
    } catch (error) {
        dispose();
        throw new Error(`could not prepare the workspace: ${error.message}\n${error.stderr ?? ""}`);
    }
}

/**
 * A folder whose `pulumi` runs the real CLI and whose `pulumi-resource-pulumi-nodejs`, the dynamic provider
 * the engine starts, appends the start time in ms to $BENCH_PROVIDER_STARTS before running the real one.
 * The engine expects its bundled plugins beside its own executable (symbolic links resolved), so the CLI's
 * binaries are hard-linked here (copied if they cannot be).
 */
function wrapProviderShim(dir, bin) {
    const shims = path.join(dir, "bin");
    fs.mkdirSync(shims);
    for (const name of fs.readdirSync(bin)) {
        if (name !== "pulumi-resource-pulumi-nodejs") {
            try {
                fs.linkSync(path.join(bin, name), path.join(shims, name));
            } catch {
                fs.copyFileSync(path.join(bin, name), path.join(shims, name));
                fs.chmodSync(path.join(shims, name), 0o755);
            }
        }
    }
    const wrapper = path.join(shims, "pulumi-resource-pulumi-nodejs");
    fs.writeFileSync(
        wrapper,
        [
            "#!/bin/sh",
            '[ -n "$BENCH_PROVIDER_STARTS" ] && date +%s%3N >>"$BENCH_PROVIDER_STARTS"',
            `exec ${JSON.stringify(path.join(bin, "pulumi-resource-pulumi-nodejs"))} "$@"`,
            "",
        ].join("\n"),
    );
    fs.chmodSync(wrapper, 0o755);
    return shims;
}

/** The `--parallel` flag for a number, none for undefined: the CLI then uses its default (4 per CPU). */
const parallelFlag = (parallel) => (parallel === undefined ? [] : ["--parallel", String(parallel)]);

/** A plain JavaScript program in its own folder with one stack, offline: file backend, passphrase, no plugins. */
class Program {
    constructor(workspace, name, source, env) {
        this.dir = fs.mkdtempSync(path.join(workspace.dir, `${name}-`));
        this.name = name;
        fs.mkdirSync(path.join(this.dir, ".state"));
        fs.writeFileSync(
            path.join(this.dir, "Pulumi.yaml"),
            `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
        );
        fs.writeFileSync(path.join(this.dir, "index.js"), source);
        this.providerStarts = path.join(this.dir, "provider-starts.txt");
        this.env = {
            PATH: `${workspace.shims}${path.delimiter}${process.env.PATH}`,
            HOME: process.env.HOME,
            PULUMI_HOME: path.join(workspace.dir, ".pulumi-home"),
            PULUMI_BACKEND_URL: `file://${path.join(this.dir, ".state")}`,
            PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            BENCH_PROVIDER_STARTS: this.providerStarts,
            ...env,
        };
    }

    /** Creates the program's stack. */
    async init() {
        await this.run(["stack", "init", "bench", "--non-interactive"]);
        return this;
    }

    /**
     * Runs `pulumi <args>`; resolves with stdout and the wall time, rejects with the output when it fails or runs
     * past `timeoutMs` (default 5 minutes).
     */
    run(args, extraEnv = {}, timeoutMs = COMMAND_TIMEOUT_MS) {
        return new Promise((resolve, reject) => {
            const started = performance.now();
            const child = spawn("pulumi", [...args, "--cwd", this.dir], {
                cwd: this.dir,
                env: { ...this.env, ...extraEnv },
                stdio: ["ignore", "pipe", "pipe"],
                detached: true,
            });
            running.add(child);
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (chunk) => (stdout += chunk));
            child.stderr.on("data", (chunk) => (stderr += chunk));
            const timer = setTimeout(() => {
                stderr += `\n(killed after ${timeoutMs / 1000} s)`;
                process.kill(-child.pid, "SIGKILL");
            }, timeoutMs);
            child.on("error", reject);
            child.on("close", (code) => {
                clearTimeout(timer);
                running.delete(child);
                const ms = performance.now() - started;
                if (code === 0) {
                    resolve({ stdout, ms });
                } else {
                    const tail = (stdout + stderr).trim().split("\n").slice(-30).join("\n");
                    reject(new Error(`pulumi ${args.join(" ")} in ${this.name} exited ${code}:\n${tail}`));
                }
            });
        });
    }

    /** `pulumi preview` without prompts, with `--parallel <parallel>` unless it is undefined (the CLI's default). */
    preview(parallel, extraEnv, timeoutMs) {
        const args = ["preview", "--non-interactive", "--color", "never", ...parallelFlag(parallel)];
        return this.run(args, extraEnv, timeoutMs);
    }

    /** `pulumi up` without prompts or a second preview, with `--parallel` as for `preview`. */
    up(parallel, extraEnv) {
        const args = ["up", "--yes", "--skip-preview", "--non-interactive", "--color", "never"];
        return this.run([...args, ...parallelFlag(parallel)], extraEnv);
    }

    /** The size in bytes of the stack's checkpoint as the file backend stores it (compact JSON). */
    checkpointBytes() {
        return fs.statSync(path.join(this.dir, ".state", ".pulumi", "stacks", this.name, "bench.json")).size;
    }

    /** The provider start times (ms since the epoch) recorded since the last call. */
    takeProviderStarts() {
        if (!fs.existsSync(this.providerStarts)) {
            return [];
        }
        const starts = fs.readFileSync(this.providerStarts, "utf8").trim().split("\n").filter(Boolean).map(Number);
        fs.rmSync(this.providerStarts);
        return starts;
    }
}

module.exports = { createWorkspace, Program, killAll };
