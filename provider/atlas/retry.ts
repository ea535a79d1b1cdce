// When a failed request is worth another attempt, and how long to wait first. Pure, so tests call them directly.
import { AxiosError } from "axios";
import { isOversizedAnswer, isRedirectStatus, retryAfterSeconds } from "./failure";

/** Statuses that say "try again": rate limits and server-side failures. */
export const RETRYABLE_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** The first backoff step, doubled on each attempt. */
export const BACKOFF_BASE_MS = 500;

/**
 * Whether an error is a transient one: a retryable status, a timeout, or a broken connection. A redirect or an
 * answer past the size bound would come back the same, so neither is.
 */
export function isTransientError(error: AxiosError): boolean {
    if (error.response) {
        if (isRedirectStatus(error.response.status)) {
            return false;
        }
        // A success status that still failed broke off mid-body: as transient as a reset.
        return error.response.status < 300 || RETRYABLE_STATUSES.includes(error.response.status);
    }
    if (isOversizedAnswer(error)) {
        return false;
    }
    // No response: refused, reset, timed out, closed early. The request is a GET, so repeating it is safe.
    // A cancel is the caller's; the client's own deadline reaches here as ETIMEDOUT, not ERR_CANCELED.
    return error.code !== "ERR_CANCELED" && error.code !== "ERR_INVALID_URL";
}

/** Milliseconds Atlas asked to wait via `Retry-After`, if it did. */
export function requestedDelayMs(error: AxiosError): number | undefined {
    const seconds = retryAfterSeconds(error.response?.headers?.["retry-after"]);
    return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * The wait before attempt `retry + 1`: what Atlas asked for, else exponential backoff with jitter
 * (between half and all of 0.5 s, 1 s, 2 s, …), never more than `maxDelayMs`.
 */
export function retryDelayMs(retry: number, error: AxiosError, maxDelayMs: number, random = Math.random): number {
    const requested = requestedDelayMs(error);
    if (requested !== undefined) {
        return Math.min(requested, maxDelayMs);
    }
    const ceiling = Math.min(maxDelayMs, BACKOFF_BASE_MS * 2 ** (retry - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Whether to retry: transient, and Atlas did not ask for a longer wait than the client may take. */
export function shouldRetry(error: AxiosError, maxDelayMs: number): boolean {
    const requested = requestedDelayMs(error);
    return isTransientError(error) && (requested === undefined || requested <= maxDelayMs);
}
