// `npm run demo`: starts the bundled Atlas emulator, then runs `pulumi preview` and `pulumi up` of the root
// Pulumi.yaml program against it with a local file backend, and prints the stack outputs.
const { execFileSync, spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { startEmulator, defaultSeed } = require("../dist/emulator");

const root = path.resolve(__dirname, "..");
const work = path.join(root, ".demo");

/** Runs the CLI without blocking this process, which serves the emulator the CLI talks to. */
function pulumi(env, args, { capture = false } = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn("pulumi", [...args, "--cwd", root], {
            cwd: root,
            env,
            stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
        });
        let stdout = "";
        child.stdout?.on("data", (chunk) => (stdout += chunk));
        child.on("error", reject);
        child.on("close", (code) =>
            code === 0 ? resolve(stdout) : reject(new Error(`pulumi ${args.join(" ")} failed (exit ${code})`)),
        );
    });
}

async function main() {
    const bin = execFileSync("bash", [path.join(root, "scripts/provision-pulumi-cli.sh")], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    }).trim();
    const emulator = await startEmulator();
    console.log(`Atlas emulator listening on ${emulator.url}`);
    const account = defaultSeed.credentials.serviceAccounts[0];
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(path.join(work, "state"), { recursive: true });
    const env = {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        PULUMI_HOME: path.join(work, "home"),
        PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // The credentials come from the environment, as in a CI job; the stack config holds only the URL.
        MONGODB_ATLAS_CLIENT_ID: account.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: account.clientSecret,
    };
    try {
        await pulumi(env, ["version"]);
        await pulumi(env, ["stack", "init", "demo", "--non-interactive"]);
        await pulumi(env, ["config", "set", "mongodbatlas:baseUrl", emulator.url]);
        await pulumi(env, ["preview", "--non-interactive"]);
        await pulumi(env, ["up", "--yes", "--non-interactive", "--skip-preview"]);
        console.log("\nStack outputs:");
        console.log(await pulumi(env, ["stack", "output", "--json"], { capture: true }));
        const requests = emulator.requests();
        console.log(
            `The emulator answered ${requests.length} requests: ` +
                [...new Set(requests.map((r) => `${r.method} ${r.route}`))].join(", "),
        );
    } finally {
        await emulator.close();
        // Configs are per-stack files beside Pulumi.yaml: leave none behind in the work tree.
        fs.rmSync(path.join(root, "Pulumi.demo.yaml"), { force: true });
    }
}

main().catch((error) => {
    console.error(`demo failed: ${error.message}`);
    process.exitCode = 1;
});
