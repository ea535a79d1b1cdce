// Reads and waits in the program's own process, against the emulator: Pulumi's SDK in its test mode says
// whether the engine previews or updates, and holds the stack's config, as the engine would.
import * as pulumi from "@pulumi/pulumi";
import { inProgram, programClient, readSnapshotInProgram, waitBeforeRead } from "../../provider/program/reads";
import { SEED } from "../e2e/programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

const RUNNING = "6a721bebc2973a98f1546fc4";
const waiting = {
    projectId: SEED.projectId,
    instanceName: SEED.flexCluster,
    snapshotId: RUNNING,
    waitFor: { status: "completed" as const, timeout: "1m", interval: "1s" },
};

let printed: string[];

/** Puts the SDK in its test mode, previewing or updating, with the stack config pointing at the emulator. */
async function engine(preview: boolean): Promise<void> {
    await pulumi.runtime.setMocks(
        { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
        "project",
        "stack",
        preview,
    );
    pulumi.runtime.setAllConfig({
        "mongodbatlas:baseUrl": emulator.url,
        "mongodbatlas:clientId": SEED.clientId,
        "mongodbatlas:clientSecret": SEED.clientSecret,
    });
}

const snapshotGets = () => emulator.requests().filter((r) => r.route === "flexSnapshot" && r.path.endsWith(RUNNING));

/** Atlas finishes the snapshot once it has been read `reads` times. */
function completeAfter(reads: number): () => void {
    const timer = setInterval(() => {
        if (snapshotGets().length >= reads) {
            emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, RUNNING, "COMPLETED");
        }
    }, 20);
    return () => clearInterval(timer);
}

useEmulator();
beforeEach(() => {
    printed = [];
    jest.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
});
afterEach(() => {
    jest.restoreAllMocks();
    emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, RUNNING, "RUNNING");
});

describe("in a preview", () => {
    beforeEach(() => engine(true));

    test("a read with waitFor reads once, never waits, and says what the update will wait for", async () => {
        const snapshot = await readSnapshotInProgram(waiting, []);

        expect(snapshot.status).toBe("inProgress");
        expect(snapshotGets()).toHaveLength(1);
        expect(printed).toEqual([
            `info: [runtime] Snapshot ${RUNNING} of "${SEED.flexCluster}" in project ${SEED.projectId} is inProgress: ` +
                "the update waits until it is completed (at most 1m), then checks it.",
        ]);
    });

    test("the wait before a read step returns at once, without a request", async () => {
        await waitBeforeRead(waiting, []);

        expect(emulator.requests()).toEqual([]);
    });

    test("the wait leaves even bad arguments to the read step, which refuses them: a preview never waits", async () => {
        await expect(waitBeforeRead({ ...waiting, projectId: "not-a-project" }, [])).resolves.toBeUndefined();
    });

    test("a failed check fails the read as a RunError with the package's message, not a stack", async () => {
        const read = readSnapshotInProgram({ ...waiting, waitFor: undefined, checks: { status: "completed" } }, []);

        await expect(read).rejects.toBeInstanceOf(pulumi.RunError);
        await expect(read).rejects.toThrow(`Snapshot ${RUNNING} of "${SEED.flexCluster}"`);
        await expect(read).rejects.toThrow("status is inProgress");
    });
});

describe("in an update", () => {
    beforeEach(() => engine(false));

    test("a read with waitFor waits until the snapshot completes, logging each read through Pulumi", async () => {
        const stop = completeAfter(2);
        try {
            const snapshot = await readSnapshotInProgram(waiting, []);

            expect(snapshot.status).toBe("completed");
            expect(snapshotGets().length).toBeGreaterThanOrEqual(2);
            expect(printed[0]).toMatch(
                new RegExp(
                    `^info: \\[runtime\\] Waiting for snapshot ${RUNNING} of .* to be completed: it is inProgress`,
                ),
            );
            expect(printed[printed.length - 1]).toMatch(
                new RegExp(`^info: \\[runtime\\] Snapshot ${RUNNING} of .* is completed \\(after \\d+s, \\d+ reads\\)`),
            );
        } finally {
            stop();
        }
    });

    test("the wait before a read step waits until the snapshot completes, then returns", async () => {
        const stop = completeAfter(2);
        try {
            await waitBeforeRead(waiting, []);

            expect(snapshotGets().length).toBeGreaterThanOrEqual(2);
            expect(printed[printed.length - 1]).toContain("is completed");
        } finally {
            stop();
        }
    });

    test.each([
        ["without waitFor", { ...waiting, waitFor: undefined }],
        ["with waitFor null", { ...waiting, waitFor: null as never }],
    ])("the wait before a read step %s returns at once, without a request", async (_, args) => {
        await waitBeforeRead(args, []);

        expect(emulator.requests()).toEqual([]);
    });

    test.each([
        ["without waitFor", undefined],
        ["with waitFor null", null as never],
    ])("with nothing to wait for (%s), the wait leaves bad arguments to the read step", async (_, waitFor) => {
        await expect(waitBeforeRead({ ...waiting, projectId: "not-a-project", waitFor }, [])).resolves.toBeUndefined();
    });

    test("a wait with bad arguments fails as a RunError naming the argument, before any request", async () => {
        const wait = waitBeforeRead({ ...waiting, waitFor: { ...waiting.waitFor, interval: "soon" } }, []);

        await expect(wait).rejects.toBeInstanceOf(pulumi.RunError);
        await expect(wait).rejects.toThrow('Invalid waitFor.interval: "soon"');
        expect(emulator.requests()).toEqual([]);
    });

    test("a wait that fails keeps the secret instance name out of its message and progress", async () => {
        emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, RUNNING, "FAILED");

        const wait = waitBeforeRead(waiting, ["instanceName"]);

        await expect(wait).rejects.toBeInstanceOf(pulumi.RunError);
        await expect(wait).rejects.toThrow(`Stopped waiting for snapshot ${RUNNING} of "[secret]"`);
        await expect(wait).rejects.not.toThrow(SEED.flexCluster);
    });

    test("a read of a secret instance name logs its progress with [secret] in its place", async () => {
        const stop = completeAfter(2);
        try {
            await readSnapshotInProgram(waiting, ["instanceName"]);

            expect(printed.length).toBeGreaterThanOrEqual(2);
            expect(printed.every((line) => line.includes('"[secret]"') && !line.includes(SEED.flexCluster))).toBe(true);
        } finally {
            stop();
        }
    });
});

test("warnings from a read in the program go through Pulumi's log, secret values redacted", async () => {
    await engine(false);
    const warned: string[] = [];
    jest.spyOn(console, "warn").mockImplementation((line: string) => void warned.push(line));

    const result = await inProgram(["orders"], async (environment) => {
        environment.warn('snapshot of "orders" is old');
        return 7;
    });

    expect(result).toBe(7);
    expect(warned).toEqual(['warning: [runtime] snapshot of "[secret]" is old']);
});

test("the program's client takes its base URL and credential from the stack config", async () => {
    await engine(true);

    const client = programClient();

    expect(client.settings.baseUrl).toBe(emulator.url);
    expect(client.credentialDescription).toContain("stack config mongodbatlas:clientId");
    expect(programClient()).toBe(client);
});
