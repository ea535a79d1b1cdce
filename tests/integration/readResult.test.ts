// The answer the dynamic providers give the engine for a read: the read's arguments and the snapshot as the get
// function returns it, two properties in all, JSON text each; and a refresh of a state in the flat form that 0.1.0
// wrote, under either of its ids, or in the form of objects that came between.
import { createHash } from "node:crypto";
import { getServerlessBackupSnapshot } from "../../provider";
import { OUTPUT_KEYS, readStepText } from "../../provider/snapshots/outputs";
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

/** A read step's property as the state keeps it, read back: it must be JSON text of an object. */
function parsed(property: unknown): Record<string, unknown> {
    expect(typeof property).toBe("string");
    return JSON.parse(property as string) as Record<string, unknown>;
}

/** A read step's inputs as a program registers them. */
const inputs = (args: Record<string, unknown>) => ({ args: readStepText(args) });

/** The names of the outputs an answer gives as null. */
function nullKeys(props: Record<string, unknown>): string[] {
    return Object.keys(props)
        .filter((key) => props[key] === null)
        .sort();
}

describe("the read of one snapshot", () => {
    test("the answer is two properties: the read's arguments, and the snapshot with only what Atlas sent", async () => {
        const answer = await runtime.read(snapshotResourceId(flex), inputs({ ...flex, api: "auto" }));

        expect(answer.id).toBe(snapshotResourceId(flex));
        expect(Object.keys(answer.props).sort()).toEqual(["args", "snapshot"]);
        // The key is the snapshot's to name: it is not kept twice.
        expect(parsed(answer.props.args)).toEqual({ api: "auto" });
        const snapshot = parsed(answer.props.snapshot);
        expect(nullKeys(snapshot)).toEqual([]);
        expect(Object.keys(snapshot).filter((key) => !(OUTPUT_KEYS as readonly string[]).includes(key))).toEqual([]);
        expect(snapshot).toMatchObject({ source: "flex", status: "completed", rawStatus: "COMPLETED" });
        expect(snapshot).not.toHaveProperty("storageSizeBytes");
        expect(Date.parse(snapshot.expiresAt as string)).toBeGreaterThan(Date.now());
    });

    test("the snapshot is exactly the get function's answer", async () => {
        const answer = await runtime.read(snapshotResourceId(inProgress), inputs(inProgress));
        const viaGet = await getServerlessBackupSnapshot(inProgress);

        expect(parsed(answer.props.snapshot)).toEqual(viaGet);
    });

    test("checks and waitFor are kept in the arguments for a refresh; an argument not given stays out", async () => {
        const extras = { checks: { status: "inProgress" }, waitFor: { timeout: "1m" } };
        const answer = await runtime.read(snapshotResourceId(inProgress), inputs({ ...inProgress, ...extras }));

        expect(parsed(answer.props.args)).toEqual({ ...extras, api: "auto" });
        const newest = { projectId: SEED.projectId, instanceName: SEED.flexCluster };
        const chosen = await runtime.read(snapshotResourceId(newest), inputs(newest));
        expect(parsed(chosen.props.args)).toEqual({ api: "auto" });
    });

    test("the same arguments make the same text, whatever order a program gives them in", () => {
        const given = { checks: { minTimeToExpiry: "7d", status: "completed" }, ...flex, api: "flex" };
        const reordered = { api: "flex", ...flex, checks: { status: "completed", minTimeToExpiry: "7d" } };

        expect(readStepText(given)).toBe(readStepText(reordered));
        expect(readStepText({ ...flex, snapshotId: undefined })).toBe(readStepText({ ...flex, snapshotId: undefined }));
        expect(readStepText({ ...flex, snapshotId: undefined })).not.toContain("snapshotId");
    });

    test("inputs and a last answer as objects, the form between 0.1.0 and JSON text, read the same", async () => {
        const asText = await runtime.read(snapshotResourceId(flex), inputs(flex));
        const asObjects = await runtime.read(snapshotResourceId(flex), { args: flex });
        const refreshed = await runtime.read(snapshotResourceId(flex), {
            args: parsed(asText.props.args),
            snapshot: parsed(asText.props.snapshot),
        });

        expect(asObjects.props).toEqual(asText.props);
        expect(refreshed.props).toEqual(asText.props);
    });

    test("a refresh, handed the last answer, gives the same answer again", async () => {
        const first = await runtime.read(snapshotResourceId(flex), inputs(flex));
        const again = await runtime.read(snapshotResourceId(flex), first.props);

        expect(again.props).toEqual(first.props);
    });

    test("a refresh of a state written in the flat form of 0.1.0 gives the same answer in the new form", async () => {
        const current = await runtime.read(
            snapshotResourceId(flex),
            inputs({ ...flex, checks: { status: "completed" } }),
        );
        const snapshot = parsed(current.props.snapshot);
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
        const current = await runtime.read(digestId, inputs({ ...flex, secretArguments: ["snapshotId"] }));
        // The snapshot spells out the secret snapshot id, so its whole text is secret.
        const snapshot = parsed((current.props.snapshot as { value: unknown }).value);
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
        const current = await runtime.read(snapshotResourceId(newest), inputs(newest));
        const flat = { api: "auto", ...parsed(current.props.snapshot) };

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
