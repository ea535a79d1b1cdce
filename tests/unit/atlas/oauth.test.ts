// A service account token is replaced shortly before it expires, never fetched per request.
import { refreshMarginMs } from "../../../provider/atlas/oauth";

describe("refreshMarginMs", () => {
    test.each([
        ["Atlas's one-hour token", 3_600_000, 60_000],
        ["a ten-minute token", 600_000, 60_000],
        ["a day-long token", 86_400_000, 60_000],
        ["a five-minute token", 300_000, 30_000],
        ["a ten-second token", 10_000, 1_000],
        ["a token already expired", 0, 0],
    ])("replaces %s (%d ms) %d ms before it expires", (_case, lifetimeMs, expected) => {
        expect(refreshMarginMs(lifetimeMs)).toBe(expected);
    });
});
