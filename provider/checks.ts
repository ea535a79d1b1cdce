// Preview gates: conditions a snapshot must meet for the read, and so the preview, to succeed.
import { CheckFailedError } from "./errors";
import { formatDuration } from "./duration";
import type { SnapshotOutputs } from "./outputs";
import type { ServerlessSnapshotStatus } from "./atlas/schemas";

/** Checks after validation: statuses accepted and the least time the snapshot must still be kept. */
export interface ValidChecks {
    status?: ServerlessSnapshotStatus[];
    minTimeToExpiryMs?: number;
    /** The duration as the user wrote it, for messages. */
    minTimeToExpiry?: string;
    /** The oldest the snapshot may be, from its `createdAt`. */
    maxAgeMs?: number;
    /** The duration as the user wrote it, for messages. */
    maxAge?: string;
}

/** Each failed check, described for a person; empty when the snapshot passes. */
export function failedChecks(snapshot: SnapshotOutputs, checks: ValidChecks, now: Date): string[] {
    const failures: string[] = [];
    if (checks.status && !(snapshot.status !== undefined && checks.status.includes(snapshot.status))) {
        const found = snapshot.status ?? "no status";
        const raw =
            snapshot.rawStatus && snapshot.rawStatus !== snapshot.status ? ` (Atlas: ${snapshot.rawStatus})` : "";
        failures.push(`status is ${found}${raw}, expected ${checks.status.join(" or ")}`);
    }
    if (checks.minTimeToExpiryMs !== undefined) {
        const wanted = checks.minTimeToExpiry ?? formatDuration(checks.minTimeToExpiryMs);
        if (snapshot.expiresAt === undefined) {
            failures.push(`Atlas sent no expiry, so it cannot be kept for at least ${wanted}`);
        } else {
            const left = Date.parse(snapshot.expiresAt) - now.getTime();
            if (Number.isNaN(left) || left < checks.minTimeToExpiryMs) {
                const when = left <= 0 ? `expired ${formatDuration(-left)} ago` : `expires in ${formatDuration(left)}`;
                failures.push(`it ${when} (at ${snapshot.expiresAt}), less than the ${wanted} required`);
            }
        }
    }
    if (checks.maxAgeMs !== undefined) {
        const wanted = checks.maxAge ?? formatDuration(checks.maxAgeMs);
        const created = snapshot.createdAt === undefined ? NaN : Date.parse(snapshot.createdAt);
        if (Number.isNaN(created)) {
            failures.push(`Atlas sent no creation time, so it cannot be shown to be younger than ${wanted}`);
        } else if (now.getTime() - created > checks.maxAgeMs) {
            failures.push(
                `it is ${formatDuration(now.getTime() - created)} old (taken ${snapshot.createdAt}), older than the ${wanted} allowed`,
            );
        }
    }
    return failures;
}

/** Throws a `CheckFailedError` naming the snapshot, each failed check and the value found. */
export function enforceChecks(snapshot: SnapshotOutputs, checks: ValidChecks, now: Date): void {
    const failures = failedChecks(snapshot, checks, now);
    if (failures.length > 0) {
        throw new CheckFailedError(
            `Snapshot ${snapshot.snapshotId} of "${snapshot.instanceName}" in project ${snapshot.projectId} ` +
                `failed its checks: ${failures.join("; ")}. ` +
                "Pick another snapshot, or change `checks` if this one is acceptable.",
        );
    }
}
