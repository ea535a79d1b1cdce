// Keeps values the user marked secret out of every line this package prints: errors, progress lines and
// warnings. Messages are built from the key (instance name, ids, request paths), so the key's secret parts are
// replaced wherever they stand, as whole words.

/** What stands in a message where a secret value would have been. */
export const SECRET_PLACEHOLDER = "[secret]";

/** Characters that may continue a project id, snapshot id or instance name, so a match must not touch them. */
const WORD = "A-Za-z0-9-";

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A function that replaces each whole occurrence of the given values with `[secret]`; identity for none. */
export function redactor(secrets: readonly string[]): (text: string) => string {
    const values = [...new Set(secrets.filter((value) => value.length > 0))].sort((a, b) => b.length - a.length);
    if (values.length === 0) {
        return (text) => text;
    }
    const pattern = new RegExp(`(?<![${WORD}])(?:${values.map(escapeRegExp).join("|")})(?![${WORD}])`, "g");
    return (text) => text.replace(pattern, SECRET_PLACEHOLDER);
}

/** The values among `key`'s fields named in `secretNames`: what a message must never show. */
export function secretValues<K extends string>(
    key: Partial<Record<K, unknown>>,
    secretNames: readonly string[] | undefined,
): string[] {
    return (secretNames ?? []).flatMap((name) => {
        const value = (key as Record<string, unknown>)[name];
        return typeof value === "string" ? [value] : [];
    });
}

/** An error with the same type and fields whose message (and stack) no longer shows the secret values. */
export function redactError(error: unknown, redact: (text: string) => string): unknown {
    if (error instanceof Error) {
        const message = redact(error.message);
        if (message !== error.message) {
            error.message = message;
            error.stack = `${error.name}: ${message}`;
        }
        return error;
    }
    return typeof error === "string" ? redact(error) : error;
}

/** Every value marked secret by any read of this process so far. */
const remembered = new Set<string>();

/** Keeps `values` out of lines that belong to no single read, such as a rate limit's progress line. */
export function rememberSecrets(values: readonly string[]): void {
    for (const value of values) remembered.add(value);
}

/** Replaces every value any read of this process marked secret: for lines several reads share. */
export function redactRemembered(text: string): string {
    return redactor([...remembered])(text);
}
