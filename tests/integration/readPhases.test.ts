// How one read behaves in a preview, an update and a refresh, against the emulator over real HTTP.
import { AtlasClient } from "../../provider/atlas/client";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import { validateArgs, validateListArgs } from "../../provider/snapshots/args";
import type { PlainSnapshotArgs } from "../../provider/snapshots/args";
import { CheckFailedError, SnapshotReadError } from "../../provider/snapshots/errors";
import { readInPhase, readListInPhase } from "../../provider/snapshots/phases";
import type { ReadEnvironment } from "../../provider/snapshots/phases";
import { SEED } from "../e2e/programs";
import { emulator, emulatorClient, useEmulator } from "../helpers/emulatorFixture";

const RUNNING = "6a721bebc2973a98f1546fc4";
const MISSING = "6a721bebc2973a98f1546fff";

useEmulator();
beforeAll(() => {
    // After the start the seed's times are resolved against, so the snapshot is at least 3 days past its expiry.
    TEN_DAYS_ON = Date.now() + 10 * 86_400_000;
});
beforeEach(() => {
    emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "RUNNING");
});

function client(): AtlasClient {
    return emulatorClient();
}

/** A clock that moves only when the read sleeps, and the lines the read reported. */
function recorder(now = Date.now()) {
    const reports: string[] = [];
    const warnings: string[] = [];
    const environment: ReadEnvironment = {
        now: () => now,
        sleep: async (ms) => {
            now += ms;
        },
        report: (line) => reports.push(line),
        warn: (line) => warnings.push(line),
    };
    return { environment, reports, warnings };
}

/** Ten days from now: the completed Flex snapshot, which expires in seven, has expired by this clock. */
let TEN_DAYS_ON: number;
const PAYMENTS = `"payments" in project ${SEED.projectId}`;

const completed: PlainSnapshotArgs = {
    projectId: SEED.projectId,
    instanceName: "payments",
    snapshotId: SEED.flexSnapshot,
    checks: { status: "completed", minTimeToExpiry: "1d" },
};

const running: PlainSnapshotArgs = {
    projectId: SEED.projectId,
    instanceName: "payments",
    snapshotId: RUNNING,
    checks: { status: "completed" },
    waitFor: { status: "completed", timeout: "1m", interval: "5s" },
};

function snapshotReads(): number {
    return emulator.requests().filter((r) => r.route === "flexSnapshot").length;
}

describe("a preview", () => {
    test("of a snapshot the update will wait for reports it as found, without failing the status check", async () => {
        const { environment, reports, warnings } = recorder();

        const snapshot = await readInPhase(client(), validateArgs(running), "preview", environment);

        expect(snapshot).toMatchObject({ snapshotId: RUNNING, status: "inProgress" });
        expect(reports).toEqual([
            `Snapshot ${RUNNING} of "payments" in project ${SEED.projectId} is inProgress: ` +
                "the update waits until it is completed (at most 1m), then checks it.",
        ]);
        expect(warnings).toEqual([]);
        expect(snapshotReads()).toBe(1);
    });

    test("still fails on a snapshot that failed, which no wait can change", async () => {
        emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "FAILED");

        const read = readInPhase(client(), validateArgs(running), "preview", recorder().environment);

        await expect(read).rejects.toThrow(CheckFailedError);
        await expect(read).rejects.toThrow(
            `Snapshot ${RUNNING} of "payments" in project ${SEED.projectId} failed (Atlas: FAILED), ` +
                "so the update's wait for completed would stop at once.",
        );
    });

    test("still fails on a check the wait cannot change: a snapshot taken too long ago", async () => {
        const tooOld = { ...running, checks: { status: "completed" as const, maxAge: "1m" } };

        const read = readInPhase(client(), validateArgs(tooOld), "preview", recorder().environment);

        await expect(read).rejects.toThrow(
            /failed its checks: it is .* old .* older than the 1m allowed\. Waiting cannot change that/,
        );
    });

    test("without waitFor enforces every check, as before", async () => {
        const noWait = { ...running, waitFor: undefined };

        await expect(readInPhase(client(), validateArgs(noWait), "preview", recorder().environment)).rejects.toThrow(
            "failed its checks: status is inProgress (Atlas: RUNNING), expected completed",
        );
    });
});

