// The HTTP stack every request to Atlas goes through, over real HTTP against the emulator: whose abort is whose,
// and what each attempt's deadline does and does not end.
import { AxiosError, isCancel } from "axios";
import { attemptsOf, createHttp } from "../../provider/atlas/http";
import type { HttpLimits } from "../../provider/atlas/http";
import { SEED } from "../e2e/programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

useEmulator();

const LIMITS: HttpLimits = { requestTimeoutMs: 2_000, maxAttempts: 3, maxRetryDelayMs: 100 };

const flexUrl = () =>
    `${emulator.url}/api/atlas/v2/groups/${SEED.projectId}/flexClusters/${SEED.flexCluster}/backup/snapshots/${SEED.flexSnapshot}`;

/** Resolves once the emulator has received `count` requests. */
async function arrived(count: number): Promise<void> {
    while (emulator.requests().length < count) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

async function rejection(request: Promise<unknown>): Promise<AxiosError> {
    try {
        await request;
    } catch (error) {
        return error as AxiosError;
    }
    throw new Error("expected the request to fail, but it succeeded");
}

describe("a caller's own signal", () => {
    test("aborting it ends the request at once as a cancel, which is never retried nor called a timeout", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "hang", times: Infinity });
        const caller = new AbortController();

        const request = rejection(createHttp(LIMITS).get(flexUrl(), { signal: caller.signal }));
        await arrived(1);
        caller.abort();
        const error = await request;

        expect(isCancel(error)).toBe(true);
        expect(error.code).toBe(AxiosError.ERR_CANCELED);
        expect(attemptsOf(error)).toBe(1);
        expect(emulator.requests()).toHaveLength(1);
    });

    test("one that never aborts lets the answer through, and is the request's signal again once it is done", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: { id: SEED.flexSnapshot } });
        const caller = new AbortController();

        const response = await createHttp(LIMITS).get<string>(flexUrl(), { signal: caller.signal });

        expect(JSON.parse(response.data)).toStrictEqual({ id: SEED.flexSnapshot });
        expect(response.config.signal).toBe(caller.signal);
    });

    test("without one, a finished request keeps no signal of the deadline's", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "body", body: { id: SEED.flexSnapshot } });

        const response = await createHttp(LIMITS).get<string>(flexUrl());

        expect(response.config.signal).toBeUndefined();
    });
});

describe("each attempt's deadline", () => {
    test("ends an attempt as axios's own timeout, retried like one, with the error's request kept", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "hang", times: Infinity });

        const error = await rejection(createHttp({ ...LIMITS, requestTimeoutMs: 200, maxAttempts: 2 }).get(flexUrl()));

        expect(error.code).toBe(AxiosError.ETIMEDOUT);
        expect(error.message).toBe("timeout of 200ms exceeded");
        expect(error.request).toBeDefined();
        expect(attemptsOf(error)).toBe(2);
        expect(emulator.requests()).toHaveLength(2);
    });
});

describe("attemptsOf", () => {
    test.each([
        ["an error axios-retry never saw", 1, new AxiosError("x")],
        ["an error that is not axios's", 1, new Error("x")],
        ["nothing at all", 1, undefined],
        [
            "an error after two retries",
            3,
            Object.assign(new AxiosError("x"), { config: { "axios-retry": { retryCount: 2 } } }),
        ],
    ])("counts %s as %d attempt(s)", (_case, expected, error) => {
        expect(attemptsOf(error)).toBe(expected);
    });
});
