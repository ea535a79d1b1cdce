// The newest snapshot, every snapshot, and waiting, against the emulator over real HTTP.
import { defaultSeed } from "../../emulator";
import type { Seed } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { validateArgs, validateListArgs } from "../../provider/snapshots/args";
import { fetchSnapshot, readSnapshot, readSnapshotList } from "../../provider/snapshots/read";
import { waitForSnapshot } from "../../provider/snapshots/waiting";
import type { WaitEnvironment } from "../../provider/snapshots/waiting";
import { CheckFailedError, SnapshotReadError } from "../../provider/snapshots/errors";
import { SEED } from "../e2e/programs";
import { emulator, emulatorClient, useEmulator } from "../helpers/emulatorFixture";

const BUSY = "busy";
const BUSY_COUNT = 1234;

/** The default seed plus a Flex cluster with more snapshots than three pages of 500 hold. */
const seed: Seed = {
    ...defaultSeed,
    projects: defaultSeed.projects.map((project, index) =>
        index === 0
            ? {
                  ...project,
                  flexClusters: [
                      ...(project.flexClusters ?? []),
                      {
                          name: BUSY,
                          snapshots: Array.from({ length: BUSY_COUNT }, (_, i) => ({
                              id: (0x6a0000000000000000000000n + BigInt(i)).toString(16),
                              status: i % 10 === 0 ? "FAILED" : "COMPLETED",
                              startTime: `now-${i + 1}h`,
                              expiration: `now+${30 - (i % 30)}d`,
                          })),
                      },
                  ],
              }
            : project,
    ),
};

useEmulator({ seed });

function client(): AtlasClient {
    return emulatorClient();
}

describe("the newest snapshot", () => {
    test("without a snapshot id, the newest completed snapshot is read and named", async () => {
        const snapshot = await readSnapshot(
            client(),
            validateArgs({ projectId: SEED.projectId, instanceName: SEED.serverlessInstance }),
        );

        expect(snapshot).toMatchObject({
            snapshotId: SEED.completedSnapshot,
            status: "completed",
            source: "serverless",
        });
    });

    test("checks.status widens the choice: the newest snapshot that is completed or in progress", async () => {
        const snapshot = await readSnapshot(
            client(),
            validateArgs({
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                checks: { status: ["completed", "inProgress"] },
            }),
        );

        expect(snapshot.snapshotId).toBe(SEED.inProgressSnapshot);
    });

    test("the other checks apply to the snapshot chosen", async () => {
        const read = readSnapshot(
            client(),
            validateArgs({
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                checks: { maxAge: "1h" },
            }),
        );

        await expect(read).rejects.toThrow(/Snapshot 5f4e3d2c1b0a998877665544 .* old .*older than the 1h allowed/);
    });

    test("no snapshot qualifies: an error that says how many were found and their statuses", async () => {
        const read = readSnapshot(
            client(),
            validateArgs({ projectId: SEED.projectId, instanceName: "inventory", checks: { status: "inProgress" } }),
        );

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(
            /newest snapshot of "inventory" .* none has status inProgress; Atlas lists 3 snapshots \(1 queued, 1 completed, 1 failed\)/,
        );
    });

    test("no snapshot has any of several statuses: each is named", async () => {
        const read = readSnapshot(
            client(),
            validateArgs({
                projectId: SEED.projectId,
                instanceName: BUSY,
                checks: { status: ["queued", "inProgress"] },
            }),
        );

        await expect(read).rejects.toThrow(
            `Could not choose the newest snapshot of "${BUSY}" in project ${SEED.projectId}: none has status queued ` +
                `or inProgress; Atlas lists ${BUSY_COUNT} snapshots (124 failed, 1110 completed). Wait for a snapshot ` +
                "to complete, take an on-demand snapshot, or widen `checks.status`.",
        );
    });

    test("an instance with no snapshots says so", async () => {
        const read = readSnapshot(client(), validateArgs({ projectId: SEED.projectId, instanceName: "sandbox" }));

        await expect(read).rejects.toThrow(/Atlas lists no snapshots/);
    });

    test("every page is read to find the newest: 1234 snapshots cost 3 list requests", async () => {
        const snapshot = await readSnapshot(client(), validateArgs({ projectId: SEED.projectId, instanceName: BUSY }));

        expect(snapshot.snapshotId).toBe(0x6a0000000000000000000001n.toString(16));
        const pages = emulator.requests().filter((r) => r.route === "flexSnapshots");
        expect(pages.map((r) => r.query.pageNum)).toEqual(["1", "2", "3"]);
        expect(pages.every((r) => r.query.itemsPerPage === "500")).toBe(true);
    });
});