describe("a preview, at the edges", () => {
    test("with waitFor, of a snapshot that already has the status, enforces every check at once", async () => {
        const { environment, reports } = recorder(TEN_DAYS_ON);
        const ready = { ...completed, waitFor: { status: "completed" as const } };

        const read = readInPhase(client(), validateArgs(ready), "preview", environment);

        await expect(read).rejects.toThrow(
            new RegExp(
                `^Snapshot ${SEED.flexSnapshot} of ${PAYMENTS} failed its checks: it expired 3d( \\d+[ms])? ago .*` +
                    "Pick another snapshot, or change `checks` if this one is acceptable\\.$",
            ),
        );
        expect(reports).toEqual([]);
    });

    test("with waitFor, of a snapshot that already has the status and passes, returns it without a word", async () => {
        const { environment, reports, warnings } = recorder();
        const ready = { ...completed, waitFor: { status: "completed" as const } };

        const snapshot = await readInPhase(client(), validateArgs(ready), "preview", environment);

        expect(snapshot).toMatchObject({ snapshotId: SEED.flexSnapshot, status: "completed" });
        expect(reports).toEqual([]);
        expect(warnings).toEqual([]);
    });

    test("does not fail on a value Atlas sends only once the snapshot completes: its expiry", async () => {
        const { environment, reports } = recorder();
        const keptLongEnough = { ...running, checks: { status: "completed" as const, minTimeToExpiry: "1d" } };

        const snapshot = await readInPhase(client(), validateArgs(keptLongEnough), "preview", environment);

        expect(snapshot).toMatchObject({ snapshotId: RUNNING, status: "inProgress" });
        expect(snapshot?.expiresAt).toBeUndefined();
        expect(reports).toHaveLength(1);
    });

    test("judges what waiting cannot change by the clock it is given", async () => {
        // The running snapshot started five minutes ago: by a clock two hours on, it is older than 1h.
        const { environment } = recorder(Date.now() + 2 * 3_600_000);
        const young = { ...running, checks: { maxAge: "1h" } };

        const read = readInPhase(client(), validateArgs(young), "preview", environment);

        await expect(read).rejects.toThrow(CheckFailedError);
        await expect(read).rejects.toThrow(/older than the 1h allowed\. Waiting cannot change that\./);
    });

    test("of a serverless snapshot that failed names the status once, as Atlas's word is the same", async () => {
        const failed = {
            projectId: SEED.projectId,
            instanceName: "orders",
            snapshotId: "5f4e3d2c1b0a998877665547",
            waitFor: {},
        };

        const read = readInPhase(client(), validateArgs(failed), "preview", recorder().environment);

        await expect(read).rejects.toThrow(
            `Snapshot 5f4e3d2c1b0a998877665547 of "orders" in project ${SEED.projectId} failed, so the update's ` +
                "wait for completed would stop at once. Take a new snapshot, or read another one.",
        );
    });

    test("of a snapshot Atlas sends without a status says so, and that the update waits for one", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: { id: RUNNING } });
        const { environment, reports } = recorder();

        const snapshot = await readInPhase(client(), validateArgs(running), "preview", environment);

        expect(snapshot?.status).toBeUndefined();
        expect(reports).toEqual([
            `Snapshot ${RUNNING} of ${PAYMENTS} is without a status: the update waits until it is completed ` +
                "(at most 1m), then checks it.",
        ]);
    });

    test("without waitFor judges the checks by the clock it is given", async () => {
        const read = readInPhase(client(), validateArgs(completed), "preview", recorder(TEN_DAYS_ON).environment);

        await expect(read).rejects.toThrow(/failed its checks: it expired 3d( \d+[ms])? ago/);
    });
});

describe("an update", () => {
    test("without waitFor reads once and judges the checks by the clock it is given", async () => {
        const { environment, reports } = recorder(TEN_DAYS_ON);

        const read = readInPhase(client(), validateArgs(completed), "update", environment);

        await expect(read).rejects.toThrow(CheckFailedError);
        await expect(read).rejects.toThrow(/failed its checks: it expired 3d( \d+[ms])? ago/);
        expect(reports).toEqual([]);
        expect(snapshotReads()).toBe(1);
    });

    test("waits until the status is reached, then checks", async () => {
        const { environment, reports } = recorder();
        let sleeps = 0;
        environment.sleep = async () => {
            sleeps += 1;
            if (sleeps === 2) emulator.setSnapshotStatus(SEED.projectId, "payments", RUNNING, "COMPLETED");
        };

        const snapshot = await readInPhase(client(), validateArgs(running), "update", environment);

        expect(snapshot?.status).toBe("completed");
        expect(reports.filter((line) => line.startsWith("Waiting for"))).toHaveLength(2);
        expect(snapshotReads()).toBe(3);
    });

    test("of a snapshot that is gone fails with Atlas's 404, explained", async () => {
        const gone = { projectId: SEED.projectId, instanceName: "payments", snapshotId: MISSING };

        const read = readInPhase(client(), validateArgs(gone), "update", recorder().environment);

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(`Snapshot ${MISSING} was not found for "payments"`);
    });
});

