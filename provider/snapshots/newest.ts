// Choosing the newest snapshot that qualifies, for programs that do not know a snapshot id in advance.
import type { ServerlessSnapshotStatus } from "../atlas/schemas";
import type { SnapshotOutputs } from "./outputs";

/** When a snapshot was taken, for ordering; snapshots without a readable time sort last. */
function takenAt(snapshot: SnapshotOutputs): number {
    const time = snapshot.createdAt === undefined ? NaN : Date.parse(snapshot.createdAt);
    return Number.isNaN(time) ? -Infinity : time;
}

/** Snapshots newest first, by `createdAt`; ties keep Atlas's order. */
export function newestFirst(snapshots: SnapshotOutputs[]): SnapshotOutputs[] {
    return snapshots
        .map((snapshot, index) => ({ snapshot, index }))
        .sort((a, b) => takenAt(b.snapshot) - takenAt(a.snapshot) || a.index - b.index)
        .map(({ snapshot }) => snapshot);
}

/** The newest snapshot whose status is one of `statuses`, if any. */
export function pickNewest(
    snapshots: SnapshotOutputs[],
    statuses: readonly ServerlessSnapshotStatus[],
): SnapshotOutputs | undefined {
    return newestFirst(snapshots).find((s) => s.status !== undefined && statuses.includes(s.status));
}

/** "5 snapshots (3 completed, 1 inProgress, 1 failed)", or "no snapshots". */
export function describeStatuses(snapshots: SnapshotOutputs[]): string {
    if (snapshots.length === 0) {
        return "no snapshots";
    }
    const counts = new Map<string, number>();
    for (const snapshot of snapshots) {
        const status = snapshot.status ?? "no status";
        counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    const parts = [...counts].map(([status, count]) => `${count} ${status}`);
    return `${snapshots.length} snapshot${snapshots.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}
