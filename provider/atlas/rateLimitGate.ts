// Holds a process's requests to an Atlas rate-limit bucket once the bucket has said it is empty: every read that
// would draw on it waits for the refill, instead of spending a request (and a 429) to learn it again. While
// tokens are scarce, requests to the bucket go one at a time, so a process draws at most one 429 per refill.
import type { HttpFailure, RateLimitExhausted } from "./failure";
import {
    describeFigures,
    describeWait,
    FIRST_RATE_LIMIT_WAIT_MS,
    RATE_LIMIT_JITTER,
    rateLimitWaitMs,
    refusalOf,
} from "./rateLimits";
import type { BucketFigures, WaitSource } from "./rateLimits";

/** The clock, timers and randomness the gate runs on; tests give their own. */
export interface RateLimitClock {
    now(): number;
    sleep(ms: number): Promise<void>;
    random(): number;
}

/** The real clock and timers. */
export const REAL_RATE_LIMIT_CLOCK: RateLimitClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
};

/** One wait for an empty bucket, as the progress line reports it. */
export interface RateLimitWait {
    /** The bucket in words: "Flex snapshot reads of project …". */
    bucket: string;
    waitMs: number;
    source: WaitSource;
    figures: BucketFigures;
    /** The wait budget left to the read that waits, this wait not yet counted. */
    budgetLeftMs: number;
    budgetMs: number;
}

/** The progress line for a wait: which bucket, how long and why, and the budget left. */
export function describeRateLimitWait(wait: RateLimitWait, budgetVariable: string): string {
    const figures = describeFigures(wait.figures);
    const why = wait.source === "backoff" ? "Atlas gave no wait, so backing off" : `as ${wait.source} asks`;
    return (
        `Atlas's rate limit of ${wait.bucket} is spent${figures ? ` (${figures})` : ""}: waiting ` +
        `${describeWait(wait.waitMs)} ${why}, then reading on ` +
        `(${describeWait(wait.budgetLeftMs)} of ${budgetVariable} ${describeWait(wait.budgetMs)} left).`
    );
}

/** What one read has spent of its wait budget, across its requests and its retries. */
export interface ReadBudget {
    waitedMs: number;
    refusals: number;
}

/** A new read's budget: nothing waited yet. */
export function newReadBudget(): ReadBudget {
    return { waitedMs: 0, refusals: 0 };
}

/**
 * unknown: no answer yet, so one request finds out how full the bucket is while the others wait for it. open:
 * requests go as the concurrency bound allows. scarce: one at a time, after a 429 or an answer that left fewer
 * tokens than the process may have in flight, until a refill period passes without a 429.
 */
type BucketMode = "unknown" | "open" | "scarce";

interface BucketState {
    mode: BucketMode;
    /** No request goes before this time: the bucket said it is empty until then. */
    closedUntil: number;
    /**
     * While processes contend for the bucket (until a refill period past a 429's closure), the next request after an answer waits
     * until then: a tenth of the refill period, the most a refused process's jitter adds, so processes that waited
     * for the refill take its tokens before one that has just had one takes another.
     */
    yieldUntil: number;
    /** The closure a progress line was printed for, so one closure prints one line, not one per read. */
    announced: number;
    inFlight: number;
    wakers: (() => void)[];
    refusalsInARow: number;
    /** When the bucket was last found short: a 429, or few tokens left. */
    scarceSince: number;
    /** Until when processes contend for the bucket: a refill period past the end of its last closure by a 429. */
    contendedUntil: number;
    figures: BucketFigures;
    /** The last 429, for the error of a read whose budget it would exceed. */
    lastRefusal?: { failure: HttpFailure; source: WaitSource };
}

/** A request let through the gate; exactly one of its methods is called once it is answered. */
export interface GatePass {
    /** Answered without a 429; `remaining` from `RateLimit-Remaining` when sent. */
    answered(remaining: number | undefined): void;
    /** Answered 429: the bucket is closed for the wait the answer asks. */
    refused(failure: HttpFailure): void;
    /** Failed otherwise (no answer, 5xx…): says nothing of the bucket. */
    failed(): void;
}

export interface RateLimitGateOptions {
    /** The longest a read waits in all for rate limits (ATLAS_RATE_LIMIT_BUDGET). */
    budgetMs: number;
    /** Below this many tokens left, requests to a bucket go one at a time: the process's concurrency bound. */
    scarceBelow: number;
    /** The first wait when Atlas gives none; it doubles with each 429 in a row. Default 10 s, as MongoDB advises. */
    firstWaitMs?: number;
    clock?: RateLimitClock;
    /** Told of every closure, once, with the budget of the read that waits first. */
    onWait?: (wait: RateLimitWait) => void;
}

/** The refill period assumed when Atlas gives none: the documentation's example refills every minute. */
const DEFAULT_REFILL_MS = 60_000;

/** A process's view of Atlas's rate-limit buckets, keyed by the bucket each request draws on. */
export class RateLimitGate {
    private readonly buckets = new Map<string, BucketState>();
    private readonly clock: RateLimitClock;
    private readonly firstWaitMs: number;

