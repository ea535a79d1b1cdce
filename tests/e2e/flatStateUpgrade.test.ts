// A stack whose state 0.1.0 wrote, in the flat form (every argument and every output a property of its own, null
// where Atlas sent nothing), under the real CLI with this version: its previews show no change, its refresh reads
// it again into the two-property form, and the program's outputs stay what they were. Both of 0.1.0's ids: the
// plain `{projectId}/{instanceName}/{snapshotId}`, and `sha256:…` of it for a key with a secret part.
import { createHash } from "node:crypto";
import { readStepValue } from "../../provider/snapshots/outputs";
import * as fs from "node:fs";
import * as path from "node:path";
import { OUTPUT_KEYS } from "../../provider/snapshots/outputs";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "./programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(300_000);

useEmulator({}, { clearBeforeEach: false });

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
    const args = readStepValue(resource.inputs.args) ?? {};
    const __provider = resource.inputs.__provider as string;
    const snapshot = readStepValue(resource.outputs.snapshot) ?? {};
    const outputArgs = readStepValue(resource.outputs.args) ?? {};
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
            expect(typeof resource.outputs.snapshot).toBe("string");
        }
        const newest = refreshed.deployment.resources.find((r: StateResource) => r.urn.endsWith("::newest"));
        expect(readStepValue(newest.outputs.snapshot)?.snapshotId).toBe(SEED.completedSnapshot);

        expect((await program.preview(["--expect-no-changes"])).code).toBe(0);
        expect((await program.up(["--expect-no-changes"])).code).toBe(0);
        expect(await program.outputs()).toEqual(before);
        expect(before).toMatchObject({ status: "completed", newestId: SEED.completedSnapshot });
        expect(before.links).toEqual(expect.any(Number));
    } finally {
        program.dispose();
    }
});

const SECRET_KEY_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const key = { projectId: "${SEED.projectId}", instanceName: "${SEED.serverlessInstance}" };
const hidden = new ServerlessBackupSnapshot("hidden", { ...key, snapshotId: pulumi.secret("${SEED.completedSnapshot}") });
export const status = hidden.status;
export const snapshotId = hidden.snapshotId;
`;

/** A stack of `source` reading from the file's emulator with the seed's service account. */
function stackOf(name: string, source: string): Promise<PulumiProgram> {
    return PulumiProgram.create(
        name,
        { "index.ts": source },
        {
            config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
            secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
        },
    );
}

/** Pulumi's marker of a secret in an exported state, shown with `--show-secrets`. */
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

function shown(value: unknown): unknown {
    const wrapped = value as { plaintext?: string } | null;
    return typeof wrapped === "object" && wrapped !== null && typeof wrapped.plaintext === "string"
        ? JSON.parse(wrapped.plaintext)
        : value;
}

/**
 * A resource whose key has a secret part, as 0.1.0 wrote it: flat, the outputs that spell the key out secret, and
 * the id `sha256:` of the plain id, which 0.1.0 gave such resources.
 */
function flattenedWithDigestId(resource: StateResource & { id: string }): StateResource & { id: string } {
    const args = readStepValue(shown(resource.inputs.args)) ?? {};
    const snapshot = readStepValue(shown(resource.outputs.snapshot)) ?? {};
    const { projectId, instanceName, snapshotId } = snapshot as Record<string, string>;
    const plainId = `${projectId}/${instanceName}/${snapshotId}`;
    const keepSecret = (value: unknown) =>
        JSON.stringify(value ?? null).includes(snapshotId)
            ? { ...SECRET_SIG, plaintext: JSON.stringify(value) }
            : value;
    const { __provider } = resource.inputs as { __provider: string };
    return {
        ...resource,
        id: `sha256:${createHash("sha256").update(plainId).digest("hex")}`,
        inputs: { ...args, snapshotId: keepSecret(args.snapshotId), __provider },
        outputs: {
            api: args.api,
            secretArguments: args.secretArguments,
            ...Object.fromEntries(OUTPUT_KEYS.map((key) => [key, keepSecret(snapshot[key] ?? null)])),
            __provider,
        },
    };
}

test("a state 0.1.0 wrote for a secret key, under its sha256 id: refreshed with that id, outputs unchanged", async () => {
    const program = await stackOf("digest-state", SECRET_KEY_PROGRAM);
    try {
        expect((await program.up()).code).toBe(0);
        const [before, state] = [await program.outputs(), JSON.parse(await program.exportState(true))];
        const isSnapshot = (r: StateResource) => r.type.endsWith("ServerlessBackupSnapshot");
        state.deployment.resources = state.deployment.resources.map((r: StateResource & { id: string }) =>
            isSnapshot(r) ? flattenedWithDigestId(r) : r,
        );
        const digestId = state.deployment.resources.find(isSnapshot).id;
        expect(digestId).toMatch(/^sha256:[0-9a-f]{64}$/);
        const file = path.join(program.dir, "digest-state.json");
        fs.writeFileSync(file, JSON.stringify(state));
        await program.mustRun(["stack", "import", "--file", file]);

        const refresh = await program.run(["refresh", "--yes", "--non-interactive", "--color", "never"]);

        expect(refresh.code).toBe(0);
        const refreshed = JSON.parse(await program.exportState(true)).deployment.resources.find(isSnapshot);
        expect(refreshed.id).toBe(digestId);
        expect(Object.keys(refreshed.outputs).sort()).toEqual(["__provider", "args", "snapshot"]);
        expect(readStepValue(shown(refreshed.outputs.snapshot))).toMatchObject({ snapshotId: SEED.completedSnapshot });
        expect(JSON.stringify(refreshed.outputs.snapshot)).toContain("plaintext");
        expect((await program.up()).code).toBe(0);
        expect(await program.outputs()).toEqual(before);
    } finally {
        program.dispose();
    }
});