describe("every snapshot", () => {
    test("lists every page, newest first, with Atlas's count", async () => {
        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: BUSY }),
        );

        expect(list.totalCount).toBe(BUSY_COUNT);
        expect(list.snapshots).toHaveLength(BUSY_COUNT);
        const times = list.snapshots.map((s) => Date.parse(s.createdAt as string));
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(list.source).toBe("flex");
    });

    test("filters on status and age", async () => {
        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: BUSY, status: "failed", maxAge: "100h" }),
        );

        // Snapshots taken 1..100 hours ago whose index is a multiple of ten: 10 of them.
        expect(list.snapshots).toHaveLength(10);
        expect(list.snapshots.every((s) => s.status === "failed" && s.rawStatus === "FAILED")).toBe(true);
        expect(list.totalCount).toBe(BUSY_COUNT);
    });

    test("a serverless instance is listed through the serverless endpoint when auto falls back", async () => {
        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: SEED.serverlessInstance }),
        );

        expect(list.source).toBe("serverless");
        expect(list.snapshots.map((s) => s.snapshotId)).toContain(SEED.completedSnapshot);
        expect(list.snapshots[0].snapshotId).toBe(SEED.inProgressSnapshot);
    });
});

describe("every snapshot, at the edges", () => {
    const ID = "6a6f78e0cab84da5c4476b99";

    test.each([
        ["flex", "flexSnapshots", { status: "COMPLETED", startTime: "2026-11-28T10:00:00Z" }],
        ["serverless", "serverlessSnapshots", { status: "completed", createdAt: "2026-11-28T10:00:00Z" }],
    ] as const)(
        "a %s snapshot without an id is left out, and without Atlas's count the count is of those kept",
        async (api, route, withoutId) => {
            const listed = { id: ID, ...withoutId };
            emulator.inject({ route, kind: "body", body: { results: [listed, withoutId] } });

            const list = await readSnapshotList(
                client(),
                validateListArgs({ projectId: SEED.projectId, instanceName: SEED.flexCluster, api }),
            );

            expect(list.source).toBe(api);
            expect(list.snapshots).toEqual([
                expect.objectContaining({
                    projectId: SEED.projectId,
                    instanceName: SEED.flexCluster,
                    snapshotId: ID,
                    source: api,
                    status: "completed",
                }),
            ]);
            expect(list.totalCount).toBe(1);
        },
    );

    test("maxAge keeps a snapshot exactly as old as allowed, and not one a moment older", async () => {
        const all = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: BUSY }),
        );
        const newest = Date.parse(all.snapshots[0].createdAt as string);

        const list = await readSnapshotList(
            client(),
            validateListArgs({ projectId: SEED.projectId, instanceName: BUSY, maxAge: "1h" }),
            new Date(newest + 3_600_000),
        );

        expect(list.snapshots.map((s) => s.snapshotId)).toEqual([all.snapshots[0].snapshotId]);
        expect(list.totalCount).toBe(BUSY_COUNT);
    });
});