describe("a refresh", () => {
    test("of a snapshot that passes its checks records it without a warning", async () => {
        const { environment, warnings } = recorder();

        const snapshot = await readInPhase(client(), validateArgs(completed), "refresh", environment);

        expect(snapshot).toMatchObject({ snapshotId: SEED.flexSnapshot, status: "completed" });
        expect(warnings).toEqual([]);
    });

    test("judges the checks by the clock it is given", async () => {
        const { environment, warnings } = recorder(TEN_DAYS_ON);

        const snapshot = await readInPhase(client(), validateArgs(completed), "refresh", environment);

        expect(snapshot?.snapshotId).toBe(SEED.flexSnapshot);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/failed its checks: it expired 3d( \d+[ms])? ago/);
    });

    test("of a newest snapshot none qualifies for any more yields nothing and warns why", async () => {
        const { environment, warnings } = recorder();
        const newest = { projectId: SEED.projectId, instanceName: "sandbox" };

        const snapshot = await readInPhase(client(), validateArgs(newest), "refresh", environment);

        expect(snapshot).toBeUndefined();
        expect(warnings).toEqual([
            `Could not choose the newest snapshot of "sandbox" in project ${SEED.projectId}: none has status ` +
                "completed; Atlas lists no snapshots. Wait for a snapshot to complete, take an on-demand snapshot, " +
                "or widen `checks.status`. The refresh removes it from the stack's state; the next update reads it " +
                "again and fails unless the program names a snapshot Atlas still has.",
        ]);
    });

    test("never waits: one read, whatever waitFor says", async () => {
        const { environment, reports } = recorder();

        const snapshot = await readInPhase(client(), validateArgs(running), "refresh", environment);

        expect(snapshot?.status).toBe("inProgress");
        expect(reports).toEqual([]);
        expect(snapshotReads()).toBe(1);
    });

    test("of a snapshot Atlas no longer has yields nothing and warns, so the engine drops it", async () => {
        const { environment, warnings } = recorder();
        const gone = { projectId: SEED.projectId, instanceName: "payments", snapshotId: MISSING };

        const snapshot = await readInPhase(client(), validateArgs(gone), "refresh", environment);

        expect(snapshot).toBeUndefined();
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain(`Could not read snapshot ${MISSING} of "payments"`);
        expect(warnings[0]).toContain("The refresh removes it from the stack's state");
    });

    test("of a snapshot that fails its checks records it and warns instead of failing", async () => {
        const { environment, warnings } = recorder();

        const snapshot = await readInPhase(client(), validateArgs(running), "refresh", environment);

        expect(snapshot?.status).toBe("inProgress");
        expect(warnings).toEqual([
            `Snapshot ${RUNNING} of "payments" in project ${SEED.projectId} failed its checks: status is ` +
                "inProgress (Atlas: RUNNING), expected completed. The refresh records it as it is; the next " +
                "preview or update fails on these checks.",
        ]);
    });

    test("still fails on what is not a missing snapshot: a refused credential is no reason to forget", async () => {
        const refused = new AtlasClient({
            ...DEFAULT_LIMITS,
            baseUrl: emulator.url,
            credentials: { kind: "accessToken", accessToken: "not-a-token", source: "test" },
        });

        await expect(readInPhase(refused, validateArgs(running), "refresh", recorder().environment)).rejects.toThrow(
            /Atlas answered 401/,
        );
    });
});

describe("a list's read", () => {
    const gone = { projectId: SEED.projectId, instanceName: "retired" };

    test("on a refresh, of an instance Atlas no longer has, yields nothing and warns, as a snapshot's does", async () => {
        const { environment, warnings } = recorder();

        const list = await readListInPhase(client(), validateListArgs(gone), "refresh", environment);

        expect(list).toBeUndefined();
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/"retired".*The refresh removes the list from the stack's state\.$/s);
    });

    test.each(["preview", "update"] as const)(
        "in the %s phase, of an instance Atlas does not have, fails",
        async (phase) => {
            const { environment, warnings } = recorder();

            await expect(readListInPhase(client(), validateListArgs(gone), phase, environment)).rejects.toThrow(
                SnapshotReadError,
            );
            expect(warnings).toEqual([]);
        },
    );

    test("on a refresh, of an instance Atlas has, lists its snapshots without a warning", async () => {
        const { environment, warnings } = recorder();

        const list = await readListInPhase(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: "payments" }),
            "refresh",
            environment,
        );

        expect(list?.snapshots.map((snapshot) => snapshot.snapshotId)).toContain(SEED.flexSnapshot);
        expect(warnings).toEqual([]);
    });

    test("on a refresh, still fails on what is not a missing instance: a refused credential", async () => {
        const refused = new AtlasClient({
            ...DEFAULT_LIMITS,
            baseUrl: emulator.url,
            credentials: { kind: "accessToken", accessToken: "not-a-token", source: "test" },
        });

        await expect(
            readListInPhase(refused, validateListArgs(gone), "refresh", recorder().environment),
        ).rejects.toThrow(/Atlas answered 401/);
    });
});
