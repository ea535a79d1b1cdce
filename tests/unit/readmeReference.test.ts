// The README's reference is checked against the types: every argument and output a program can use is documented.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const reference = readme.slice(readme.indexOf("## Reference"), readme.indexOf("## Examples"));

/** The property names an exported interface or class declares in a provider source file. */
function members(file: string, name: string): string[] {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.ES2022);
    const names: string[] = [];
    source.forEachChild((node) => {
        if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name) {
            for (const member of node.members) {
                if (
                    (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) &&
                    ts.isIdentifier(member.name)
                ) {
                    names.push(member.name.text);
                }
            }
        }
    });
    if (names.length === 0) {
        throw new Error(`${file} declares no members for ${name}`);
    }
    return names;
}

test.each([
    ["provider/program/resource.ts", "ServerlessBackupSnapshotArgs", ""],
    ["provider/program/resource.ts", "SnapshotChecksInput", "checks."],
    ["provider/program/resource.ts", "SnapshotWaitInput", "waitFor."],
    ["provider/program/resource.ts", "ServerlessBackupSnapshot", ""],
    ["provider/program/snapshotList.ts", "ServerlessBackupSnapshotsArgs", ""],
    ["provider/program/snapshotList.ts", "ServerlessBackupSnapshots", ""],
    ["provider/snapshots/outputs.ts", "SnapshotOutputs", ""],
    ["provider/program/clusterSnapshot.ts", "CloudBackupSnapshotArgs", ""],
    ["provider/program/clusterSnapshot.ts", "CloudBackupSnapshot", ""],
    ["provider/program/clusterSnapshotList.ts", "CloudBackupSnapshotsArgs", ""],
    ["provider/program/clusterSnapshotList.ts", "CloudBackupSnapshots", ""],
    ["provider/clusters/outputs.ts", "CloudBackupSnapshotOutputs", ""],
    ["provider/clusters/outputs.ts", "CloudBackupSnapshotList", ""],
])("every member of %s %s is in the README's reference", (file, name, prefix) => {
    const missing = members(file, name).filter(
        (member) => !reference.includes(`\`${prefix}${member}\``) && !reference.includes(`\`${member}\``),
    );

    expect(missing).toEqual([]);
});

test.each([
    "ATLAS_REQUEST_TIMEOUT",
    "ATLAS_MAX_ATTEMPTS",
    "ATLAS_MAX_RETRY_DELAY",
    "ATLAS_MAX_CONCURRENCY",
    "ATLAS_ENVELOPE",
    "ATLAS_RATE_LIMIT_BUDGET",
])("the limit %s is documented with its default", (variable) => {
    expect(reference).toMatch(new RegExp(`\\| \`${variable}\` \\| \`[^\`]+\` \\|`));
});
