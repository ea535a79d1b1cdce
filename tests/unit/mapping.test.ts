// The mapping from Atlas's two snapshot shapes to the one model users see: no network, plain input and output.
import { FLEX_STATUS_TO_SERVERLESS, fromFlex, fromServerless } from "../../provider/snapshots/mapping";
import type { SnapshotKey } from "../../provider/snapshots/mapping";
import type { FlexSnapshot, ServerlessSnapshot } from "../../provider/atlas/schemas";

const flexKey: SnapshotKey = {
    projectId: "b0123456789abcdef012345b",
    instanceName: "snapshotCluster0",
    snapshotId: "6a6f78e0cab84da5c4476b25",
};

const serverlessKey: SnapshotKey = {
    projectId: "6957f861a08db8605b3f57a2",
    instanceName: "cluster-782",
    snapshotId: "6957f868a08db8605b3f63c1",
};

// Atlas's answer to GET .../flexClusters/snapshotCluster0/backup/snapshots/6a6f78e0cab84da5c4476b25, as recorded
// by MongoDB's CLI end-to-end tests (recorded-http-responses.txt, TestFlexBackup/Snapshot_Describe).
const recordedFlexBody: FlexSnapshot = JSON.parse(
    '{"expiration":"2026-08-10T17:05:10Z","finishTime":"2026-08-02T17:06:56Z","id":"6a6f78e0cab84da5c4476b25",' +
        '"mongoDBVersion":"8.0.29","scheduledTime":"2026-08-02T17:05:10Z","startTime":"2026-08-02T17:05:37Z",' +
        '"status":"COMPLETED"}',
);

// Every field of `ServerlessBackupSnapshot` (version 2023-01-01), as the spec defines them.
const fullServerlessBody: ServerlessSnapshot = {
    id: "6957f868a08db8605b3f63c1",
    createdAt: "2026-01-02T17:00:00Z",
    expiresAt: "2026-01-09T17:00:00Z",
    frequencyType: "daily",
    links: [{ href: "https://cloud.mongodb.com/api/atlas", rel: "self" }],
    mongodVersion: "8.0.17",
    serverlessInstanceName: "cluster-782",
    snapshotType: "scheduled",
    status: "completed",
    storageSizeBytes: 1_048_576,
};

describe("fromFlex", () => {
    test("maps Atlas's recorded Flex answer field by field into the serverless vocabulary", () => {
        const outputs = fromFlex(flexKey, recordedFlexBody);

        expect(outputs).toStrictEqual({
            projectId: "b0123456789abcdef012345b",
            instanceName: "snapshotCluster0",
            snapshotId: "6a6f78e0cab84da5c4476b25",
            source: "flex",
            status: "completed",
            rawStatus: "COMPLETED",
            createdAt: "2026-08-02T17:05:37Z",
            expiresAt: "2026-08-10T17:05:10Z",
            mongodVersion: "8.0.29",
            scheduledTime: "2026-08-02T17:05:10Z",
            startTime: "2026-08-02T17:05:37Z",
            finishTime: "2026-08-02T17:06:56Z",
        });
    });

    test("invents none of the serverless-only fields for a Flex answer", () => {
        const outputs = fromFlex(flexKey, recordedFlexBody);

        for (const serverlessOnly of ["storageSizeBytes", "frequencyType", "snapshotType", "serverlessInstanceName"]) {
            expect(Object.keys(outputs)).not.toContain(serverlessOnly);
        }
    });

    test.each([
        ["PENDING", "queued"],
        ["QUEUED", "queued"],
        ["RUNNING", "inProgress"],
        ["COMPLETED", "completed"],
        ["FAILED", "failed"],
    ] as const)("reports Flex status %s as %s and keeps the raw status", (flexStatus, expected) => {
        const outputs = fromFlex(flexKey, { ...recordedFlexBody, status: flexStatus });

        expect(outputs.status).toBe(expected);
        expect(outputs.rawStatus).toBe(flexStatus);
    });

    test("takes createdAt from scheduledTime when Atlas sent no startTime", () => {
        const outputs = fromFlex(flexKey, { scheduledTime: "2026-08-02T17:05:10Z", status: "PENDING" });

        expect(outputs.createdAt).toBe("2026-08-02T17:05:10Z");
        expect(Object.keys(outputs)).not.toContain("startTime");
    });

    test("prefers startTime over scheduledTime for createdAt", () => {
        const outputs = fromFlex(flexKey, {
            scheduledTime: "2026-08-02T17:05:10Z",
            startTime: "2026-08-02T17:05:37Z",
        });

        expect(outputs.createdAt).toBe("2026-08-02T17:05:37Z");
    });

    test("leaves out every field of an empty Flex answer rather than setting it to undefined", () => {
        const outputs = fromFlex(flexKey, {});

        expect(outputs).toStrictEqual({ ...flexKey, source: "flex" });
        expect(Object.keys(outputs).sort()).toEqual(["instanceName", "projectId", "snapshotId", "source"]);
    });

    test("leaves out status and rawStatus when Atlas sent no status", () => {
        const withoutStatus: FlexSnapshot = { ...recordedFlexBody, status: undefined };

        const outputs = fromFlex(flexKey, withoutStatus);

        expect(Object.keys(outputs)).not.toContain("status");
        expect(Object.keys(outputs)).not.toContain("rawStatus");
    });

    test("reports the id Atlas sent, and the requested id when Atlas sent none", () => {
        expect(fromFlex(flexKey, { id: "aaaaaaaaaaaaaaaaaaaaaaaa" }).snapshotId).toBe("aaaaaaaaaaaaaaaaaaaaaaaa");
        expect(fromFlex(flexKey, {}).snapshotId).toBe(flexKey.snapshotId);
    });

    test("keeps the links Atlas sent", () => {
        const links = [{ href: "https://cloud.mongodb.com/api/atlas/v2/groups/x", rel: "self" }];

        expect(fromFlex(flexKey, { links }).links).toStrictEqual(links);
    });
});

