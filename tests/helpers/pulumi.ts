// Drives the real Pulumi CLI over a throwaway program, offline: a local file backend, a passphrase
// secrets provider, no update checks and no plugin downloads.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** What one CLI command printed and how it ended. */
export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
    /** Wall time of the command in milliseconds. */
    ms: number;
}

/** A Pulumi program in its own folder with one stack, ready for preview, up, refresh and destroy. */
export class PulumiProgram {
    readonly env: NodeJS.ProcessEnv;

    private constructor(
        readonly dir: string,
        readonly stack: string,
        extraEnv: NodeJS.ProcessEnv,
    ) {
        const bin = requireEnv("E2E_PULUMI_BIN");
        this.env = {
            PATH: `${bin}${path.delimiter}${process.env.PATH}`,
            HOME: process.env.HOME,
            PULUMI_HOME: path.join(dir, ".pulumi-home"),
            PULUMI_BACKEND_URL: `file://${path.join(dir, ".state")}`,
            PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            ...extraEnv,
        };
    }

    /** Writes `files` (index.ts and anything else) into a new program folder and creates its stack. */
    static async create(
        name: string,
        files: Record<string, string>,
        options: { env?: NodeJS.ProcessEnv; config?: Record<string, string>; secrets?: Record<string, string> } = {},
    ): Promise<PulumiProgram> {
        const workspace = requireEnv("E2E_WORKSPACE");
        const dir = fs.mkdtempSync(path.join(workspace, `${name}-`));
        fs.mkdirSync(path.join(dir, ".state"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`,
        );
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    strict: true,
                    target: "ES2022",
                    module: "commonjs",
                    moduleResolution: "node",
                    esModuleInterop: true,
                    skipLibCheck: true,
                },
            }),
        );
        for (const [file, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, file), text);
        }
        const program = new PulumiProgram(dir, "e2e", options.env ?? {});
        await program.mustRun(["stack", "init", program.stack, "--non-interactive"]);
        for (const [key, value] of Object.entries(options.config ?? {})) {
            await program.mustRun(["config", "set", key, value]);
        }
        for (const [key, value] of Object.entries(options.secrets ?? {})) {
            await program.mustRun(["config", "set", "--secret", key, value]);
        }
        return program;
    }

    /** Copies a program folder (an example) into a new folder, without installed modules, state or stack files. */
    static copy(name: string, source: string, options: { env?: NodeJS.ProcessEnv } = {}): PulumiProgram {
        const workspace = requireEnv("E2E_WORKSPACE");
        const dir = fs.mkdtempSync(path.join(workspace, `${name}-`));
        fs.cpSync(source, dir, {
            recursive: true,
            filter: (from) => !/(^|\/)(node_modules|\.state|\.pulumi-home)(\/|$)|Pulumi\.[^/]+\.yaml$/.test(from),
        });
        fs.mkdirSync(path.join(dir, ".state"));
        return new PulumiProgram(dir, "dev", options.env ?? {});
    }

    /** Runs `pulumi <args>` in the program's folder; never throws for a non-zero exit. */
    run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
        const started = Date.now();
        return new Promise((resolve) => {
            execFile(
                "pulumi",
                [...args, "--cwd", this.dir],
                { cwd: this.dir, env: { ...this.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
                (error, stdout, stderr) => {
                    const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
                    resolve({ code, stdout, stderr, ms: Date.now() - started });
                },
            );
        });
    }

    /** Runs `pulumi <args>` and fails with everything it printed when it exits non-zero. */
    async mustRun(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
        const result = await this.run(args, extraEnv);
        if (result.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
        }
        return result;
    }

    /** `pulumi preview` without prompts. */
    preview(extra: string[] = []): Promise<CliResult> {
        return this.run(["preview", "--non-interactive", "--color", "never", ...extra]);
    }

    /** `pulumi up` without prompts. */
    up(extra: string[] = []): Promise<CliResult> {
        return this.run(["up", "--yes", "--non-interactive", "--color", "never", ...extra]);
    }

    /** The stack outputs, secrets shown. */
    async outputs(): Promise<Record<string, unknown>> {
        const result = await this.mustRun(["stack", "output", "--json", "--show-secrets"]);
        return JSON.parse(result.stdout);
    }

    /** `pulumi stack export` as text (optionally with secrets decrypted). */
    async exportState(showSecrets = false): Promise<string> {
        const result = await this.mustRun(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
        return result.stdout;
    }

    /** Removes the program folder and its state. */
    dispose(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

function requireEnv(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set: the end-to-end tests run under jest's globalSetup (tests/helpers).`);
    }
    return value;
}
