// When a failed request is worth another attempt, and how long to wait first.
import {
    BACKOFF_BASE_MS,
    isTransientError,
    requestedDelayMs,
    retryDelayMs,
    shouldRetry,
} from "../../../provider/atlas/retry";
import { answered, unanswered } from "./axiosErrors";

const MAX_DELAY_MS = 30_000;

describe("isTransientError and shouldRetry", () => {
    test.each([
        [429, true],
        [500, true],
        [502, true],
        [503, true],
        [504, true],
        [400, false],
        [401, false],
        [403, false],
        [404, false],
        [406, false],
        [410, false],
        [501, false],
    ])("takes an answer of %d as worth a retry: %s", (status, expected) => {
        const error = answered(status);

        expect(isTransientError(error)).toBe(expected);
        expect(shouldRetry(error, MAX_DELAY_MS)).toBe(expected);
    });

    test.each([
        ["ECONNRESET", true],
        ["ECONNREFUSED", true],
        ["ETIMEDOUT", true],
        ["ECONNABORTED", true],
        ["ENOTFOUND", true],
        ["ERR_BAD_RESPONSE", true],
        ["ERR_CANCELED", false],
        ["ERR_INVALID_URL", false],
    ])("takes a failure with no answer, %s, as worth a retry: %s", (code, expected) => {
        expect(shouldRetry(unanswered(code), MAX_DELAY_MS)).toBe(expected);
    });

    test.each([301, 302, 303, 307, 308])("never retries a redirect (%d): it would answer the same", (status) => {
        const error = answered(status, { location: "https://elsewhere.example.net/" });

        expect(isTransientError(error)).toBe(false);
        expect(shouldRetry(error, MAX_DELAY_MS)).toBe(false);
    });

    test.each([
        ["a success whose body broke off", answered(200), true],
        [
            "an answer past the size bound",
            unanswered("ERR_BAD_RESPONSE", "maxContentLength size of 4194304 exceeded"),
            false,
        ],
        ["a body cut short with no answer kept", unanswered("ERR_BAD_RESPONSE", "stream has been aborted"), true],
    ])("takes %s as worth a retry: %s", (_case, error, expected) => {
        expect(isTransientError(error)).toBe(expected);
    });

    test.each([
        ["Retry-After within the limit", "30", true],
        ["Retry-After above the limit", "31", false],
        ["Retry-After far above the limit", "3600", false],
    ])("retries a 429 with %s: %s", (_case, retryAfter, expected) => {
        expect(shouldRetry(answered(429, { "retry-after": retryAfter }), MAX_DELAY_MS)).toBe(expected);
    });

    test("does not retry a 404 even when it carries Retry-After", () => {
        expect(shouldRetry(answered(404, { "retry-after": "1" }), MAX_DELAY_MS)).toBe(false);
    });
});

describe("requestedDelayMs", () => {
    afterEach(() => {
        jest.useRealTimers();
    });

    test.each([
        ["0", 0],
        ["1", 1_000],
        ["  12 ", 12_000],
        ["120", 120_000],
    ])("reads Retry-After %p as %d ms", (header, expected) => {
        expect(requestedDelayMs(answered(503, { "retry-after": header }))).toBe(expected);
    });

    test("reads Retry-After as an HTTP date, counting from now", () => {
        jest.useFakeTimers({ now: new Date("2026-08-10T03:03:10Z") });

        const error = answered(429, { "retry-after": "Mon, 10 Aug 2026 03:03:25 GMT" });

        expect(requestedDelayMs(error)).toBe(15_000);
    });

    test("reads an HTTP date already past as no wait", () => {
        jest.useFakeTimers({ now: new Date("2026-08-10T03:03:10Z") });

        expect(requestedDelayMs(answered(429, { "retry-after": "Mon, 10 Aug 2026 03:00:00 GMT" }))).toBe(0);
    });

    test.each([
        ["absent", {}],
        ["empty", { "retry-after": "" }],
        ["not a number or a date", { "retry-after": "soon" }],
        ["negative seconds", { "retry-after": "-5" }],
        ["fractional seconds", { "retry-after": "1.5" }],
    ])("finds no requested wait when Retry-After is %s", (_case, headers) => {
        expect(requestedDelayMs(answered(429, headers))).toBeUndefined();
    });

    test("finds no requested wait when there was no answer", () => {
        expect(requestedDelayMs(unanswered("ECONNRESET"))).toBeUndefined();
    });
});

describe("retryDelayMs", () => {
    const lowest = () => 0;
    const highest = () => 0.999_999;

    test.each([
        [1, 250, 500],
        [2, 500, 1_000],
        [3, 1_000, 2_000],
        [4, 2_000, 4_000],
        [7, 16_000, 32_000],
    ])("waits, before retry %d, between %d and %d ms", (retry, low, high) => {
        const error = answered(503);

        expect(retryDelayMs(retry, error, 60_000, lowest)).toBe(low);
        expect(retryDelayMs(retry, error, 60_000, highest)).toBe(high);
        expect(retryDelayMs(retry, error, 60_000, () => 0.5)).toBe(Math.round((low + high) / 2));
    });

    test("starts from BACKOFF_BASE_MS", () => {
        expect(retryDelayMs(1, answered(500), MAX_DELAY_MS, highest)).toBe(BACKOFF_BASE_MS);
    });

    test("never waits longer than the maximum, however many retries", () => {
        const error = answered(502);

        expect(retryDelayMs(20, error, 3_000, highest)).toBe(3_000);
        expect(retryDelayMs(20, error, 3_000, lowest)).toBe(1_500);
    });

    test("waits what Retry-After asked for, without jitter", () => {
        const error = answered(429, { "retry-after": "7" });

        expect(retryDelayMs(1, error, MAX_DELAY_MS, lowest)).toBe(7_000);
        expect(retryDelayMs(3, error, MAX_DELAY_MS, highest)).toBe(7_000);
    });

    test("caps a Retry-After above the maximum at the maximum", () => {
        expect(retryDelayMs(1, answered(429, { "retry-after": "120" }), MAX_DELAY_MS)).toBe(MAX_DELAY_MS);
    });

    test("jitters with Math.random when no source of randomness is given", () => {
        const delays = Array.from({ length: 50 }, () => retryDelayMs(2, answered(503), MAX_DELAY_MS));

        for (const delay of delays) {
            expect(delay).toBeGreaterThanOrEqual(500);
            expect(delay).toBeLessThanOrEqual(1_000);
        }
        expect(new Set(delays).size).toBeGreaterThan(1);
    });
});
