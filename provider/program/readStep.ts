// What every snapshot resource that is a read step does with its arguments in the program, whichever family it
// reads: checks the gates it can check at once, makes its resource id (after a wait during an update), and makes
// the read's arguments the one JSON text the read step carries.
import * as pulumi from "@pulumi/pulumi";
import { validateChecks, validateWait } from "../snapshots/args";
import type { ReadKey } from "../snapshots/args";
import { readStepText, withoutUndefined } from "../snapshots/outputs";
import { opaqueResourceId, snapshotResourceId } from "../snapshots/resourceId";
import { isKnown, isPlain } from "./inputs";
import type { Validation } from "./reads";

/** The arguments every read step has besides its key. */
interface Gates {
    checks?: unknown;
    waitFor?: unknown;
}

/** Checks `checks` and `waitFor` once every value in them is known, so a typo fails the program at once. */
export function validateKnownGates(args: Gates): void {
    const checks = args.checks as Record<string, unknown> | undefined;
    if (isKnown(checks) && Object.values(checks ?? {}).every((v) => v === undefined || isKnown(v))) {
        validateChecks(checks);
    }
    const waitFor = args.waitFor as Record<string, unknown> | undefined;
    if (isKnown(waitFor) && Object.values(waitFor ?? {}).every((v) => v === undefined || isKnown(v))) {
        validateWait(waitFor);
    }
}

/**
 * The resource id. When every argument is a plain value and there is nothing to wait for (no `waitFor`, or a
 * preview, which never waits), it is known at once: the common case, so the read step costs no outputs of its own.
 * Else it is known once the arguments are and, during an update with `waitFor`, once the wait is over, so the read
 * step reads the finished snapshot. It holds no secret (the resource's name when part of the key is one), so it may
 * be unsecret. The wait's code (and the HTTP client under it) loads only when there is a wait.
 */
export function readStepId<A extends Gates>(
    name: string,
    args: A,
    secretArguments: pulumi.Input<string[] | undefined> | undefined,
    keyOf: (plain: A) => ReadKey,
    validation?: () => Promise<Validation>,
): pulumi.Input<string> {
    const nothingToWaitFor = args.waitFor === undefined || args.waitFor === null || pulumi.runtime.isDryRun();
    if (nothingToWaitFor && isPlain(args)) {
        return snapshotResourceId(keyOf(args));
    }
    return pulumi.unsecret(
        pulumi.all([pulumi.output(args), secretArguments]).apply(async ([plain, secret]) => {
            const given = plain as unknown as A;
            if (given.waitFor !== undefined && given.waitFor !== null) {
                const { waitBeforeRead } = await import("./reads");
                await waitBeforeRead(given, secret ?? [], validation && (await validation()));
            }
            const key = keyOf(given);
            return (secret ?? []).length > 0
                ? opaqueResourceId(key.snapshotId === undefined ? "newest" : "snapshot", name)
                : snapshotResourceId(key);
        }),
    );
}

/**
 * The read's arguments as a read step carries them: JSON text, made at once when every argument is plain, else
 * once all are known (secret when a key argument is). `defaults` fills arguments left out (`api: "auto"`).
 */
export function readStepArguments(
    args: object,
    secretArguments: pulumi.Output<string[] | undefined> | undefined,
    defaults: Record<string, unknown> = {},
): pulumi.Input<string> {
    const text = (plain: Record<string, unknown>, secret: string[] | undefined) => {
        const filled = Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, plain[key] ?? value]));
        return readStepText(withoutUndefined({ ...plain, ...filled, secretArguments: secret }));
    };
    if (secretArguments === undefined && isPlain(args)) {
        return text(args as Record<string, unknown>, undefined);
    }
    return pulumi
        .all([pulumi.output(args), secretArguments])
        .apply(([plain, secret]) => text(plain as Record<string, unknown>, secret));
}
