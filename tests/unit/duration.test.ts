// Durations as users write them in checks and settings.
import { formatDuration, parseDuration } from "../../provider/common/duration";
import { InputError } from "../../provider/common/errors";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("parseDuration", () => {
    test.each([
        ["90m", 90 * MINUTE],
        ["36h", 36 * HOUR],
        ["7d", 7 * DAY],
        ["30s", 30_000],
        ["2w", 14 * DAY],
        ["0m", 0],
        ["P7D", 7 * DAY],
        ["PT36H", 36 * HOUR],
        ["P1W", 7 * DAY],
        ["PT90M", 90 * MINUTE],
        ["P1DT12H", 36 * HOUR],
        ["PT1.5S", 1_500],
        ["P1W2DT3H4M5S", 9 * DAY + 3 * HOUR + 4 * MINUTE + 5_000],
    ])("reads %s as %d ms", (text, expected) => {
        expect(parseDuration(text, "checks.minTimeToExpiry")).toBe(expected);
    });

    test.each([
        ["a bare number", "7"],
        ["a negative duration", "-1d"],
        ["P with no part", "P"],
        ["PT with no part", "PT"],
        ["a T with no time part", "P1DT"],
        ["an empty string", ""],
        ["an unknown unit", "7x"],
        ["a fraction with a short unit", "1.5d"],
        ["lower-case ISO", "p7d"],
        ["a space before the unit", "7 d"],
    ])("refuses %s, naming the argument and the accepted forms", (_case, text) => {
        expect(() => parseDuration(text, "checks.minTimeToExpiry")).toThrow(InputError);
        expect(() => parseDuration(text, "checks.minTimeToExpiry")).toThrow(
            `Invalid checks.minTimeToExpiry: ${JSON.stringify(text)}; ` +
                'expected a number and a unit ("90m", "36h", "7d") or ISO 8601 ("P7D", "PT36H").',
        );
    });

    test.each([
        ["a number", 7, "7"],
        ["null", null, "null"],
        ["undefined", undefined, "nothing"],
    ])("refuses %s instead of a string", (_case, value, shown) => {
        expect(() => parseDuration(value, "ATLAS_REQUEST_TIMEOUT")).toThrow(
            `Invalid ATLAS_REQUEST_TIMEOUT: ${shown}; expected a number and a unit`,
        );
    });
});

describe("formatDuration", () => {
    test.each([
        [0, "0s"],
        [999, "0s"],
        [12_000, "12s"],
        [45 * MINUTE, "45m"],
        [90 * MINUTE, "1h 30m"],
        [6 * DAY + 23 * HOUR, "6d 23h"],
        [DAY + 5 * MINUTE, "1d 5m"],
        [7 * DAY + HOUR + MINUTE + 1_000, "7d 1h"],
        [-90 * MINUTE, "-1h 30m"],
    ])("writes %d ms as %s", (ms, expected) => {
        expect(formatDuration(ms)).toBe(expected);
    });
});
