// Preview gates: a snapshot that fails a check fails the read, with a message naming what was found.
import { enforceChecks, failedChecks } from "../../provider/snapshots/checks";
import { CheckFailedError } from "../../provider/snapshots/errors";
import type { SnapshotOutputs } from "../../provider/snapshots/outputs";

const identity = {
    projectId: "b0123456789abcdef012345b",
    instanceName: "snapshotCluster0",
    snapshotId: "6a6f78e0cab84da5c4476b25",
    source: "flex",
} as const;

const snapshot: SnapshotOutputs = {
    ...identity,
    status: "completed",
    rawStatus: "COMPLETED",
    createdAt: "2026-08-02T17:05:37Z",
    expiresAt: "2026-08-10T17:05:10Z",
};

const expiresAtMs = Date.parse("2026-08-10T17:05:10Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Exactly eight days before the snapshot expires. */
const now = new Date(expiresAtMs - 8 * DAY);

describe("failedChecks", () => {
    test("finds nothing wrong when there are no checks", () => {
        expect(failedChecks(snapshot, {}, now)).toStrictEqual([]);
    });

    test.each([[["completed"]], [["queued", "completed"]]] as const)("passes a status among %p", (statuses) => {
        expect(failedChecks(snapshot, { status: [...statuses] }, now)).toStrictEqual([]);
    });

    test("reports a single wrong status with Atlas's own word for it", () => {
        const running: SnapshotOutputs = { ...snapshot, status: "inProgress", rawStatus: "RUNNING" };

        expect(failedChecks(running, { status: ["completed"] }, now)).toStrictEqual([
            "status is inProgress (Atlas: RUNNING), expected completed",
        ]);
    });

    test("reports a status outside a list, naming every accepted status", () => {
        const failed: SnapshotOutputs = { ...snapshot, status: "failed", rawStatus: "failed", source: "serverless" };

        expect(failedChecks(failed, { status: ["queued", "completed"] }, now)).toStrictEqual([
            "status is failed, expected queued or completed",
        ]);
    });

    test("fails a status check when Atlas sent no status", () => {
        const noStatus: SnapshotOutputs = { ...identity, expiresAt: "2026-08-10T17:05:10Z" };

        expect(failedChecks(noStatus, { status: ["completed"] }, now)).toStrictEqual([
            "status is no status, expected completed",
        ]);
    });

    test("passes when the snapshot is kept exactly as long as required", () => {
        expect(failedChecks(snapshot, { minTimeToExpiryMs: 8 * DAY, minTimeToExpiry: "8d" }, now)).toStrictEqual([]);
    });

    test("fails one millisecond short of the time required, saying when it expires", () => {
        const later = new Date(now.getTime() + 1);

        expect(failedChecks(snapshot, { minTimeToExpiryMs: 8 * DAY, minTimeToExpiry: "8d" }, later)).toStrictEqual([
            "it expires in 7d 23h (at 2026-08-10T17:05:10Z), less than the 8d required",
        ]);
    });

    test("describes the requirement in the user's words when it has them", () => {
        const [failure] = failedChecks(snapshot, { minTimeToExpiryMs: 9 * DAY, minTimeToExpiry: "P9D" }, now);

        expect(failure).toContain("less than the P9D required");
    });

    test("describes the requirement from milliseconds when the user's words are missing", () => {
        const [failure] = failedChecks(snapshot, { minTimeToExpiryMs: 9 * DAY + 12 * HOUR }, now);

        expect(failure).toContain("less than the 9d 12h required");
    });

    test("says how long ago an expired snapshot expired", () => {
        const dayAfterExpiry = new Date(expiresAtMs + DAY + 2 * HOUR);

        expect(
            failedChecks(snapshot, { minTimeToExpiryMs: HOUR, minTimeToExpiry: "1h" }, dayAfterExpiry),
        ).toStrictEqual(["it expired 1d 2h ago (at 2026-08-10T17:05:10Z), less than the 1h required"]);
    });

    test("fails a time check when Atlas sent no expiry, rather than guessing one", () => {
        const noExpiry: SnapshotOutputs = { ...identity, status: "completed", rawStatus: "COMPLETED" };

        expect(failedChecks(noExpiry, { minTimeToExpiryMs: HOUR, minTimeToExpiry: "1h" }, now)).toStrictEqual([
            "Atlas sent no expiry, so it cannot be kept for at least 1h",
        ]);
    });

    test("reports every failed check", () => {
        const running: SnapshotOutputs = { ...snapshot, status: "inProgress", rawStatus: "RUNNING" };

        expect(
            failedChecks(running, { status: ["completed"], minTimeToExpiryMs: 9 * DAY, minTimeToExpiry: "9d" }, now),
        ).toHaveLength(2);
    });
});

describe("enforceChecks", () => {
    test("lets a snapshot that passes every check through", () => {
        expect(() =>
            enforceChecks(snapshot, { status: ["completed"], minTimeToExpiryMs: DAY, minTimeToExpiry: "1d" }, now),
        ).not.toThrow();
    });

    test("throws a CheckFailedError naming the snapshot, instance, project, each check and the value found", () => {
        const running: SnapshotOutputs = { ...snapshot, status: "inProgress", rawStatus: "RUNNING" };
        const checks = { status: ["completed" as const], minTimeToExpiryMs: 9 * DAY, minTimeToExpiry: "9d" };

        let thrown: unknown;
        try {
            enforceChecks(running, checks, now);
        } catch (error) {
            thrown = error;
        }

        expect(thrown).toBeInstanceOf(CheckFailedError);
        expect((thrown as Error).message).toBe(
            'Snapshot 6a6f78e0cab84da5c4476b25 of "snapshotCluster0" in project b0123456789abcdef012345b failed ' +
                "its checks: status is inProgress (Atlas: RUNNING), expected completed; it expires in 8d " +
                "(at 2026-08-10T17:05:10Z), less than the 9d required. " +
                "Pick another snapshot, or change `checks` if this one is acceptable.",
        );
    });
});
