// Atlas limits the token endpoint per client in a sliding minute; clients must reuse tokens, not refetch them.
// The Admin API counts calls too, and tells clients how many are left in `Ratelimit-*` headers.

/** The verdict on one request: allowed, or refused with the seconds until a slot frees up. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Allows at most `limit` requests per key in any window of `windowMs`. */
export class SlidingWindowLimiter {
    private readonly hits = new Map<string, number[]>();

    /** A limiter of `limit` requests per `windowMs` milliseconds and per key. */
    constructor(
        readonly limit: number,
        readonly windowMs = 60_000,
    ) {}

    /** Counts a request for the key if it fits in the window; refused requests are not counted. */
    attempt(key: string, nowMs = Date.now()): RateVerdict {
        const recent = (this.hits.get(key) ?? []).filter((time) => time > nowMs - this.windowMs);
        if (recent.length >= this.limit) {
            this.hits.set(key, recent);
            return {
                allowed: false,
                retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - nowMs) / 1000)),
            };
        }
        recent.push(nowMs);
        this.hits.set(key, recent);
        return { allowed: true };
    }

    /** Counts a request for the key whatever the count, and returns how many of the limit are left (0 once spent). */
    count(key: string, nowMs = Date.now()): number {
        const recent = (this.hits.get(key) ?? []).filter((time) => time > nowMs - this.windowMs);
        recent.push(nowMs);
        // Past the limit only the newest `limit` hits matter: the remaining count is 0 until one of them expires.
        if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
        this.hits.set(key, recent);
        return this.limit - recent.length;
    }
}