describe("which endpoint a read asks first", () => {
    const orders = (snapshotId: string, api?: string) =>
        validateArgs({ projectId: SEED.projectId, instanceName: SEED.serverlessInstance, snapshotId, api });
    const routes = () => emulator.requests().map((r) => r.route);
    // A read that waits always sends its own GET, where a read of another snapshot of an instance already read
    // would take the instance's list (see provider/snapshots/coalescer.ts).
    const ownGet = (snapshotId: string) =>
        validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId,
            waitFor: { status: "completed" },
        });

    test("once Flex has said an instance is not a Flex cluster, auto asks the serverless endpoint at once", async () => {
        const atlas = client();
        await fetchSnapshot(atlas, orders(SEED.completedSnapshot));
        emulator.clearLog();

        const snapshot = await fetchSnapshot(atlas, ownGet(SEED.expiringSnapshot));

        expect(snapshot).toMatchObject({ snapshotId: SEED.expiringSnapshot, source: "serverless" });
        expect(routes()).toEqual(["serverlessSnapshot"]);
    });

    test("what Flex said of one instance does not send another instance to the serverless endpoint", async () => {
        const atlas = client();
        await fetchSnapshot(atlas, orders(SEED.completedSnapshot));
        emulator.clearLog();

        const snapshot = await fetchSnapshot(
            atlas,
            validateArgs({ projectId: SEED.projectId, instanceName: SEED.flexCluster, snapshotId: SEED.flexSnapshot }),
        );

        expect(snapshot).toMatchObject({ snapshotId: SEED.flexSnapshot, source: "flex" });
        expect(routes()).toEqual(["flexSnapshot"]);
    });

    test("api: flex asks the Flex endpoint alone, even of an instance known not to be a Flex cluster", async () => {
        const atlas = client();
        await fetchSnapshot(atlas, orders(SEED.completedSnapshot));
        emulator.clearLog();

        const read = fetchSnapshot(atlas, orders(SEED.completedSnapshot, "flex"));

        await expect(read).rejects.toThrow(
            `Could not read snapshot ${SEED.completedSnapshot} of "orders" in project ${SEED.projectId}. ` +
                "The Flex snapshot API (GET /api/atlas/v2/groups/",
        );
        await expect(read).rejects.toThrow('"orders" is not a Flex cluster');
        expect(routes()).toEqual(["flexSnapshot"]);
    });

    test("a read of an instance known not to be Flex that fails at the serverless endpoint explains both", async () => {
        const atlas = client();
        await fetchSnapshot(atlas, orders(SEED.completedSnapshot));
        emulator.clearLog();
        const missing = "5f4e3d2c1b0a9988776655ff";

        const read = fetchSnapshot(atlas, ownGet(missing));

        await expect(read).rejects.toThrow(
            new RegExp(
                `^Could not read snapshot ${missing} of "orders" in project ${SEED.projectId}\\. It is not readable ` +
                    "as a Flex cluster: .* So it was read as a serverless instance: .*404",
            ),
        );
        await expect(read).rejects.toMatchObject({ notFound: true });
        expect(routes()).toEqual(["serverlessSnapshot", "flexSnapshot", "serverlessSnapshot"]);
    });

    // No real component makes the client throw anything but an AtlasRequestError: a defect is the one way, so
    // only here is the client's method replaced.
    test("an error that is not a request's is passed on as it is, without asking another endpoint", async () => {
        const atlas = client();
        const defect = new TypeError("a defect, not an answer from Atlas");
        const getSnapshot = jest.spyOn(atlas, "getSnapshot").mockRejectedValue(defect);

        const read = fetchSnapshot(atlas, orders(SEED.completedSnapshot));

        await expect(read).rejects.toBe(defect);
        expect(getSnapshot.mock.calls.map(([api]) => api)).toEqual(["flex"]);
    });

    test("so is one met at the serverless endpoint of an instance known not to be Flex", async () => {
        const atlas = client();
        await fetchSnapshot(atlas, orders(SEED.completedSnapshot));
        const defect = new TypeError("a defect, not an answer from Atlas");
        const getSnapshot = jest.spyOn(atlas, "getSnapshot").mockRejectedValue(defect);

        const read = fetchSnapshot(atlas, ownGet(SEED.expiringSnapshot));

        await expect(read).rejects.toBe(defect);
        expect(getSnapshot.mock.calls.map(([api]) => api)).toEqual(["serverless"]);
    });

    test("a read that fails with anything but a 404 is not a missing snapshot", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 403 });

        const read = fetchSnapshot(
            client(),
            validateArgs({ projectId: SEED.projectId, instanceName: SEED.flexCluster, snapshotId: SEED.flexSnapshot }),
        );

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toMatchObject({ notFound: false });
    });
});

