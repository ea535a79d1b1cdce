// Durations as users write them in checks and waits: "90m", "36h", "7d", or ISO 8601 "P7D", "PT36H".
import { InputError } from "./errors";

const SHORT_FORM = /^(\d+)(s|m|h|d|w)$/;
const ISO_FORM = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The forms `parseDuration` accepts, as error messages name them. */
export const DURATION_FORMS = 'a number and a unit ("90m", "36h", "7d") or ISO 8601 ("P7D", "PT36H")';

/** Parses a duration into milliseconds; `argument` names the input in the error for anything else. */
export function parseDuration(value: unknown, argument: string): number {
    if (typeof value !== "string") {
        throw new InputError(argument, value, DURATION_FORMS);
    }
    const short = SHORT_FORM.exec(value);
    if (short) {
        return Number(short[1]) * UNIT_MS[short[2]];
    }
    const iso = ISO_FORM.exec(value);
    // "P" and "PT" match the pattern with no part at all: a duration must say how long.
    if (iso && iso.slice(1).some((part) => part !== undefined) && !value.endsWith("T")) {
        const [, weeks, days, hours, minutes, seconds] = iso.map((part) => Number(part ?? 0));
        return (
            weeks * UNIT_MS.w + days * UNIT_MS.d + hours * UNIT_MS.h + minutes * UNIT_MS.m + Math.round(seconds * 1000)
        );
    }
    throw new InputError(argument, value, DURATION_FORMS);
}

/** Writes milliseconds the way people read them: "6d 23h", "45m", "12s". */
export function formatDuration(ms: number): string {
    const sign = ms < 0 ? "-" : "";
    let rest = Math.abs(ms);
    const parts: string[] = [];
    for (const [unit, size] of [
        ["d", UNIT_MS.d],
        ["h", UNIT_MS.h],
        ["m", UNIT_MS.m],
        ["s", UNIT_MS.s],
    ] as const) {
        if (rest >= size && parts.length < 2) {
            parts.push(`${Math.floor(rest / size)}${unit}`);
            rest %= size;
        }
    }
    return sign + (parts.length ? parts.join(" ") : "0s");
}
