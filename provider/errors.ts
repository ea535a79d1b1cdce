// The errors users see. Each names what was asked, what went wrong and what to try, and never a credential.
import type { AtlasRequestError } from "./atlas/failure";
import type { SnapshotApi } from "./atlas/endpoints";

/** Shows a user's value in a message: JSON-quoted, and cut short so a huge input cannot flood the log. */
export function showValue(value: unknown): string {
    if (value === undefined) {
        return "nothing";
    }
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An argument or setting that is not of the form Atlas or this package accepts; raised before any request. */
export class InputError extends Error {
    /** The argument or setting at fault, as the user wrote it (`snapshotId`, `checks.minTimeToExpiry`). */
    readonly argument: string;

    constructor(argument: string, value: unknown, expected: string) {
        super(`Invalid ${argument}: ${showValue(value)}; expected ${expected}.`);
        this.name = "InputError";
        this.argument = argument;
    }
}

/** An argument this package does not take, most likely a misspelt one; raised before any request. */
export class UnknownArgumentError extends InputError {
    /** The known argument the unknown one most likely meant; undefined when none is close. */
    readonly closest: string | undefined;

    constructor(argument: string, known: readonly string[], closest?: string) {
        super(argument, undefined, `one of ${known.join(", ")}`);
        this.message =
            closest === undefined
                ? `Unknown argument ${argument}; expected one of ${known.join(", ")}.`
                : `Unknown argument ${argument}; did you mean ${closest}?`;
        this.name = "UnknownArgumentError";
        this.closest = closest;
    }
}

/** A configuration problem (credentials, base URL, limits) found before any request. */
export class ConfigurationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigurationError";
    }
}

/** A snapshot that Atlas returned but that fails one of the user's `checks`. */
export class CheckFailedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "CheckFailedError";
    }
}

/** A read that failed at Atlas or on the way there; the message is the whole explanation. */
export class SnapshotReadError extends Error {
    /**
     * True when Atlas's last answer was 404: the snapshot (or its instance or project) is not there any more, so
     * a refresh drops the resource from the state instead of failing.
     */
    readonly notFound: boolean;
    /** The failed requests the message explains, endpoint by endpoint, when Atlas was asked. */
    readonly requests: readonly { api: SnapshotApi; error: AtlasRequestError }[];

    constructor(
        message: string,
        options: { notFound?: boolean; requests?: readonly { api: SnapshotApi; error: AtlasRequestError }[] } = {},
    ) {
        super(message);
        this.name = "SnapshotReadError";
        this.notFound = options.notFound ?? false;
        this.requests = options.requests ?? [];
    }
}
