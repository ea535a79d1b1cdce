// How the seed sets Atlas's token buckets up: their capacity, refill, scope and whether answers carry the
// rate-limit headers. The buckets themselves are enforced in faults/rateLimit.ts.

/**
 * The Admin API's limits as enforced since February 2026: a token bucket per endpoint set and scope. A bucket
 * starts full at `capacity`; each request takes one token; `refillRate` tokens come back every
 * `refillDurationSeconds`, counted from the bucket's first request, up to `capacity`.
 */
export interface RateLimitConfig {
    capacity: number;
    refillRate: number;
    refillDurationSeconds: number;
    /** What one bucket is shared by: a project (Atlas's GROUP scope), a credential (USER) or a client address (IP). Default project. */
    scope?: RateLimitScope;
    /** Whether answers carry `Ratelimit-Limit`, `Ratelimit-Remaining` and, on a 429, `Retry-After`; default true. Atlas may leave them out. */
    headers?: boolean;
}

/** The scopes a bucket can be shared by, as Atlas names them in lower case. */
export const RATE_LIMIT_SCOPES = ["project", "user", "ip"] as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];
