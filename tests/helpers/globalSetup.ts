// Before any suite: a real Pulumi CLI and a throwaway folder where the package is installed from
// `npm pack`, exactly as a user installs it. A missing CLI fails the run; nothing is skipped.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

export default function globalSetup(): void {
    const bin = execFileSync("bash", [path.join(root, "scripts/provision-pulumi-cli.sh")], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    }).trim();
    const version = execFileSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" }).trim();
    console.log(`\nEnd-to-end tests use the Pulumi CLI ${version} from ${bin} with Node.js ${process.version}`);

    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-snapshots-e2e-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", workspace], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    })
        .trim()
        .split("\n")
        .pop() as string;
    const pulumiVersion = JSON.parse(
        fs.readFileSync(path.join(root, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
    ).version;
    fs.writeFileSync(
        path.join(workspace, "package.json"),
        JSON.stringify({ name: "e2e-programs", private: true }, null, 2),
    );
    execFileSync(
        "npm",
        [
            "install",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            path.join(workspace, tarball),
            `@pulumi/pulumi@${pulumiVersion}`,
            "typescript@5",
            "@pulumi/policy@1",
        ],
        { cwd: workspace, stdio: ["ignore", "ignore", "inherit"] },
    );
    process.env.E2E_PULUMI_BIN = bin;
    process.env.E2E_WORKSPACE = workspace;
    process.env.E2E_TARBALL = path.join(workspace, tarball);
}
