// What a 429 from the Admin API says and how long to wait after it, as pure functions tests call directly. Atlas
// limits calls with a token bucket per endpoint set and scope; an empty bucket answers 429
// RATE_LIMITED_TOKEN_BUCKET, with the wait in `Retry-After` and in its body, either of which may be missing.
import type { HttpFailure } from "./failure";

/** A bucket's figures, as a 429's body gives them: "Request capacity: 10. Refill rate: 5 per 60 seconds." */
export interface BucketFigures {
    capacity?: number;
    refillRate?: number;
    refillDurationSeconds?: number;
}

/** What one 429 said about the wait and the bucket; any field may be missing. */
export interface RateLimitRefusal extends BucketFigures {
    /** Seconds from `Retry-After`. */
    retryAfterSeconds?: number;
    /** Seconds from the body: "Please retry after N seconds", else the second of `parameters`. */
    bodySeconds?: number;
}

/** How a wait was decided, for the progress line and the error. */
export type WaitSource = "Retry-After" | "the 429's body" | "backoff";

/** MongoDB's advice when Atlas gives no wait: 10 s, then 20 s, 40 s and so on. */
export const FIRST_RATE_LIMIT_WAIT_MS = 10_000;

/** The most jitter added to a wait, as a share of it: waits of several processes then spread apart. */
export const RATE_LIMIT_JITTER = 0.1;

function wholeNumber(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
    if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

/**
 * Reads the wait and the figures from a 429's body. The detail's words win ("Please retry after 55 seconds.
 * Request capacity: 10. Refill rate: 5 per 60 seconds."); `parameters` fill in what it lacks, in the order of
 * the documentation's example: [path, seconds, capacity, refill rate, refill seconds].
 */
export function readRefusalBody(
    detail: string | undefined,
    parameters: readonly unknown[] | undefined,
): RateLimitRefusal {
    const text = detail ?? "";
    const match = (pattern: RegExp) => {
        const found = pattern.exec(text);
        return found ? Number(found[1]) : undefined;
    };
    const refill = /refill rate:?\s*(\d+)\s*per\s*(\d+)\s*seconds?/i.exec(text);
    const fromParameters = parameters && parameters.length >= 5 ? parameters : [];
    const bodySeconds = match(/retry after\s*(\d+)\s*seconds?/i) ?? wholeNumber(fromParameters[1]);
    const capacity = match(/request capacity:?\s*(\d+)/i) ?? wholeNumber(fromParameters[2]);
    const refillRate = refill ? Number(refill[1]) : wholeNumber(fromParameters[3]);
    const refillDurationSeconds = refill ? Number(refill[2]) : wholeNumber(fromParameters[4]);
    return {
        ...(bodySeconds !== undefined && { bodySeconds }),
        ...(capacity !== undefined && { capacity }),
        ...(refillRate !== undefined && refillRate > 0 && { refillRate }),
        ...(refillDurationSeconds !== undefined && refillDurationSeconds > 0 && { refillDurationSeconds }),
    };
}

/** Everything a 429 said: its headers' and its body's waits, and the bucket's figures. */
export function refusalOf(failure: HttpFailure): RateLimitRefusal {
    const body = readRefusalBody(failure.detail, failure.parameters);
    return {
        ...body,
        ...(body.capacity === undefined &&
            failure.rateLimitLimit !== undefined && { capacity: failure.rateLimitLimit }),
        ...(failure.retryAfterSeconds !== undefined && { retryAfterSeconds: failure.retryAfterSeconds }),
    };
}

/** The wait MongoDB advises before retry `refusalsInARow` when Atlas gave none: 10 s, 20 s, 40 s, … */
export function escalatedWaitMs(refusalsInARow: number, firstWaitMs = FIRST_RATE_LIMIT_WAIT_MS): number {
    return firstWaitMs * 2 ** Math.max(0, Math.min(refusalsInARow, 20) - 1);
}

/**
 * The wait after a 429: at least what `Retry-After` asks, else what the body asks, else the escalating backoff,
 * each with up to a tenth more of jitter, so processes refused together do not come back together. The jitter
 * shrinks with each 429 in a row (a tenth, a twentieth, …): a process refused at several refills comes back
 * ahead of those refused once, so processes sharing a bucket take its refills in turn rather than by lottery.
 */
export function rateLimitWaitMs(
    refusal: RateLimitRefusal,
    refusalsInARow: number,
    firstWaitMs = FIRST_RATE_LIMIT_WAIT_MS,
    random: () => number = Math.random,
): { waitMs: number; source: WaitSource } {
    const [base, source]: [number, WaitSource] =
        refusal.retryAfterSeconds !== undefined
            ? [refusal.retryAfterSeconds * 1000, "Retry-After"]
            : refusal.bodySeconds !== undefined
              ? [refusal.bodySeconds * 1000, "the 429's body"]
              : [escalatedWaitMs(refusalsInARow, firstWaitMs), "backoff"];
    // A wait of 0 s still waits a moment: the bucket refills on Atlas's clock, not ours.
    const floor = Math.max(base, 250);
    const jitter = RATE_LIMIT_JITTER / Math.max(1, refusalsInARow);
    return { waitMs: Math.round(floor + random() * floor * jitter), source };
}

/** Whether waiting `waitMs` more keeps a read within its budget, given what it has waited already. */
export function withinBudget(waitMs: number, waitedMs: number, budgetMs: number): boolean {
    return waitedMs + waitMs <= budgetMs;
}

/** A duration for messages: "55 s", "2 min 5 s", "3 min". */
export function describeWait(ms: number): string {
    const seconds = Math.ceil(ms / 1000);
    if (seconds < 60) return `${seconds} s`;
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A bucket's figures in words: "capacity 10, refill 5 per 60 s"; empty when Atlas gave none. */
export function describeFigures(figures: BucketFigures): string {
    const parts = [
        figures.capacity !== undefined ? `capacity ${figures.capacity}` : undefined,
        figures.refillRate !== undefined
            ? `refill ${figures.refillRate}${figures.refillDurationSeconds !== undefined ? ` per ${figures.refillDurationSeconds} s` : ""}`
            : undefined,
    ].filter((part) => part !== undefined);
    return parts.join(", ");
}
