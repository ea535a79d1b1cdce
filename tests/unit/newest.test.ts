import { describeStatuses, newestFirst, pickNewest } from "../../provider/snapshots/newest";
import type { SnapshotOutputs } from "../../provider/snapshots/outputs";

function snapshot(snapshotId: string, status: SnapshotOutputs["status"], createdAt?: string): SnapshotOutputs {
    return {
        projectId: "32b6e34b3d91647abb20e7b8",
        instanceName: "orders",
        snapshotId,
        source: "flex",
        ...(status ? { status } : {}),
        ...(createdAt ? { createdAt } : {}),
    };
}

const snapshots = [
    snapshot("a", "completed", "2026-11-01T00:00:00Z"),
    snapshot("b", "inProgress", "2026-11-03T00:00:00Z"),
    snapshot("c", "completed", "2026-11-02T00:00:00Z"),
    snapshot("d", "failed", "2026-11-04T00:00:00Z"),
    snapshot("e", "queued"),
];

test("newestFirst orders by createdAt, newest first, with undated snapshots last", () => {
    expect(newestFirst(snapshots).map((s) => s.snapshotId)).toEqual(["d", "b", "c", "a", "e"]);
});

test.each([
    [["completed"], "c"],
    [["completed", "inProgress"], "b"],
    [["failed"], "d"],
    [["queued"], "e"],
])("pickNewest among %p picks %s", (statuses, expected) => {
    expect(pickNewest(snapshots, statuses as never)?.snapshotId).toBe(expected);
});

test("pickNewest finds nothing when no status qualifies", () => {
    expect(pickNewest([snapshot("a", "failed", "2026-11-01T00:00:00Z")], ["completed"])).toBeUndefined();
});

test.each([
    [[], "no snapshots"],
    [[snapshot("a", "completed")], "1 snapshot (1 completed)"],
    [snapshots, "5 snapshots (2 completed, 1 inProgress, 1 failed, 1 queued)"],
    [[snapshot("x", undefined)], "1 snapshot (1 no status)"],
])("describeStatuses(%#) says %p", (list, expected) => {
    expect(describeStatuses(list)).toBe(expected);
});
