// Preview gates: conditions a snapshot must meet for the read, and so the preview, to succeed.
import { CheckFailedError } from "./errors";
import { formatDuration } from "../common/duration";
import type { SnapshotOutputs } from "./outputs";
import type { ServerlessSnapshotStatus } from "../atlas/schemas";

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

/** Which check a failure is of. */
export type CheckName = "status" | "minTimeToExpiry" | "maxAge";

/** One failed check: which, why in words, and whether Atlas simply had not sent the value it needs yet. */
export interface CheckFailure {
    check: CheckName;
    message: string;
    /** True when the snapshot lacks the field the check reads (no status, no expiry, no creation time). */
    valueMissing: boolean;
}

/** Each failed check, with what it found; empty when the snapshot passes. */
export function checkFailures(snapshot: SnapshotOutputs, checks: ValidChecks, now: Date): CheckFailure[] {
    const failures: CheckFailure[] = [];
    if (checks.status && !(snapshot.status !== undefined && checks.status.includes(snapshot.status))) {
        const found = snapshot.status ?? "no status";
        const raw =
            snapshot.rawStatus && snapshot.rawStatus !== snapshot.status ? ` (Atlas: ${snapshot.rawStatus})` : "";
        failures.push({
            check: "status",
            message: `status is ${found}${raw}, expected ${checks.status.join(" or ")}`,
            valueMissing: snapshot.status === undefined,
        });
    }
    if (checks.minTimeToExpiryMs !== undefined) {
        const wanted = checks.minTimeToExpiry ?? formatDuration(checks.minTimeToExpiryMs);
        if (snapshot.expiresAt === undefined) {
            failures.push({
                check: "minTimeToExpiry",
                message: `Atlas sent no expiry, so it cannot be kept for at least ${wanted}`,
                valueMissing: true,
            });
        } else {
            const left = Date.parse(snapshot.expiresAt) - now.getTime();
            if (Number.isNaN(left) || left < checks.minTimeToExpiryMs) {
                const when = left <= 0 ? `expired ${formatDuration(-left)} ago` : `expires in ${formatDuration(left)}`;
                failures.push({
                    check: "minTimeToExpiry",
                    message: `it ${when} (at ${snapshot.expiresAt}), less than the ${wanted} required`,
                    valueMissing: false,
                });
            }
        }
    }
    if (checks.maxAgeMs !== undefined) {
        const wanted = checks.maxAge ?? formatDuration(checks.maxAgeMs);
        const created = snapshot.createdAt === undefined ? NaN : Date.parse(snapshot.createdAt);
        if (Number.isNaN(created)) {
            failures.push({
                check: "maxAge",
                message: `Atlas sent no creation time, so it cannot be shown to be younger than ${wanted}`,
                valueMissing: snapshot.createdAt === undefined,
            });
        } else if (now.getTime() - created > checks.maxAgeMs) {
            failures.push({
                check: "maxAge",
                message: `it is ${formatDuration(now.getTime() - created)} old (taken ${snapshot.createdAt}), older than the ${wanted} allowed`,
                valueMissing: false,
            });
        }
    }
    return failures;
}

/** Each failed check, described for a person; empty when the snapshot passes. */
export function failedChecks(snapshot: SnapshotOutputs, checks: ValidChecks, now: Date): string[] {
    return checkFailures(snapshot, checks, now).map((failure) => failure.message);
}

/** The sentence that names a snapshot and the checks it failed, for errors and warnings alike. */
export function describeFailedChecks(snapshot: SnapshotOutputs, failures: readonly string[]): string {
    return (
        `Snapshot ${snapshot.snapshotId} of "${snapshot.instanceName}" in project ${snapshot.projectId} ` +
        `failed its checks: ${failures.join("; ")}.`
    );
}

/** Throws a `CheckFailedError` naming the snapshot, each failed check and the value found. */
export function enforceChecks(snapshot: SnapshotOutputs, checks: ValidChecks, now: Date): void {
    const failures = failedChecks(snapshot, checks, now);
    if (failures.length > 0) {
        throw new CheckFailedError(
            `${describeFailedChecks(snapshot, failures)} Pick another snapshot, or change \`checks\` if this one is acceptable.`,
        );
    }
}
