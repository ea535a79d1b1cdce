// The decisions a 429 calls for: the wait it asks, MongoDB's escalation when it asks none, the budget, and the
// gate that holds a process's requests to an empty bucket.
import type { HttpFailure } from "../../../provider/atlas/failure";
import { describeExhaustion, describeFailure } from "../../../provider/atlas/failure";
import { describeRateLimitWait, newReadBudget, RateLimitGate } from "../../../provider/atlas/rateLimitGate";
import type { RateLimitClock, RateLimitWait } from "../../../provider/atlas/rateLimitGate";
import {
    describeWait,
    escalatedWaitMs,
    rateLimitWaitMs,
    readRefusalBody,
    refusalOf,
    withinBudget,
} from "../../../provider/atlas/rateLimits";

const DOCS_DETAIL =
    "Rate limit exceeded for api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.";
const DOCS_PARAMETERS = ["api/atlas/v2/orgs", 55, 10, 5, 60];

function refusal(fields: Partial<HttpFailure> = {}): HttpFailure {
    return { kind: "http", status: 429, errorCode: "RATE_LIMITED_TOKEN_BUCKET", ...fields };
}

describe("reading a 429's body", () => {
    test("reads the wait and the figures from the documentation's detail", () => {
        expect(readRefusalBody(DOCS_DETAIL, undefined)).toEqual({
            bodySeconds: 55,
            capacity: 10,
            refillRate: 5,
            refillDurationSeconds: 60,
        });
    });

    test("falls back to parameters, in the example's order, when the detail says nothing", () => {
        expect(readRefusalBody("Too many requests.", DOCS_PARAMETERS)).toEqual({
            bodySeconds: 55,
            capacity: 10,
            refillRate: 5,
            refillDurationSeconds: 60,
        });
    });

    test("the detail wins over parameters that disagree", () => {
        expect(readRefusalBody(DOCS_DETAIL, ["x", 1, 2, 3, 4]).bodySeconds).toBe(55);
    });

    test("finds nothing in a body without them, or in parameters of another shape", () => {
        expect(
            readRefusalBody("Resource /api/oauth/token is limited to 50 requests every 1 minutes.", [
                "/api/oauth/token",
                50,
                1,
            ]),
        ).toEqual({});
        expect(readRefusalBody(undefined, ["a", "soon", null, -1, {}])).toEqual({});
    });

    test("a refusal takes Retry-After from the header and the capacity from RateLimit-Limit when the body lacks it", () => {
        expect(refusalOf(refusal({ retryAfterSeconds: 30, rateLimitLimit: 7, detail: "no figures" }))).toEqual({
            retryAfterSeconds: 30,
            capacity: 7,
        });
        expect(refusalOf(refusal({ detail: DOCS_DETAIL, rateLimitLimit: 7 })).capacity).toBe(10);
    });
});

describe("how long to wait", () => {
    const noJitter = () => 0;

    test("Retry-After first, then the body's wait, then MongoDB's 10 s, 20 s, 40 s", () => {
        expect(rateLimitWaitMs({ retryAfterSeconds: 55, bodySeconds: 20 }, 1, 10_000, noJitter)).toEqual({
            waitMs: 55_000,
            source: "Retry-After",
        });
        expect(rateLimitWaitMs({ bodySeconds: 20 }, 3, 10_000, noJitter)).toEqual({
            waitMs: 20_000,
            source: "the 429's body",
        });
        expect([1, 2, 3, 4].map((n) => rateLimitWaitMs({}, n, 10_000, noJitter).waitMs)).toEqual([
            10_000, 20_000, 40_000, 80_000,
        ]);
    });

    test("a Retry-After longer than ATLAS_MAX_RETRY_DELAY is waited in full", () => {
        expect(rateLimitWaitMs({ retryAfterSeconds: 120 }, 1, 10_000, noJitter).waitMs).toBe(120_000);
    });

    test("jitter only ever adds, by at most a tenth", () => {
        expect(rateLimitWaitMs({ retryAfterSeconds: 10 }, 1, 10_000, () => 0.999).waitMs).toBe(10_999);
        expect(rateLimitWaitMs({ retryAfterSeconds: 10 }, 1, 10_000, () => 0.5).waitMs).toBe(10_500);
    });

    test("the jitter shrinks with each 429 in a row, so the longest refused comes back first", () => {
        const late = rateLimitWaitMs({ retryAfterSeconds: 10 }, 1, 10_000, () => 0.5).waitMs;
        const earlier = rateLimitWaitMs({ retryAfterSeconds: 10 }, 4, 10_000, () => 0.999).waitMs;
        expect(earlier).toBeLessThan(late);
        expect(earlier).toBe(10_250);
    });

    test("a wait of 0 s still waits a moment", () => {
        expect(rateLimitWaitMs({ retryAfterSeconds: 0 }, 1, 10_000, noJitter).waitMs).toBe(250);
    });

    test("escalation starts from the first wait given and doubles", () => {
        expect(escalatedWaitMs(1, 100)).toBe(100);
        expect(escalatedWaitMs(5, 100)).toBe(1_600);
        expect(escalatedWaitMs(0)).toBe(10_000);
    });

    test("the budget counts every wait of the read", () => {
        expect(withinBudget(55_000, 120_000, 180_000)).toBe(true);
        expect(withinBudget(60_001, 120_000, 180_000)).toBe(false);
        expect(withinBudget(1, 0, 0)).toBe(false);
    });

    test("durations read as people read them", () => {
        expect([999, 55_000, 60_000, 125_000, 180_000].map(describeWait)).toEqual([
            "1 s",
            "55 s",
            "1 min",
            "2 min 5 s",
            "3 min",
        ]);
    });
});

