// A service account token is replaced shortly before it expires, never fetched per request, and a refused token
// earns one fresh token, not one per read.
import { AtlasRequestError } from "../../../provider/atlas/failure";
import type { Failure } from "../../../provider/atlas/failure";
import { isCredentialRefusal, refreshMarginMs, tokenRefusalAction } from "../../../provider/atlas/oauth";
import type { CurrentToken, TokenRefusalAction } from "../../../provider/atlas/oauth";

describe("refreshMarginMs", () => {
    test.each([
        ["Atlas's one-hour token", 3_600_000, 60_000],
        ["a ten-minute token", 600_000, 60_000],
        ["a day-long token", 86_400_000, 60_000],
        ["a five-minute token", 300_000, 30_000],
        ["a ten-second token", 10_000, 1_000],
        ["a token already expired", 0, 0],
    ])("replaces %s (%d ms) %d ms before it expires", (_case, lifetimeMs, expected) => {
        expect(refreshMarginMs(lifetimeMs)).toBe(expected);
    });
});

describe("tokenRefusalAction", () => {
    const token = (name: string, afterRefusal: boolean, refused = false): CurrentToken => ({
        token: name,
        refreshAt: 3_600_000,
        afterRefusal,
        refused,
    });

    test.each<[string, string, CurrentToken | undefined, TokenRefusalAction]>([
        ["the first token refused: fetch one fresh token", "t1", token("t1", false), "refetch"],
        ["a token renewed by its lifetime refused: fetch one fresh token", "t3", token("t3", false), "refetch"],
        ["the fresh token fetched after a refusal refused too: stop", "t2", token("t2", true), "giveUp"],
        ["an old token refused while the fresh one is being fetched: share that fetch", "t1", undefined, "retry"],
        ["an old token refused after a fresh one arrived: retry with it", "t1", token("t2", true), "retry"],
        ["an old token refused after the fresh one was refused too: stop", "t1", token("t2", true, true), "giveUp"],
        ["an old token refused beside a renewed one: retry with it", "t1", token("t3", false), "retry"],
    ])("%s", (_case, refused, current, expected) => {
        expect(tokenRefusalAction(refused, current)).toBe(expected);
    });
});

describe("isCredentialRefusal", () => {
    const request = { method: "POST", host: "cloud.mongodb.com", path: "/api/oauth/token" };
    const failed = (failure: Failure) => new AtlasRequestError(failure, request, 1);

    test.each<[string, Failure, boolean]>([
        ["401 invalid_client: a wrong id or secret", { kind: "http", status: 401, errorCode: "invalid_client" }, true],
        ["400: a grant the endpoint will never accept", { kind: "http", status: 400 }, true],
        ["403: an account that may not get tokens", { kind: "http", status: 403 }, true],
        ["429: the rate limit, which passes", { kind: "http", status: 429, retryAfterSeconds: 60 }, false],
        ["500: a failure of Atlas's", { kind: "http", status: 500 }, false],
        ["404: no token endpoint at this base URL", { kind: "http", status: 404 }, false],
        ["a reset connection", { kind: "network", code: "ECONNRESET" }, false],
        ["a timeout", { kind: "timeout", timeoutMs: 10_000 }, false],
        ["an answer that is not JSON", { kind: "unexpected", problem: "not JSON", excerpt: "" }, false],
    ])("%s", (_case, failure, expected) => {
        expect(isCredentialRefusal(failed(failure))).toBe(expected);
    });
});
