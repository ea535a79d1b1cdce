// Waiting, during `pulumi up`, until a snapshot reaches a status: read, report, sleep, read again.
import type { AtlasClient, AtlasClientHooks } from "../atlas/client";
import { describeRateLimitWait } from "../atlas/rateLimitGate";
import { LIMIT_VARIABLES } from "../atlas/settings";
import type { ValidArgs, ValidWait } from "./args";
import { enforceChecks } from "./checks";
import { formatDuration } from "../common/duration";
import { SnapshotReadError } from "./errors";
import { describeKey, describeKeyAtStart } from "./explain";
import type { SnapshotOutputs } from "./outputs";
import { fetchSnapshot } from "./read";
import { redactRemembered } from "./redaction";

/** What a wait needs from its surroundings: a clock, a sleep, and somewhere to report progress. */
export interface WaitEnvironment {
    now(): number;
    sleep(ms: number): Promise<void>;
    report(line: string): void;
}

/** The real clock, timers and a progress line on the process's output, which the Pulumi CLI shows. */
export const REAL_WAIT_ENVIRONMENT: WaitEnvironment = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    report: (line) => console.log(line),
};

/**
 * A client's hooks that report each wait for Atlas's rate limit as one progress line through `report`: the line
 * serves every read waiting on the bucket, so it hides every value any read of the process marked secret.
 */
export function rateLimitProgress(report: (line: string) => void): AtlasClientHooks {
    return {
        onWait: (wait) => report(redactRemembered(describeRateLimitWait(wait, LIMIT_VARIABLES.rateLimitBudgetMs))),
    };
}

/** Reads the snapshot until it has `wait.status`; fails early on `failed` and at the timeout with the last status. */
export async function waitForSnapshot(
    client: AtlasClient,
    args: ValidArgs & { waitFor: ValidWait },
    environment: WaitEnvironment = REAL_WAIT_ENVIRONMENT,
): Promise<SnapshotOutputs> {
    const wait = args.waitFor;
    const started = environment.now();
    const what = describeKey(args.key);
    for (let poll = 1; ; poll++) {
        const snapshot = await fetchSnapshot(client, args);
        const elapsed = environment.now() - started;
        if (snapshot.status === wait.status) {
            environment.report(
                `${describeKeyAtStart(args.key)} is ${snapshot.status} (after ${formatDuration(elapsed)}, ${poll} reads)`,
            );
            enforceChecks(snapshot, args.checks, new Date(environment.now()));
            return snapshot;
        }
        if (snapshot.status === "failed") {
            throw new SnapshotReadError(
                `Stopped waiting for ${what} to be ${wait.status}: Atlas reports it failed` +
                    `${snapshot.rawStatus && snapshot.rawStatus !== "failed" ? ` (${snapshot.rawStatus})` : ""}. ` +
                    "Take a new snapshot, or read another one.",
            );
        }
        if (elapsed + wait.intervalMs > wait.timeoutMs) {
            throw new SnapshotReadError(
                `Gave up waiting for ${what} to be ${wait.status} after ${formatDuration(elapsed)} ` +
                    `(waitFor.timeout ${wait.timeout}): it is still ${snapshot.status ?? "without a status"}` +
                    `${snapshot.rawStatus && snapshot.rawStatus !== snapshot.status ? ` (Atlas: ${snapshot.rawStatus})` : ""}. ` +
                    "Raise waitFor.timeout, or run the deployment again later.",
            );
        }
        environment.report(
            `Waiting for ${what} to be ${wait.status}: it is ${snapshot.status ?? "without a status"} ` +
                `(${formatDuration(elapsed)} of ${wait.timeout}; next read in ${formatDuration(wait.intervalMs)})`,
        );
        await environment.sleep(wait.intervalMs);
    }
}
