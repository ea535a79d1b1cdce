// A service account's tokens against the emulator's token endpoint over real HTTP, on a clock the test moves:
// one token per lifetime, one fresh token per refusal, and nothing asked of an endpoint that refused the secret.
import { createHttp } from "../../provider/atlas/http";
import { TokenSource } from "../../provider/atlas/oauth";
import { AtlasRequestError } from "../../provider/atlas/failure";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { HttpLimits } from "../../provider/atlas/http";
import { SEED } from "../e2e/programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

useEmulator({ tokenTtlSeconds: 3600 });

/** A clock that stands still until the test moves it. */
function handClock(startMs = 1_000_000) {
    let nowMs = startMs;
    return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

function tokenSource(clock = handClock(), clientSecret = SEED.clientSecret, limits: HttpLimits = DEFAULT_LIMITS) {
    return new TokenSource(
        createHttp(limits),
        emulator.url,
        SEED.clientId,
        clientSecret,
        limits.requestTimeoutMs,
        clock.now,
    );
}

/** The statuses the token endpoint answered, in order. */
const tokenAnswers = () =>
    emulator
        .requests()
        .filter((entry) => entry.route === "token")
        .map((entry) => entry.status);

/** The error a promise rejects with. */
async function rejectionOf(promise: Promise<unknown>): Promise<AtlasRequestError> {
    const error = await promise.then(
        () => undefined,
        (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AtlasRequestError);
    return error as AtlasRequestError;
}

describe("TokenSource", () => {
    test("fetches a token the emulator honours, with Basic auth and the client-credentials grant", async () => {
        const source = tokenSource();

        const token = await source.token();

        expect(emulator.issuedTokens()).toStrictEqual([token]);
        expect(emulator.requests()).toMatchObject([
            { method: "POST", path: "/api/oauth/token", authScheme: "basic", accept: "application/json", status: 200 },
        ]);
        expect(source.fetched).toBe(1);
    });

    test("reuses the token until a minute before its hour is up, then fetches the next", async () => {
        const clock = handClock();
        const source = tokenSource(clock);
        const first = await source.token();

        clock.advance(3_600_000 - 60_000 - 1);
        expect(await source.token()).toBe(first);
        clock.advance(1);
        const second = await source.token();

        expect(second).not.toBe(first);
        expect(tokenAnswers()).toStrictEqual([200, 200]);
        expect(source.fetched).toBe(2);
    });

    test("measures the lifetime from when it asked, not from when the answer came", async () => {
        let nowMs = 0;
        const clock = { now: () => nowMs++ };
        const source = new TokenSource(
            createHttp(DEFAULT_LIMITS),
            emulator.url,
            SEED.clientId,
            SEED.clientSecret,
            DEFAULT_LIMITS.requestTimeoutMs,
            clock.now,
        );
        const first = await source.token(); // asked at 0: due for renewal at 3,540,000

        nowMs = 3_540_000 - 1;
        expect(await source.token()).toBe(first);
        expect(await source.token()).not.toBe(first);
    });

    test("concurrent first calls share one token request", async () => {
        const source = tokenSource();

        const tokens = await Promise.all(Array.from({ length: 10 }, () => source.token()));

        expect(new Set(tokens).size).toBe(1);
        expect(tokenAnswers()).toStrictEqual([200]);
    });

    test("a refused token earns one fresh token; a refusal of that one too earns none", async () => {
        const source = tokenSource();
        const first = await source.token();

        expect(source.refused(first)).toBe(true);
        const fresh = await source.token();
        expect(fresh).not.toBe(first);

        expect(source.refused(fresh)).toBe(false);
        expect(await source.token()).toBe(fresh);
        expect(source.refused(first)).toBe(false);
        expect(tokenAnswers()).toStrictEqual([200, 200]);
    });

    test("refusals of one token from reads in flight together share one fresh token", async () => {
        const source = tokenSource();
        const first = await source.token();

        const retries = Array.from({ length: 8 }, () => source.refused(first));
        const tokens = await Promise.all(Array.from({ length: 8 }, () => source.token()));

        expect(retries).toStrictEqual(Array(8).fill(true));
        expect(new Set(tokens).size).toBe(1);
        expect(tokens[0]).not.toBe(first);
        expect(tokenAnswers()).toStrictEqual([200, 200]);
    });

    test("a read refused with the old token after the fresh one arrived retries with the fresh one", async () => {
        const source = tokenSource();
        const first = await source.token();
        source.refused(first);
        const fresh = await source.token();

        expect(source.refused(first)).toBe(true);

        expect(await source.token()).toBe(fresh);
        expect(source.refused(first)).toBe(true); // the fresh token is not taken for refused by the old one's refusal
        expect(source.fetched).toBe(2);
    });

    test("a token renewed by its lifetime is a new start: a refusal of it earns one fresh token again", async () => {
        const clock = handClock();
        const source = tokenSource(clock);
        const first = await source.token();
        source.refused(first);
        const fresh = await source.token();
        expect(source.refused(fresh)).toBe(false);

        clock.advance(3_600_000);
        const renewed = await source.token();

        expect(renewed).not.toBe(fresh);
        expect(source.refused(renewed)).toBe(true);
        expect(await source.token()).not.toBe(renewed);
        expect(source.fetched).toBe(4);
    });

    test("a fresh token that could not be fetched is asked for again by the next read, still as the fresh one", async () => {
        const source = tokenSource(handClock(), SEED.clientSecret, { ...DEFAULT_LIMITS, maxAttempts: 1 });
        const first = await source.token();
        source.refused(first);
        emulator.inject({ route: "token", kind: "status", status: 503 });

        expect((await rejectionOf(source.token())).failure).toMatchObject({ kind: "http", status: 503 });

        const fresh = await source.token();
        expect(fresh).not.toBe(first);
        expect(source.refused(fresh)).toBe(false);
        expect(tokenAnswers()).toStrictEqual([200, 503, 200]);
    });

    test("a secret the token endpoint refuses is sent once: later calls get the same refusal without a request", async () => {
        const wrongSecret = "mdb_sa_sk_wrong-secret-9999";
        const source = tokenSource(handClock(), wrongSecret);

        const first = await rejectionOf(source.token());
        const second = await rejectionOf(source.token());

        expect(first.failure).toMatchObject({ kind: "http", status: 401 });
        expect(first.request).toStrictEqual({
            method: "POST",
            host: new URL(emulator.url).host,
            path: "/api/oauth/token",
        });
        expect(second).toBe(first);
        expect(first.message).not.toContain(wrongSecret);
        expect(tokenAnswers()).toStrictEqual([401]);
        expect(source.fetched).toBe(0);
    });

    test("a rate-limited token request is not remembered: the next call asks again", async () => {
        const source = tokenSource(handClock(), SEED.clientSecret, { ...DEFAULT_LIMITS, maxAttempts: 1 });
        emulator.inject({ route: "token", kind: "status", status: 429, retryAfter: 1 });

        expect((await rejectionOf(source.token())).failure).toMatchObject({ kind: "http", status: 429 });
        await expect(source.token()).resolves.toEqual(expect.any(String));

        expect(tokenAnswers()).toStrictEqual([429, 200]);
    });

    test.each([
        ["not JSON", "<html>Sign in</html>", "the token answer is not JSON"],
        [
            "JSON without access_token",
            { token_type: "Bearer", expires_in: 3600 },
            "the token answer lacks access_token or expires_in",
        ],
        [
            "JSON without expires_in",
            { access_token: "tok-in-body-1234", token_type: "Bearer" },
            "the token answer lacks access_token or expires_in",
        ],
    ])("an answer %s fails as unexpected, quoting none of the body", async (_case, body, problem) => {
        const source = tokenSource();
        emulator.inject({ route: "token", kind: "body", body });

        const error = await rejectionOf(source.token());

        expect(error.failure).toStrictEqual({ kind: "unexpected", problem, excerpt: "" });
        expect(error.request.path).toBe("/api/oauth/token");
        expect(error.attempts).toBe(1);
        expect(error.message).not.toContain("tok-in-body-1234");
        await expect(source.token()).resolves.toEqual(expect.any(String));
    });
});