    constructor(private readonly options: RateLimitGateOptions) {
        this.clock = options.clock ?? REAL_RATE_LIMIT_CLOCK;
        this.firstWaitMs = options.firstWaitMs ?? FIRST_RATE_LIMIT_WAIT_MS;
    }

    private state(bucket: string): BucketState {
        let state = this.buckets.get(bucket);
        if (state === undefined) {
            state = {
                mode: "unknown",
                closedUntil: 0,
                yieldUntil: 0,
                announced: 0,
                inFlight: 0,
                wakers: [],
                refusalsInARow: 0,
                scarceSince: 0,
                contendedUntil: 0,
                figures: {},
            };
            this.buckets.set(bucket, state);
        }
        return state;
    }

    /**
     * Waits until a request may draw on `bucket`, counting the waits against `budget`. Resolves with a pass, or
     * with what the bucket asked when waiting for it would pass the read's budget: then the read stops.
     */
    async enter(
        bucket: string,
        budget: ReadBudget,
    ): Promise<{ pass: GatePass } | { exhausted: RateLimitExhausted; failure: HttpFailure }> {
        const state = this.state(bucket);
        for (;;) {
            const now = this.clock.now();
            if (state.closedUntil > now) {
                const waitMs = state.closedUntil - now;
                const last = state.lastRefusal as NonNullable<BucketState["lastRefusal"]>;
                if (budget.waitedMs + waitMs > this.options.budgetMs) {
                    return {
                        failure: last.failure,
                        exhausted: {
                            bucket,
                            figures: state.figures,
                            askedMs: waitMs,
                            waitedMs: budget.waitedMs,
                            budgetMs: this.options.budgetMs,
                            refusals: budget.refusals,
                        },
                    };
                }
                if (state.announced !== state.closedUntil) {
                    state.announced = state.closedUntil;
                    this.options.onWait?.({
                        bucket,
                        waitMs,
                        source: last.source,
                        figures: state.figures,
                        budgetLeftMs: this.options.budgetMs - budget.waitedMs,
                        budgetMs: this.options.budgetMs,
                    });
                }
                await this.clock.sleep(waitMs);
                budget.waitedMs += waitMs;
                continue;
            }
            if (state.mode === "scarce" && state.yieldUntil > now) {
                const waitMs = state.yieldUntil - now;
                await this.clock.sleep(waitMs);
                budget.waitedMs += waitMs;
                continue;
            }
            if (state.mode !== "open" && state.inFlight > 0) {
                await new Promise<void>((resolve) => state.wakers.push(resolve));
                continue;
            }
            state.inFlight += 1;
            return { pass: this.passFor(state, budget) };
        }
    }

    private passFor(state: BucketState, budget: ReadBudget): GatePass {
        let settled = false;
        const settle = (outcome: () => void) => {
            if (settled) return;
            settled = true;
            state.inFlight -= 1;
            outcome();
            // Every waiter looks again; one goes if the bucket allows one at a time.
            for (const wake of state.wakers.splice(0)) wake();
        };
        return {
            answered: (remaining) =>
                settle(() => {
                    const now = this.clock.now();
                    state.refusalsInARow = 0;
                    if (remaining !== undefined && remaining < this.options.scarceBelow) {
                        if (state.mode !== "scarce") state.scarceSince = now;
                        state.mode = "scarce";
                    } else if (state.mode === "unknown") {
                        state.mode = "open";
                    } else if (state.mode === "scarce" && now - state.scarceSince >= this.refillMs(state)) {
                        state.mode = "open";
                    }
                    // Only while processes contend for it: the refill after a 429, and the period after.
                    if (state.mode === "scarce" && now < state.contendedUntil) {
                        state.yieldUntil = now + this.refillMs(state) * RATE_LIMIT_JITTER;
                    }
                }),
            refused: (failure) =>
                settle(() => {
                    const now = this.clock.now();
                    const refusal = refusalOf(failure);
                    const figures = {
                        capacity: refusal.capacity ?? state.figures.capacity,
                        refillRate: refusal.refillRate ?? state.figures.refillRate,
                        refillDurationSeconds: refusal.refillDurationSeconds ?? state.figures.refillDurationSeconds,
                    };
                    state.figures = Object.fromEntries(
                        Object.entries(figures).filter(([, value]) => value !== undefined),
                    ) as BucketFigures;
                    state.refusalsInARow += 1;
                    state.mode = "scarce";
                    state.scarceSince = now;
                    budget.refusals += 1;
                    const { waitMs, source } = rateLimitWaitMs(
                        refusal,
                        state.refusalsInARow,
                        this.firstWaitMs,
                        this.clock.random,
                    );
                    if (now + waitMs > state.closedUntil) {
                        state.closedUntil = now + waitMs;
                        state.lastRefusal = { failure, source };
                    }
                    state.contendedUntil = state.closedUntil + this.refillMs(state);
                }),
            failed: () => settle(() => undefined),
        };
    }

    private refillMs(state: BucketState): number {
        const seconds = state.figures.refillDurationSeconds;
        return seconds === undefined ? DEFAULT_REFILL_MS : seconds * 1000;
    }
}
