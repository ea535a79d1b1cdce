// Seed date-times may be relative to the emulator's start (`now-6h`), so a bundled seed never goes stale.
import { z } from "zod";

const RELATIVE_TIME = /^now((?:[+-]\d+[mhd])*)$/;
const OFFSET = /([+-])(\d+)([mhd])/g;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
// The same ISO 8601 form the client accepts in Atlas answers.
const isoDateTime = z.iso.datetime({ offset: true });

/** True for a seed time the emulator can resolve: ISO 8601 with a zone, `now`, or `now` with offsets like `-6h+30m`. */
export function isSeedTime(value: string): boolean {
    return RELATIVE_TIME.test(value) || isoDateTime.safeParse(value).success;
}

/** Formats an instant the way Atlas serves date-times: `YYYY-MM-DDTHH:MM:SSZ`, no fraction. */
export function formatAtlasTime(instant: Date): string {
    return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Resolves a seed time against `now` into Atlas's format; throws on a value {@link isSeedTime} rejects. */
export function resolveSeedTime(value: string, now: Date): string {
    const relative = RELATIVE_TIME.exec(value);
    if (relative !== null) {
        let ms = now.getTime();
        for (const [, sign, amount, unit] of relative[1].matchAll(OFFSET)) {
            ms += (sign === "-" ? -1 : 1) * Number(amount) * UNIT_MS[unit];
        }
        return formatAtlasTime(new Date(ms));
    }
    if (!isoDateTime.safeParse(value).success) {
        throw new RangeError(`${value} is neither an ISO 8601 date-time nor now[+-]<n>m|h|d`);
    }
    return formatAtlasTime(new Date(value));
}
