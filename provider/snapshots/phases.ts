// How a read, of one snapshot or of a list, behaves in each phase of a deployment. The engine reads in a preview,
// in an update and on a refresh, and tells the provider none of this: the program says preview or update, and a
// refresh is recognised by the last outputs it hands over. The get… functions and the dynamic providers share this.
import type { AtlasClient } from "../atlas/client";
import type { ValidArgs } from "./args";
import { checkFailures, describeFailedChecks, enforceChecks } from "./checks";
import { CheckFailedError, SnapshotReadError } from "./errors";
import { describeKeyAtStart } from "./explain";
import type { SnapshotOutputs } from "./outputs";
import { fetchSnapshot, readSnapshot, readSnapshotList } from "./read";
import type { SnapshotList } from "./read";
import type { ValidListArgs } from "./args";
import { waitForSnapshot } from "./waiting";
import type { WaitEnvironment } from "./waiting";

/** The engine's step a read belongs to. */
export type ReadPhase = "preview" | "update" | "refresh";

/** What a read reports besides its result: progress of a wait, and warnings the user should see. */
export interface ReadEnvironment extends WaitEnvironment {
    warn(line: string): void;
}

/**
 * Reads the snapshot as `phase` requires:
 * - preview: one read, never a wait; with `waitFor`, checks the wait may still satisfy (the status, values Atlas
 *   has not sent yet) do not fail it, but a failed snapshot does;
 * - update: waits when `waitFor` says so, then enforces every check;
 * - refresh: one read, never a wait; failed checks are warnings, and a snapshot Atlas no longer has (404) yields
 *   undefined, so the engine drops the resource from the state.
 */
export async function readInPhase(
    client: AtlasClient,
    args: ValidArgs,
    phase: ReadPhase,
    environment: ReadEnvironment,
): Promise<SnapshotOutputs | undefined> {
    const now = () => new Date(environment.now());
    switch (phase) {
        case "update":
            if (args.waitFor) {
                return waitForSnapshot(client, { ...args, waitFor: args.waitFor }, environment);
            }
            return readSnapshot(client, args, now());
        case "preview": {
            const snapshot = await fetchSnapshot(client, args);
            if (!args.waitFor || snapshot.status === args.waitFor.status) {
                enforceChecks(snapshot, args.checks, now());
                return snapshot;
            }
            if (snapshot.status === "failed") {
                throw new CheckFailedError(
                    `${describeKeyAtStart(args.key)} failed` +
                        `${snapshot.rawStatus && snapshot.rawStatus !== "failed" ? ` (Atlas: ${snapshot.rawStatus})` : ""}, ` +
                        `so the update's wait for ${args.waitFor.status} would stop at once. ` +
                        "Take a new snapshot, or read another one.",
                );
            }
            // The update waits for the status first: only what waiting cannot change fails the preview now.
            const final = checkFailures(snapshot, args.checks, now()).filter(
                (failure) => failure.check !== "status" && !failure.valueMissing,
            );
            if (final.length > 0) {
                throw new CheckFailedError(
                    `${describeFailedChecks(
                        snapshot,
                        final.map((failure) => failure.message),
                    )} Waiting cannot change that. Pick another snapshot, or change \`checks\` if this one is acceptable.`,
                );
            }
            environment.report(
                `${describeKeyAtStart(args.key)} is ${snapshot.status ?? "without a status"}: ` +
                    `the update waits until it is ${args.waitFor.status} (at most ${args.waitFor.timeout}), then checks it.`,
            );
            return snapshot;
        }
        case "refresh": {
            const snapshot = await unlessGone(
                () => fetchSnapshot(client, args),
                environment,
                "The refresh removes it from the stack's state; the next update reads it again and fails unless the " +
                    "program names a snapshot Atlas still has.",
            );
            if (snapshot === undefined) {
                return undefined;
            }
            const failures = checkFailures(snapshot, args.checks, now()).map((failure) => failure.message);
            if (failures.length > 0) {
                environment.warn(
                    `${describeFailedChecks(snapshot, failures)} The refresh records it as it is; ` +
                        "the next preview or update fails on these checks.",
                );
            }
            return snapshot;
        }
    }
}

/**
 * A refresh's read: when Atlas no longer has what it reads (404), a warning ending in `consequence`, and undefined,
 * so the engine drops the resource from the state; any other failure fails the refresh.
 */
async function unlessGone<T>(
    read: () => Promise<T>,
    environment: ReadEnvironment,
    consequence: string,
): Promise<T | undefined> {
    try {
        return await read();
    } catch (error) {
        if (error instanceof SnapshotReadError && error.notFound) {
            environment.warn(`${error.message} ${consequence}`);
            return undefined;
        }
        throw error;
    }
}

/**
 * Reads an instance's snapshot list as `phase` requires: a preview and an update read it; a refresh does too, but
 * a list Atlas no longer has (404) yields undefined, as a single snapshot's does, so the engine drops the resource.
 */
export async function readListInPhase(
    client: AtlasClient,
    args: ValidListArgs,
    phase: ReadPhase,
    environment: ReadEnvironment,
): Promise<SnapshotList | undefined> {
    const read = () => readSnapshotList(client, args, new Date(environment.now()));
    if (phase !== "refresh") {
        return read();
    }
    return unlessGone(read, environment, "The refresh removes the list from the stack's state.");
}