/** A clock that only moves when a sleep is waited out, so nothing here depends on real time. */
function fakeClock(): RateLimitClock & { slept: number[] } {
    let now = 1_000_000;
    const slept: number[] = [];
    return {
        slept,
        now: () => now,
        sleep: async (ms) => {
            slept.push(ms);
            await Promise.resolve();
            now += ms;
        },
        random: () => 0,
    };
}

describe("the gate", () => {
    const BUCKET = "Flex snapshot reads of project p";

    function gate(clock: RateLimitClock, waits: RateLimitWait[] = [], budgetMs = 180_000) {
        return new RateLimitGate({ budgetMs, scarceBelow: 16, clock, onWait: (wait) => waits.push(wait) });
    }

    async function pass(g: RateLimitGate, budget = newReadBudget()) {
        const entered = await g.enter(BUCKET, budget);
        if (!("pass" in entered)) throw new Error("expected a pass");
        return entered.pass;
    }

    test("lets the first request find out alone, then all at once while tokens are plenty", async () => {
        const g = gate(fakeClock());
        const first = await pass(g);
        let secondIn = false;
        const second = g.enter(BUCKET, newReadBudget()).then(() => (secondIn = true));
        await Promise.resolve();
        expect(secondIn).toBe(false);

        first.answered(1000);
        await second;
        expect(secondIn).toBe(true);
        // Open now: a third goes beside the second.
        await pass(g);
    });

    test("after a 429, every read waits for the refill it asked for, and one line is reported for all", async () => {
        const clock = fakeClock();
        const waits: RateLimitWait[] = [];
        const g = gate(clock, waits);
        const first = await pass(g);
        first.refused(refusal({ retryAfterSeconds: 55, detail: DOCS_DETAIL }));

        const a = pass(g);
        const b = g.enter(BUCKET, newReadBudget());
        const first2 = await a;

        // Each read waits the 55 s (this clock adds them up); one line tells of both.
        expect(clock.slept).toEqual([55_000, 55_000]);
        expect(waits).toEqual([
            {
                bucket: BUCKET,
                waitMs: 55_000,
                source: "Retry-After",
                figures: { capacity: 10, refillRate: 5, refillDurationSeconds: 60 },
                budgetLeftMs: 180_000,
                budgetMs: 180_000,
            },
        ]);
        expect(describeRateLimitWait(waits[0], "ATLAS_RATE_LIMIT_BUDGET")).toBe(
            "Atlas's rate limit of Flex snapshot reads of project p is spent (capacity 10, refill 5 per 60 s): " +
                "waiting 55 s as Retry-After asks, then reading on (3 min of ATLAS_RATE_LIMIT_BUDGET 3 min left).",
        );
        first2.answered(undefined);
        expect("pass" in (await b)).toBe(true);
    });

    test("while tokens are scarce, requests go one at a time, so a process draws one 429 per refill", async () => {
        const clock = fakeClock();
        const g = gate(clock);
        (await pass(g)).answered(3);
        const first = await pass(g);
        let secondIn = false;
        const second = g.enter(BUCKET, newReadBudget()).then((entered) => {
            secondIn = true;
            return entered;
        });
        await Promise.resolve();
        expect(secondIn).toBe(false);

        first.refused(refusal({ retryAfterSeconds: 5 }));
        const entered = await second;

        expect(clock.slept).toEqual([5_000]);
        expect("pass" in entered).toBe(true);
    });

    test("while the bucket refuses, a process that just had a token lets the others that waited go first", async () => {
        const clock = fakeClock();
        const g = gate(clock);
        (await pass(g)).refused(refusal({ retryAfterSeconds: 5, detail: "Refill rate: 2 per 5 seconds." }));
        (await pass(g)).answered(1);
        const before = clock.slept.length;

        (await pass(g)).answered(0);

        // A tenth of the 5 s refill period, the most the jitter of a refused process adds.
        expect(clock.slept.slice(before)).toEqual([500]);
    });

    test("goes back to all at once after a refill period without a 429", async () => {
        const clock = fakeClock();
        const g = gate(clock);
        (await pass(g)).refused(refusal({ retryAfterSeconds: 5, detail: "Refill rate: 2 per 5 seconds." }));
        (await pass(g)).answered(undefined);
        await clock.sleep(5_000);
        (await pass(g)).answered(undefined);

        const a = await pass(g);
        const b = await pass(g);
        a.answered(undefined);
        b.answered(undefined);
    });

    test("without any wait given, waits 10 s, 20 s, 40 s", async () => {
        const clock = fakeClock();
        const g = gate(clock);
        const budget = newReadBudget();
        for (let i = 0; i < 3; i++) (await pass(g, budget)).refused(refusal());
        (await pass(g, budget)).answered(undefined);

        expect(clock.slept).toEqual([10_000, 20_000, 40_000]);
        expect(budget).toEqual({ waitedMs: 70_000, refusals: 3 });
    });

    test("stops a read whose next wait would pass its budget, with the bucket's figures, before waiting", async () => {
        const clock = fakeClock();
        const g = gate(clock, [], 60_000);
        const budget = newReadBudget();
        (await pass(g, budget)).refused(refusal({ retryAfterSeconds: 55, detail: DOCS_DETAIL }));
        (await pass(g, budget)).refused(refusal({ retryAfterSeconds: 55, detail: DOCS_DETAIL }));

        const entered = await g.enter(BUCKET, budget);

        expect(clock.slept).toEqual([55_000]);
        if (!("exhausted" in entered)) throw new Error("expected the budget to run out");
        expect(entered.exhausted).toEqual({
            bucket: BUCKET,
            figures: { capacity: 10, refillRate: 5, refillDurationSeconds: 60 },
            askedMs: 55_000,
            waitedMs: 55_000,
            budgetMs: 60_000,
            refusals: 2,
        });
        const failure = { ...entered.failure, rateLimit: entered.exhausted } as HttpFailure;
        expect(describeFailure(failure)).toBe(
            `Atlas answered 429 RATE_LIMITED_TOKEN_BUCKET: ${DOCS_DETAIL.replace(/\.$/, "")}; ${describeExhaustion(entered.exhausted)}`,
        );
        expect(describeExhaustion(entered.exhausted)).toBe(
            "the rate limit of Flex snapshot reads of project p (capacity 10, refill 5 per 60 s) asks for 55 s more, " +
                "past the read's wait budget of 1 min (55 s waited already, 2 × 429)",
        );
    });

    test("a read that comes to a bucket another read closed counts that wait against its own budget", async () => {
        const clock = fakeClock();
        const g = gate(clock, [], 30_000);
        (await pass(g)).refused(refusal({ retryAfterSeconds: 55 }));

        const entered = await g.enter(BUCKET, newReadBudget());

        expect(clock.slept).toEqual([]);
        expect("exhausted" in entered && entered.exhausted.refusals).toBe(0);
    });

    test("a failure other than a 429 says nothing of the bucket: the next request finds out again", async () => {
        const g = gate(fakeClock());
        (await pass(g)).failed();
        const next = await pass(g);
        let besideIn = false;
        const beside = g.enter(BUCKET, newReadBudget()).then(() => (besideIn = true));
        await Promise.resolve();
        expect(besideIn).toBe(false);
        next.answered(500);
        await beside;
    });

    test("buckets are apart: a 429 of one holds none of another's reads", async () => {
        const clock = fakeClock();
        const g = gate(clock);
        (await pass(g)).refused(refusal({ retryAfterSeconds: 55 }));

        const other = await g.enter("serverless snapshot reads of project p", newReadBudget());

        expect("pass" in other).toBe(true);
        expect(clock.slept).toEqual([]);
    });
});
