// The answer the dynamic providers give the engine for a read: every output of a snapshot named, null where
// Atlas sent nothing, so the SDK resolves it as known in a preview as in an update; nothing is invented.
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { getServerlessBackupSnapshot } from "../../provider";
import { OUTPUT_KEYS } from "../../provider/outputs";
import * as runtime from "../../provider/runtime";
import { snapshotListResourceId, snapshotResourceId } from "../../provider/resourceId";
import { SEED } from "../e2e/programs";

let emulator: AtlasEmulator;
const saved = { ...process.env };

beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(async () => {
    await emulator.close();
});
beforeEach(() => {
    process.env = {
        ...saved,
        MONGODB_ATLAS_BASE_URL: emulator.url,
        MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
    };
    runtime.configure({ get: () => undefined });
});
afterEach(() => {
    process.env = saved;
});

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
    test("a Flex snapshot names every output; those Flex never sends, and links it sent none of, are null", async () => {
        const answer = await runtime.read(snapshotResourceId(flex), flex);

        expect(answer.id).toBe(snapshotResourceId(flex));
        expect(Object.keys(answer.props)).toEqual(expect.arrayContaining([...OUTPUT_KEYS]));
        expect(nullKeys(answer.props)).toEqual([
            "frequencyType",
            "links",
            "serverlessInstanceName",
            "snapshotType",
            "storageSizeBytes",
        ]);
        expect(answer.props).toMatchObject({ source: "flex", status: "completed", rawStatus: "COMPLETED" });
        expect(Date.parse(answer.props.expiresAt as string)).toBeGreaterThan(Date.now());
    });

    test("a snapshot still being taken has null for the expiry, size and frequency Atlas has not sent yet", async () => {
        const answer = await runtime.read(snapshotResourceId(inProgress), inProgress);

        expect(Object.keys(answer.props)).toEqual(expect.arrayContaining([...OUTPUT_KEYS]));
        expect(nullKeys(answer.props)).toEqual([
            "expiresAt",
            "finishTime",
            "frequencyType",
            "scheduledTime",
            "startTime",
            "storageSizeBytes",
        ]);
        expect(answer.props).toMatchObject({ status: "inProgress", snapshotType: "onDemand", mongodVersion: "8.0.17" });
    });

    test("null stands only for what Atlas did not send: every other output is the get function's value", async () => {
        const answer = await runtime.read(snapshotResourceId(inProgress), inProgress);
        const viaGet = (await getServerlessBackupSnapshot(inProgress)) as unknown as Record<string, unknown>;

        for (const key of OUTPUT_KEYS) {
            expect([key, answer.props[key]]).toEqual([key, viaGet[key] ?? null]);
        }
        expect(Object.keys(viaGet).filter((key) => viaGet[key] === null || viaGet[key] === undefined)).toEqual([]);
    });

    test("only the snapshot's outputs are added: an argument not given stays out of the answer", async () => {
        const answer = await runtime.read(snapshotResourceId(flex), flex);

        expect(Object.keys(answer.props).filter((key) => !(OUTPUT_KEYS as readonly string[]).includes(key))).toEqual([
            "api",
        ]);
    });

    test("a refresh, handed the last answer, gives the same answer again", async () => {
        const first = await runtime.read(snapshotResourceId(flex), flex);
        const again = await runtime.read(snapshotResourceId(flex), first.props);

        expect(again.props).toEqual(first.props);
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
