// Query parameters as Atlas validates them: booleans are true/false, integers stay within the spec's bounds,
// and anything else is a 400 rather than a silent default.
import type { ApiError } from "../../provider/atlas/schemas";
import { invalidQueryParameter } from "./errors";

/** Parses a boolean query flag (`true`/`false`, any case): undefined when absent, the 400 error when malformed. */
export function parseFlag(query: URLSearchParams, name: string): boolean | ApiError | undefined {
    const raw = query.get(name);
    if (raw === null) return undefined;
    const lower = raw.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    return invalidQueryParameter(name, raw, "true or false");
}

/** Parses an integer query parameter within `[min, max]`: `fallback` when absent, the 400 error when not. */
export function parseBoundedInt(
    query: URLSearchParams,
    name: string,
    fallback: number,
    min: number,
    max: number,
): number | ApiError {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
        return invalidQueryParameter(name, raw, expected);
    }
    return value;
}