describe("waiting", () => {
    /** A fake clock whose sleeps advance time and let the test change Atlas's answer between reads. */
    function environment(onSleep: (sleeps: number) => void, start = 0) {
        let now = start;
        let sleeps = 0;
        const lines: string[] = [];
        const env: WaitEnvironment = {
            now: () => now,
            sleep: async (ms) => {
                now += ms;
                sleeps += 1;
                onSleep(sleeps);
            },
            report: (line) => lines.push(line),
        };
        return { env, lines };
    }

    const waitArgs = (waitFor: object) => {
        const args = validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.flexCluster,
            snapshotId: "6a721bebc2973a98f1546fc4",
            waitFor,
        });
        return { ...args, waitFor: args.waitFor! };
    };

    afterEach(() =>
        emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, "6a721bebc2973a98f1546fc4", "RUNNING"),
    );

    test("polls until the status is reached, reporting each read", async () => {
        const { env, lines } = environment((sleeps) => {
            if (sleeps === 2) {
                emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, "6a721bebc2973a98f1546fc4", "COMPLETED");
            }
        });

        const snapshot = await waitForSnapshot(client(), waitArgs({ interval: "15s", timeout: "5m" }), env);

        expect(snapshot.status).toBe("completed");
        expect(lines).toHaveLength(3);
        expect(lines[0]).toMatch(/Waiting for snapshot 6a721bebc2973a98f1546fc4 .* to be completed: it is inProgress/);
        expect(lines[2]).toMatch(/^Snapshot .* is completed \(after 30s, 3 reads\)/);
        expect(emulator.requests().filter((r) => r.route === "flexSnapshot")).toHaveLength(3);
    });

    test("fails early when the snapshot fails", async () => {
        const { env } = environment(() =>
            emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, "6a721bebc2973a98f1546fc4", "FAILED"),
        );

        const wait = waitForSnapshot(client(), waitArgs({}), env);

        await expect(wait).rejects.toThrow(/Stopped waiting .* Atlas reports it failed \(FAILED\)/);
    });

    test("fails at the timeout with the last status seen", async () => {
        const { env, lines } = environment(() => undefined);

        const wait = waitForSnapshot(client(), waitArgs({ timeout: "1m", interval: "20s" }), env);

        await expect(wait).rejects.toThrow(
            /Gave up waiting .* after 1m \(waitFor.timeout 1m\): it is still inProgress \(Atlas: RUNNING\)/,
        );
        expect(lines).toHaveLength(3);
    });

    const RUNNING = "6a721bebc2973a98f1546fc4";
    const payments = `"${SEED.flexCluster}" in project ${SEED.projectId}`;
    const orders = `"${SEED.serverlessInstance}" in project ${SEED.projectId}`;

    test("reports each read with the time waited by the clock it is given, then the reads it took", async () => {
        const { env, lines } = environment((sleeps) => {
            if (sleeps === 2) {
                emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, RUNNING, "COMPLETED");
            }
        }, Date.parse("2026-11-28T12:00:00Z"));

        await waitForSnapshot(client(), waitArgs({ interval: "15s", timeout: "5m" }), env);

        expect(lines).toEqual([
            `Waiting for snapshot ${RUNNING} of ${payments} to be completed: it is inProgress (0s of 5m; next read in 15s)`,
            `Waiting for snapshot ${RUNNING} of ${payments} to be completed: it is inProgress (15s of 5m; next read in 15s)`,
            `Snapshot ${RUNNING} of ${payments} is completed (after 30s, 3 reads)`,
        ]);
    });

    test("reads once more when the next read falls exactly at the timeout, and gives up after it", async () => {
        const { env, lines } = environment(() => undefined, Date.parse("2026-11-28T12:00:00Z"));

        const wait = waitForSnapshot(client(), waitArgs({ timeout: "1m", interval: "30s" }), env);

        await expect(wait).rejects.toThrow(
            `Gave up waiting for snapshot ${RUNNING} of ${payments} to be completed after 1m (waitFor.timeout 1m): ` +
                "it is still inProgress (Atlas: RUNNING). Raise waitFor.timeout, or run the deployment again later.",
        );
        expect(lines).toHaveLength(2);
        expect(emulator.requests().filter((r) => r.route === "flexSnapshot")).toHaveLength(3);
    });

    test("gives up naming the status alone when Atlas's word for it is the same", async () => {
        const args = validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: SEED.inProgressSnapshot,
            waitFor: { timeout: "1m", interval: "30s" },
        });
        const { env } = environment(() => undefined);

        const wait = waitForSnapshot(client(), { ...args, waitFor: args.waitFor! }, env);

        await expect(wait).rejects.toThrow(
            `Gave up waiting for snapshot ${SEED.inProgressSnapshot} of ${orders} to be completed after 1m ` +
                "(waitFor.timeout 1m): it is still inProgress. Raise waitFor.timeout, or run the deployment again later.",
        );
    });

    test("a snapshot Atlas sends without a status is waited on, and said to be without one", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: { id: RUNNING }, times: Infinity });
        const { env, lines } = environment(() => undefined);

        const wait = waitForSnapshot(client(), waitArgs({ timeout: "1m", interval: "30s" }), env);

        await expect(wait).rejects.toThrow(
            `Gave up waiting for snapshot ${RUNNING} of ${payments} to be completed after 1m (waitFor.timeout 1m): ` +
                "it is still without a status. Raise waitFor.timeout, or run the deployment again later.",
        );
        expect(lines[0]).toBe(
            `Waiting for snapshot ${RUNNING} of ${payments} to be completed: it is without a status ` +
                "(0s of 1m; next read in 30s)",
        );
    });

    test("a serverless snapshot that failed stops the wait without repeating Atlas's identical word", async () => {
        const args = validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: "5f4e3d2c1b0a998877665547",
            waitFor: {},
        });
        const { env, lines } = environment(() => undefined);

        const wait = waitForSnapshot(client(), { ...args, waitFor: args.waitFor! }, env);

        await expect(wait).rejects.toThrow(
            `Stopped waiting for snapshot 5f4e3d2c1b0a998877665547 of ${orders} to be completed: Atlas reports it ` +
                "failed. Take a new snapshot, or read another one.",
        );
        expect(lines).toEqual([]);
    });

    test("the snapshot reached is checked at the time the clock it is given tells", async () => {
        const args = validateArgs({
            projectId: SEED.projectId,
            instanceName: SEED.flexCluster,
            snapshotId: SEED.flexSnapshot,
            checks: { minTimeToExpiry: "1d" },
            waitFor: {},
        });
        // The snapshot expires in 7 days; by this clock, ten days from now, it has expired.
        const { env, lines } = environment(() => undefined, Date.now() + 10 * 86_400_000);

        const wait = waitForSnapshot(client(), { ...args, waitFor: args.waitFor! }, env);

        await expect(wait).rejects.toThrow(CheckFailedError);
        await expect(wait).rejects.toThrow(/failed its checks: it expired 3d( \d+[ms])? ago \(at /);
        expect(lines).toEqual([`Snapshot ${SEED.flexSnapshot} of ${payments} is completed (after 0s, 1 reads)`]);
    });

    test("a wait polls Atlas afresh even when the instance's list was read before", async () => {
        const atlas = client();
        await readSnapshotList(atlas, validateListArgs({ projectId: SEED.projectId, instanceName: SEED.flexCluster }));
        const { env } = environment((sleeps) => {
            if (sleeps === 1) {
                emulator.setSnapshotStatus(SEED.projectId, SEED.flexCluster, RUNNING, "COMPLETED");
            }
        });

        const snapshot = await waitForSnapshot(atlas, waitArgs({ interval: "15s", timeout: "1m" }), env);

        expect(snapshot.status).toBe("completed");
        expect(emulator.requests().filter((r) => r.route === "flexSnapshot")).toHaveLength(2);
    });
});
