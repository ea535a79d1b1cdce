// The errors raised before any request: an argument or a setting that cannot be used. Every room may raise them,
// the Atlas client included; each names what was given, what was expected, and never a credential.

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