describe("fromServerless", () => {
    test("maps every field of a serverless answer", () => {
        const outputs = fromServerless(serverlessKey, fullServerlessBody);

        expect(outputs).toStrictEqual({
            projectId: "6957f861a08db8605b3f57a2",
            instanceName: "cluster-782",
            snapshotId: "6957f868a08db8605b3f63c1",
            source: "serverless",
            status: "completed",
            rawStatus: "completed",
            createdAt: "2026-01-02T17:00:00Z",
            expiresAt: "2026-01-09T17:00:00Z",
            storageSizeBytes: 1_048_576,
            frequencyType: "daily",
            snapshotType: "scheduled",
            mongodVersion: "8.0.17",
            serverlessInstanceName: "cluster-782",
            links: [{ href: "https://cloud.mongodb.com/api/atlas", rel: "self" }],
        });
    });

    test("invents none of the Flex-only fields for a serverless answer", () => {
        const outputs = fromServerless(serverlessKey, fullServerlessBody);

        for (const flexOnly of ["scheduledTime", "startTime", "finishTime"]) {
            expect(Object.keys(outputs)).not.toContain(flexOnly);
        }
    });

    test("leaves out every field of an empty serverless answer rather than setting it to undefined", () => {
        const outputs = fromServerless(serverlessKey, {});

        expect(outputs).toStrictEqual({ ...serverlessKey, source: "serverless" });
    });

    test("keeps a storage size of zero, which is a value Atlas sent and not an absent one", () => {
        const outputs = fromServerless(serverlessKey, { storageSizeBytes: 0 });

        expect(outputs.storageSizeBytes).toBe(0);
    });

    test("leaves out only the fields Atlas did not send", () => {
        const outputs = fromServerless(serverlessKey, { status: "inProgress", createdAt: "2026-01-02T17:00:00Z" });

        expect(Object.keys(outputs).sort()).toEqual(
            ["createdAt", "instanceName", "projectId", "rawStatus", "snapshotId", "source", "status"].sort(),
        );
    });
});

describe("FLEX_STATUS_TO_SERVERLESS", () => {
    test("covers exactly the five Flex statuses", () => {
        expect(FLEX_STATUS_TO_SERVERLESS).toStrictEqual({
            PENDING: "queued",
            QUEUED: "queued",
            RUNNING: "inProgress",
            COMPLETED: "completed",
            FAILED: "failed",
        });
    });
});
