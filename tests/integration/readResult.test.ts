// The answer the dynamic providers give the engine for a read: the read's arguments and the snapshot as the get
// function returns it, two properties in all; and a refresh of a state in the flat form that 0.1.0 wrote, under
// either of its ids.
import { createHash } from "node:crypto";
import { getServerlessBackupSnapshot } from "../../provider";
import { OUTPUT_KEYS } from "../../provider/snapshots/outputs";
import * as runtime from "../../provider/dynamic/providers";
import { snapshotListResourceId, snapshotResourceId } from "../../provider/snapshots/resourceId";
import { SEED } from "../e2e/programs";
import { useEmulator, useProviderEnvironment } from "../helpers/emulatorFixture";

useEmulator();
useProviderEnvironment();

const flex = { projectId: SEED.projectId, instanceName: SEED.flexCluster, snapshotId: SEED.flexSnapshot };
const inProgress = {
    projectId: SEED.projectId,
    instanceName: SEED.serverlessInstance,
    snapshotId: SEED.inProgressSnapshot,
};

/** The names of the outputs an answer gives as null. */
function nullKeys(props: Record<string, unknown>): string[] {
    return Object.keys(props)
        .filter((key) => props[key] === null)
        .sort();
}

describe("the read of one snapshot", () => {
    test("the answer is two properties: the read's arguments, and the snapshot with only what Atlas sent", async () => {
        const answer = await runtime.read(snapshotResourceId(flex), { args: { ...flex, api: "auto" } });

        expect(answer.id).toBe(snapshotResourceId(flex));
        expect(Object.keys(answer.props).sort()).toEqual(["args", "snapshot"]);
        // The key is the snapshot's to name: it is not kept twice.
        expect(answer.props.args).toEqual({ api: "auto" });
        const snapshot = answer.props.snapshot as Record<string, unknown>;
        expect(nullKeys(snapshot)).toEqual([]);
        expect(Object.keys(snapshot).filter((key) => !(OUTPUT_KEYS as readonly string[]).includes(key))).toEqual([]);
        expect(snapshot).toMatchObject({ source: "flex", status: "completed", rawStatus: "COMPLETED" });
        expect(snapshot).not.toHaveProperty("storageSizeBytes");
        expect(Date.parse(snapshot.expiresAt as string)).toBeGreaterThan(Date.now());
    });

    test("the snapshot is exactly the get function's answer", async () => {
        const answer = await runtime.read(snapshotResourceId(inProgress), { args: inProgress });
        const viaGet = await getServerlessBackupSnapshot(inProgress);

        expect(answer.props.snapshot).toEqual(viaGet);
    });

    test("checks and waitFor are kept in the arguments for a refresh; an argument not given stays out", async () => {
        const extras = { checks: { status: "inProgress" }, waitFor: { timeout: "1m" } };
        const answer = await runtime.read(snapshotResourceId(inProgress), { args: { ...inProgress, ...extras } });

        expect(answer.props.args).toEqual({ ...extras, api: "auto" });
        const newest = { projectId: SEED.projectId, instanceName: SEED.flexCluster };
        const chosen = await runtime.read(snapshotResourceId(newest), { args: newest });
        expect(chosen.props.args).toEqual({ api: "auto" });
    });

    test("a refresh, handed the last answer, gives the same answer again", async () => {
        const first = await runtime.read(snapshotResourceId(flex), { args: flex });
        const again = await runtime.read(snapshotResourceId(flex), first.props);

        expect(again.props).toEqual(first.props);
    });

    test("a refresh of a state written in the flat form of 0.1.0 gives the same answer in the new form", async () => {
        const current = await runtime.read(snapshotResourceId(flex), {
            args: { ...flex, checks: { status: "completed" } },
        });
        const snapshot = current.props.snapshot as Record<string, unknown>;
        // 0.1.0 kept every argument and every output as a property of its own, null where Atlas sent nothing.
        const flat = {
            api: "auto",
            checks: { status: "completed" },
            ...Object.fromEntries(OUTPUT_KEYS.map((key) => [key, snapshot[key] ?? null])),
        };

        const refreshed = await runtime.read(snapshotResourceId(flex), flat);

        expect(refreshed.props).toEqual(current.props);
    });

    test("a refresh of a state 0.1.0 wrote for a secret key, flat and under its sha256 id, answers as now", async () => {
        const digestId = `sha256:${createHash("sha256").update(snapshotResourceId(flex)).digest("hex")}`;
        const current = await runtime.read(digestId, { args: { ...flex, secretArguments: ["snapshotId"] } });
        const snapshot = (current.props.snapshot as { value: Record<string, unknown> }).value;
        const flat = {
            api: "auto",
            secretArguments: ["snapshotId"],
            ...Object.fromEntries(OUTPUT_KEYS.map((key) => [key, snapshot[key] ?? null])),
        };

        const refreshed = await runtime.read(digestId, flat);

        expect(refreshed.id).toBe(digestId);
        expect(refreshed.props).toEqual(current.props);
        expect(snapshot).toMatchObject({ snapshotId: flex.snapshotId, source: "flex" });
    });

    test("a refresh in the flat form of a resource that read the newest snapshot chooses the newest again", async () => {
        const newest = { projectId: SEED.projectId, instanceName: SEED.flexCluster };
        const current = await runtime.read(snapshotResourceId(newest), { args: newest });
        const flat = { api: "auto", ...(current.props.snapshot as Record<string, unknown>) };

        const refreshed = await runtime.read(snapshotResourceId(newest), flat);

        expect(refreshed.props).toEqual(current.props);
    });
});

describe("the read of a snapshot list", () => {
    test("each listed snapshot carries only what Atlas sent: a known list needs no null", async () => {
        const list = { projectId: SEED.projectId, instanceName: SEED.flexCluster };
        const listed = await runtime.readList(snapshotListResourceId(list), list);
        const snapshots = listed.props.snapshots as Record<string, unknown>[];

        expect(snapshots.length).toBeGreaterThan(1);
        expect(snapshots.flatMap((snapshot) => nullKeys(snapshot))).toEqual([]);
        expect(snapshots.some((snapshot) => !("storageSizeBytes" in snapshot))).toBe(true);
        expect(listed.props).toMatchObject({ source: "flex", totalCount: snapshots.length });
    });
});
