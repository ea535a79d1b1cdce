// A stack whose state 0.1.0 wrote, in the flat form (every argument and every output a property of its own, null
// where Atlas sent nothing), under the real CLI with this version: its previews show no change, its refresh reads
// it again into the two-property form, and the program's outputs stay what they were.
import * as fs from "node:fs";
import * as path from "node:path";
import { OUTPUT_KEYS } from "../../provider/snapshots/outputs";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "./programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(300_000);

useEmulator();

const PROGRAM = `
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const projectId = "${SEED.projectId}";
const nightly = new ServerlessBackupSnapshot("nightly", {
    projectId,
    instanceName: "${SEED.serverlessInstance}",
    snapshotId: "${SEED.completedSnapshot}",
    checks: { status: "completed" },
});
const newest = new ServerlessBackupSnapshot("newest", { projectId, instanceName: "${SEED.serverlessInstance}" });

export const status = nightly.status;
export const expiresAt = nightly.expiresAt;
export const newestId = newest.snapshotId;
export const links = nightly.links.apply((links) => links?.length);
`;

interface StateResource {
    urn: string;
    type: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

/** A resource of this version's state rewritten as 0.1.0 wrote it. */
function flattened(resource: StateResource): StateResource {
    const { args, __provider } = resource.inputs as { args: Record<string, unknown>; __provider: string };
    const { snapshot } = resource.outputs as { snapshot: Record<string, unknown> };
    const outputArgs = resource.outputs.args as Record<string, unknown>;
    // 0.1.0 kept api, checks, waitFor and secretArguments beside the outputs; the key came with the snapshot.
    const rest = Object.fromEntries(
        Object.entries(outputArgs).filter(([key]) => !["projectId", "instanceName", "snapshotId"].includes(key)),
    );
    return {
        ...resource,
        inputs: { ...args, __provider },
        outputs: {
            ...rest,
            ...Object.fromEntries(OUTPUT_KEYS.map((key) => [key, snapshot[key] ?? null])),
            __provider,
        },
    };
}

test("a state in 0.1.0's flat form: no change in preview, refreshed into the new form, outputs unchanged", async () => {
    const program = await PulumiProgram.create(
        "flat-state",
        { "index.ts": PROGRAM },
        {
            config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
    try {
        expect((await program.up()).code).toBe(0);
        const before = await program.outputs();
        const state = JSON.parse(await program.exportState());
        const snapshots = state.deployment.resources.filter((r: StateResource) =>
            r.type.endsWith("ServerlessBackupSnapshot"),
        );
        expect(snapshots).toHaveLength(2);
        state.deployment.resources = state.deployment.resources.map((r: StateResource) =>
            r.type.endsWith("ServerlessBackupSnapshot") ? flattened(r) : r,
        );
        const file = path.join(program.dir, "flat-state.json");
        fs.writeFileSync(file, JSON.stringify(state));
        await program.mustRun(["stack", "import", "--file", file]);

        const preview = await program.preview(["--expect-no-changes"]);
        expect(preview.code).toBe(0);

        const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);
        expect(refresh.code).toBe(0);
        const refreshed = JSON.parse(await program.exportState());
        for (const resource of refreshed.deployment.resources.filter((r: StateResource) =>
            r.type.endsWith("ServerlessBackupSnapshot"),
        )) {
            expect(Object.keys(resource.outputs).sort()).toEqual(["__provider", "args", "snapshot"]);
        }
        const newest = refreshed.deployment.resources.find((r: StateResource) => r.urn.endsWith("::newest"));
        expect(newest.outputs.snapshot.snapshotId).toBe(SEED.completedSnapshot);

        expect((await program.preview(["--expect-no-changes"])).code).toBe(0);
        expect((await program.up(["--expect-no-changes"])).code).toBe(0);
        expect(await program.outputs()).toEqual(before);
        expect(before).toMatchObject({ status: "completed", newestId: SEED.completedSnapshot });
        expect(before.links).toEqual(expect.any(Number));
    } finally {
        program.dispose();
    }
});
