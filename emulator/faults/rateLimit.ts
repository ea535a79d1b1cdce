// Atlas limits the token endpoint per client in a sliding minute; clients must reuse tokens, not refetch them.
// The Admin API counts calls too, and tells clients how many are left in `Ratelimit-*` headers.
import { RATE_LIMIT_SCOPES, type RateLimitConfig, type RateLimitScope } from "../data/rateLimitConfig";

export { RATE_LIMIT_SCOPES, type RateLimitConfig, type RateLimitScope };

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

/** Checks a rate limit configuration; throws a RangeError naming the first field that cannot work. */
export function validateRateLimitConfig(value: unknown): RateLimitConfig {
    const config = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    for (const name of ["capacity", "refillRate", "refillDurationSeconds"]) {
        const field = config[name];
        if (typeof field !== "number" || !Number.isSafeInteger(field) || field < 1) {
            throw new RangeError(`rate limit ${name} must be a positive integer, got ${JSON.stringify(field)}`);
        }
    }
    if (config.scope !== undefined && !(RATE_LIMIT_SCOPES as readonly unknown[]).includes(config.scope)) {
        throw new RangeError(
            `rate limit scope must be ${RATE_LIMIT_SCOPES.join(", ")}, got ${JSON.stringify(config.scope)}`,
        );
    }
    if (config.headers !== undefined && typeof config.headers !== "boolean") {
        throw new RangeError(`rate limit headers must be true or false, got ${JSON.stringify(config.headers)}`);
    }
    const unknown = Object.keys(config).filter(
        (name) => !["capacity", "refillRate", "refillDurationSeconds", "scope", "headers"].includes(name),
    );
    if (unknown.length > 0) {
        throw new RangeError(`rate limit has no field ${unknown[0]}`);
    }
    return config as unknown as RateLimitConfig;
}

/** A bucket's verdict: allowed with the tokens left, or refused with the whole seconds until the next refill. */
export type BucketVerdict = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** One token bucket, refilled in steps on a fixed schedule from its first request. */
export class TokenBucket {
    private tokens: number;
    private lastRefillMs: number;

    constructor(
        readonly config: RateLimitConfig,
        startMs: number,
    ) {
        this.tokens = config.capacity;
        this.lastRefillMs = startMs;
    }

    private refill(nowMs: number): void {
        const periodMs = this.config.refillDurationSeconds * 1000;
        const periods = Math.floor((nowMs - this.lastRefillMs) / periodMs);
        if (periods > 0) {
            this.tokens = Math.min(this.config.capacity, this.tokens + periods * this.config.refillRate);
            this.lastRefillMs += periods * periodMs;
        }
    }

    /** Takes a token if one is left; refused requests take none. */
    take(nowMs = Date.now()): BucketVerdict {
        this.refill(nowMs);
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return { allowed: true, remaining: this.tokens };
        }
        const nextRefillMs = this.lastRefillMs + this.config.refillDurationSeconds * 1000;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((nextRefillMs - nowMs) / 1000)) };
    }

    /** The tokens left now, for the control API. */
    remaining(nowMs = Date.now()): number {
        this.refill(nowMs);
        return this.tokens;
    }
}

/**
 * The endpoint sets the emulator's routes belong to: each API's snapshot GET and list share one, and the cluster
 * API's replica-set and sharded-cluster routes share one.
 */
export const ENDPOINT_SETS = {
    serverlessSnapshot: "serverlessBackupSnapshots",
    serverlessSnapshots: "serverlessBackupSnapshots",
    flexSnapshot: "flexBackupSnapshots",
    flexSnapshots: "flexBackupSnapshots",
    clusterSnapshot: "cloudBackupSnapshots",
    clusterSnapshots: "cloudBackupSnapshots",
    shardedClusterSnapshot: "cloudBackupSnapshots",
    shardedClusterSnapshots: "cloudBackupSnapshots",
} as const;

/** Who a request counts against, in each scope. */
export interface RateLimitSubject {
    projectId: string;
    principalId: string;
    address: string;
}

/** The buckets of one configuration, created at their first request. */
export class TokenBuckets {
    private readonly buckets = new Map<string, TokenBucket>();

    constructor(readonly config: RateLimitConfig) {}

    /** The bucket a request takes its token from: its endpoint set, and its project, credential or address. */
    bucketFor(
        endpointSet: string,
        subject: RateLimitSubject,
        nowMs = Date.now(),
    ): { key: string; bucket: TokenBucket } {
        const scope = this.config.scope ?? "project";
        const scoped =
            scope === "project" ? subject.projectId : scope === "user" ? subject.principalId : subject.address;
        const key = `${endpointSet} ${scope} ${scoped}`;
        let bucket = this.buckets.get(key);
        if (bucket === undefined) {
            bucket = new TokenBucket(this.config, nowMs);
            this.buckets.set(key, bucket);
        }
        return { key, bucket };
    }

    /** Every bucket so far and its tokens left, for the control API. */
    list(nowMs = Date.now()): { bucket: string; remaining: number }[] {
        return [...this.buckets].map(([bucket, state]) => ({ bucket, remaining: state.remaining(nowMs) }));
    }
}
