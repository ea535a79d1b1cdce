// Whatever axios throws, reduced to the facts a person needs and nothing secret.
import {
    AtlasRequestError,
    describeBytes,
    describeFailure,
    excerptOf,
    failureOf,
    httpFailure,
    isOversizedAnswer,
    isRedirectStatus,
    locationHost,
    retryAfterSeconds,
} from "../../../provider/atlas/failure";
import type { Failure } from "../../../provider/atlas/failure";
import { ProxyConnectError } from "../../../provider/atlas/proxy";
import { answered, requestConfig, unanswered } from "./axiosErrors";

const TIMEOUT_MS = 10_000;

// Atlas's 400 for a non-Flex cluster on the Flex endpoint (recorded-http-responses.txt, TestSnapshots/Describe).
const NON_FLEX_BODY =
    '{"detail":"Cannot use non-flex cluster cluster-209 in the flex API.","error":400,' +
    '"errorCode":"CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API","parameters":["cluster-209"],"reason":"Bad Request"}';

describe("failureOf", () => {
    test("reads Atlas's ApiError body: status, errorCode and detail", () => {
        const error = answered(400, { "x-error-code": "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API" }, NON_FLEX_BODY);

        expect(failureOf(error, TIMEOUT_MS)).toStrictEqual({
            kind: "http",
            status: 400,
            errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
            detail: "Cannot use non-flex cluster cluster-209 in the flex API.",
            retryAfterSeconds: undefined,
        });
    });

    test("reads an ApiError body that axios already parsed", () => {
        const body = { error: 404, errorCode: "GROUP_NOT_FOUND", detail: "No group with ID 1 exists." };

        expect(failureOf(answered(404, {}, body), TIMEOUT_MS)).toMatchObject({
            kind: "http",
            status: 404,
            errorCode: "GROUP_NOT_FOUND",
            detail: "No group with ID 1 exists.",
        });
    });

    test("falls back to the reason when the ApiError has no detail", () => {
        const body = '{"error":503,"errorCode":"SERVICE_UNAVAILABLE","reason":"Service Unavailable"}';

        expect(failureOf(answered(503, {}, body), TIMEOUT_MS)).toMatchObject({ detail: "Service Unavailable" });
    });

    test("takes the code from X-Error-Code when the body is not an ApiError", () => {
        const error = answered(404, { "x-error-code": "CLUSTER_NOT_FOUND" }, "<html>Not Found</html>");

        expect(failureOf(error, TIMEOUT_MS)).toStrictEqual({
            kind: "http",
            status: 404,
            errorCode: "CLUSTER_NOT_FOUND",
            detail: undefined,
            retryAfterSeconds: undefined,
        });
    });

    test("reports a bare status when Atlas sent neither an ApiError nor X-Error-Code", () => {
        expect(failureOf(answered(502, {}, ""), TIMEOUT_MS)).toMatchObject({
            kind: "http",
            status: 502,
            errorCode: undefined,
            detail: undefined,
        });
    });

    test("keeps Retry-After in seconds", () => {
        const body =
            '{"detail":"Resource /api/oauth/token is limited to 50 requests every 1 minutes.","error":429,' +
            '"errorCode":"RATE_LIMITED","parameters":["/api/oauth/token",50,1],"reason":"Too Many Requests"}';

        expect(failureOf(answered(429, { "retry-after": "20" }, body), TIMEOUT_MS)).toMatchObject({
            status: 429,
            errorCode: "RATE_LIMITED",
            retryAfterSeconds: 20,
        });
    });

    test.each(["ETIMEDOUT", "ECONNABORTED"])("reads %s as a timeout of the configured length", (code) => {
        expect(failureOf(unanswered(code, "timeout of 10000ms exceeded"), TIMEOUT_MS)).toStrictEqual({
            kind: "timeout",
            timeoutMs: TIMEOUT_MS,
        });
    });

    test.each(["ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "EPIPE"])("reads %s as a network failure", (code) => {
        expect(failureOf(unanswered(code), TIMEOUT_MS)).toStrictEqual({ kind: "network", code });
    });

    test("reads an answer cut short (ERR_BAD_RESPONSE with no response) as a truncated body", () => {
        expect(failureOf(unanswered("ERR_BAD_RESPONSE", "stream has been aborted"), TIMEOUT_MS)).toStrictEqual({
            kind: "unexpected",
            problem: "the connection closed before the whole answer arrived (a truncated body)",
            excerpt: "",
        });
    });

    test("reads an error that is not axios's as a network failure named by its message", () => {
        expect(failureOf(new Error("socket hang up"), TIMEOUT_MS)).toStrictEqual({
            kind: "network",
            code: "socket hang up",
        });
        expect(failureOf("boom", TIMEOUT_MS)).toStrictEqual({ kind: "network", code: "boom" });
    });
});

describe("failureOf for answers that misbehave", () => {
    test.each([301, 302, 303, 307, 308])("reads a %d as a redirect naming the Location's host alone", (status) => {
        const error = answered(status, { location: "https://user:pw@elsewhere.example.net:8443/login?token=abc" });

        expect(failureOf(error, TIMEOUT_MS)).toStrictEqual({
            kind: "redirect",
            status,
            locationHost: "elsewhere.example.net:8443",
        });
    });

    test("reads a redirect without a Location as a redirect to nowhere in particular", () => {
        expect(failureOf(answered(302), TIMEOUT_MS)).toStrictEqual({
            kind: "redirect",
            status: 302,
            locationHost: undefined,
        });
    });

    test("resolves a relative Location against the request's URL", () => {
        expect(failureOf(answered(301, { location: "/api/atlas/v2/" }), TIMEOUT_MS)).toMatchObject({
            kind: "redirect",
            locationHost: "cloud.mongodb.com",
        });
    });

    test("reads an answer past maxContentLength as an unexpected answer naming the bound", () => {
        const error = unanswered("ERR_BAD_RESPONSE", "maxContentLength size of 4194304 exceeded", {
            ...requestConfig(),
            maxContentLength: 4194304,
        });

        expect(failureOf(error, TIMEOUT_MS)).toStrictEqual({
            kind: "unexpected",
            problem:
                "the answer is larger than 4 MiB (4194304 bytes), the most this client reads; reading stopped there",
            excerpt: "",
        });
    });

    test("keeps the status of an oversized answer when axios kept the response it was reading", () => {
        const error = unanswered("ERR_BAD_RESPONSE", "maxContentLength size of 1024 exceeded", {
            ...requestConfig(),
            maxContentLength: 1024,
        });
        error.request = { res: { statusCode: 200 } };

        expect(failureOf(error, TIMEOUT_MS)).toMatchObject({ kind: "unexpected", status: 200 });
    });
});

describe("isRedirectStatus", () => {
    test.each([
        [200, false],
        [299, false],
        [300, true],
        [302, true],
        [308, true],
        [399, true],
        [400, false],
    ])("%d: %s", (status, expected) => {
        expect(isRedirectStatus(status)).toBe(expected);
    });
});

describe("isOversizedAnswer", () => {
    test.each([
        [
            "axios's maxContentLength error",
            unanswered("ERR_BAD_RESPONSE", "maxContentLength size of 10 exceeded"),
            true,
        ],
        ["a body cut short", unanswered("ERR_BAD_RESPONSE", "stream has been aborted"), false],
        ["a timeout", unanswered("ETIMEDOUT", "timeout of 10ms exceeded"), false],
        ["an error status", answered(500, {}, "maxContentLength size of 10 exceeded"), false],
    ])("%s: %s", (_case, error, expected) => {
        expect(isOversizedAnswer(error)).toBe(expected);
    });
});

describe("locationHost", () => {
    const request = "https://cloud.mongodb.com/api/atlas/v2/groups/x";
    test.each([
        ["an absolute URL", "https://cloud.mongodbgov.com/api", "cloud.mongodbgov.com"],
        ["a URL with credentials and a port", "http://u:p@10.0.0.1:8080/x?y=z", "10.0.0.1:8080"],
        ["a relative path", "/login", "cloud.mongodb.com"],
        ["a scheme-relative URL", "//elsewhere.example.net/x", "elsewhere.example.net"],
        ["no header", undefined, undefined],
        ["an empty header", " ", undefined],
        ["a header that is not a URL", "http://", undefined],
        ["a list of values", ["https://a.example.net"], undefined],
    ])("reads %s", (_case, location, expected) => {
        expect(locationHost(location, request)).toBe(expected);
    });
});

describe("describeBytes", () => {
    test.each([
        [4 * 1024 * 1024, "4 MiB (4194304 bytes)"],
        [1024 * 1024, "1 MiB (1048576 bytes)"],
        [1500, "1500 bytes"],
    ])("%d reads %p", (bytes, expected) => {
        expect(describeBytes(bytes)).toBe(expected);
    });
});

describe("httpFailure", () => {
    test("reads Atlas's digest 401 body, which has no errorCode: the detail still shows", () => {
        const body =
            '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource."\n}';

        expect(httpFailure(401, {}, body)).toStrictEqual({
            kind: "http",
            status: 401,
            errorCode: undefined,
            detail: "You are not authorized for this resource.",
            retryAfterSeconds: undefined,
        });
    });

    test("takes the code from X-Error-Code when the body has none, and still shows its detail", () => {
        const body = { error: 404, reason: "Not Found", detail: "No cluster named x exists in group y." };

        expect(httpFailure(404, { "x-error-code": "CLUSTER_NOT_FOUND" }, body)).toMatchObject({
            errorCode: "CLUSTER_NOT_FOUND",
            detail: "No cluster named x exists in group y.",
        });
    });

    test("prefers the body's errorCode to the header's", () => {
        const body = { error: 404, errorCode: "GROUP_NOT_FOUND" };

        expect(httpFailure(404, { "x-error-code": "CLUSTER_NOT_FOUND" }, body).errorCode).toBe("GROUP_NOT_FOUND");
    });

    test("falls back to the reason when there is no detail, even without an errorCode", () => {
        expect(httpFailure(503, {}, { error: 503, reason: "Service Unavailable" }).detail).toBe("Service Unavailable");
    });

    test("keeps the fields it can read when another one has the wrong type", () => {
        const body = { error: "401", errorCode: 7, detail: "Token expired.", parameters: "none" };

        expect(httpFailure(401, { "x-error-code": "INVALID_TOKEN" }, body)).toMatchObject({
            errorCode: "INVALID_TOKEN",
            detail: "Token expired.",
        });
    });

    test("ignores a JSON body that is not an ApiError", () => {
        expect(httpFailure(500, {}, '{"message":"oops"}')).toStrictEqual({
            kind: "http",
            status: 500,
            errorCode: undefined,
            detail: undefined,
            retryAfterSeconds: undefined,
        });
    });
});

describe("retryAfterSeconds", () => {
    test.each([
        [undefined, undefined],
        ["", undefined],
        [" ", undefined],
        ["soon", undefined],
        [5, undefined],
        ["5", 5],
        ["0", 0],
    ])("reads %p as %p", (header, expected) => {
        expect(retryAfterSeconds(header)).toBe(expected);
    });
});

describe("excerptOf", () => {
    test.each([
        ["an empty body", undefined, ""],
        ["a short body", "<html>gateway</html>", "<html>gateway</html>"],
        ["control characters", "line one\r\n\tline two\u0000\u001b[31m\u007f", "line one line two [31m"],
        ["an object", { unexpected: true }, '{"unexpected":true}'],
    ])("prints %s readably", (_case, body, expected) => {
        expect(excerptOf(body)).toBe(expected);
    });

    test("cuts a long body at 120 characters and marks the cut", () => {
        const excerpt = excerptOf("x".repeat(500));

        expect(excerpt).toBe(`${"x".repeat(120)}...`);
    });

    test("cuts at the length asked for", () => {
        expect(excerptOf("abcdefghij", 4)).toBe("abcd...");
    });
});

describe("describeFailure", () => {
    test.each<[string, Failure, string]>([
        [
            "an HTTP error with code and detail",
            { kind: "http", status: 404, errorCode: "CLUSTER_NOT_FOUND", detail: "No cluster named x exists." },
            "Atlas answered 404 CLUSTER_NOT_FOUND: No cluster named x exists.",
        ],
        ["an HTTP error with a bare status", { kind: "http", status: 502 }, "Atlas answered 502"],
        ["a network failure", { kind: "network", code: "ECONNREFUSED" }, "the connection failed (ECONNREFUSED)"],
        [
            "a redirect with a Location",
            { kind: "redirect", status: 301, locationHost: "elsewhere.example.net" },
            "Atlas answered 301, a redirect to elsewhere.example.net",
        ],
        [
            "a redirect without one",
            { kind: "redirect", status: 307 },
            "Atlas answered 307, a redirect without a usable Location header",
        ],
        ["a timeout", { kind: "timeout", timeoutMs: 2_500 }, "no answer within 2.5 s"],
        [
            "a timeout waiting for the proxy's answer to CONNECT",
            {
                kind: "timeout",
                timeoutMs: 2_000,
                tunnel: {
                    proxy: { address: "proxy.corp:3128", variable: "https_proxy" },
                    stage: "awaiting CONNECT answer",
                },
            },
            "the proxy proxy.corp:3128 from https_proxy accepted the connection but did not answer CONNECT within 2 s",
        ],
        [
            "a timeout connecting to the proxy",
            {
                kind: "timeout",
                timeoutMs: 2_000,
                tunnel: { proxy: { address: "proxy.corp:3128", variable: "HTTPS_PROXY" }, stage: "connecting" },
            },
            "the proxy proxy.corp:3128 from HTTPS_PROXY did not accept the connection within 2 s",
        ],
        [
            "an unexpected answer with status and excerpt",
            { kind: "unexpected", status: 200, problem: "the answer is not JSON", excerpt: "<html>" },
            'unexpected answer from Atlas (HTTP 200): the answer is not JSON; it began "<html>"',
        ],
        [
            "an unexpected answer with neither",
            { kind: "unexpected", problem: "a truncated body", excerpt: "" },
            "unexpected answer from Atlas: a truncated body",
        ],
    ])("describes %s", (_case, failure, expected) => {
        expect(describeFailure(failure)).toBe(expected);
    });
});

describe("AtlasRequestError", () => {
    const request = {
        method: "GET",
        host: "cloud.mongodb.com",
        path: "/api/atlas/v2/groups/b0123456789abcdef012345b/flexClusters/c/backup/snapshots/6a6f78e0cab84da5c4476b25",
    };

    test("says which request failed and how", () => {
        const error = new AtlasRequestError({ kind: "network", code: "ECONNRESET" }, request, 4);

        expect(error.message).toBe(`GET cloud.mongodb.com${request.path}: the connection failed (ECONNRESET)`);
        expect(error.attempts).toBe(4);
        expect(error.name).toBe("AtlasRequestError");
    });

    test.each([
        [
            "a 401 answer",
            answered(
                401,
                {},
                '{"error":401,"errorCode":"UNAUTHORIZED"}',
                requestConfig({ Authorization: "Bearer SECRET-TOKEN" }),
            ),
        ],
        ["a 500 answer", answered(500, {}, "", requestConfig({ Authorization: "Bearer SECRET-TOKEN" }))],
        [
            "a reset",
            unanswered("ECONNRESET", "socket hang up", requestConfig({ Authorization: "Bearer SECRET-TOKEN" })),
        ],
        ["a timeout", unanswered("ETIMEDOUT", "timeout", requestConfig({ Authorization: "Bearer SECRET-TOKEN" }))],
    ])("never carries the Authorization header of %s", (_case, axiosError) => {
        expect(axiosError.config?.headers.Authorization).toBe("Bearer SECRET-TOKEN");

        const error = new AtlasRequestError(failureOf(axiosError, TIMEOUT_MS), request, 1);

        expect(error.message).not.toContain("SECRET-TOKEN");
        expect(JSON.stringify(error.failure)).not.toContain("SECRET-TOKEN");
        expect(JSON.stringify({ ...error })).not.toContain("SECRET-TOKEN");
    });
});

describe("failureOf at its edges", () => {
    test("reads a success status whose body broke off as a truncated answer, keeping the status", () => {
        expect(failureOf(answered(200), TIMEOUT_MS)).toStrictEqual({
            kind: "unexpected",
            status: 200,
            problem: "the connection closed before the whole answer arrived (a truncated body)",
            excerpt: "",
        });
    });

    test("reads a body axios could not finish (ERR_BAD_RESPONSE), whatever its message, as a truncated body", () => {
        expect(failureOf(unanswered("ERR_BAD_RESPONSE", "Premature close"), TIMEOUT_MS)).toMatchObject({
            kind: "unexpected",
            problem: expect.stringMatching(/truncated body/),
        });
    });

    test("reads a socket's 'aborted' as a truncated body, whatever its code", () => {
        expect(failureOf(unanswered("ECONNRESET", "aborted"), TIMEOUT_MS)).toMatchObject({
            kind: "unexpected",
            problem: expect.stringMatching(/truncated body/),
        });
    });

    test("names a proxy that could not open the tunnel, by address and variable", () => {
        const proxy = { address: "proxy.example.com:3128", variable: "HTTPS_PROXY" };
        const error = unanswered("ECONNREFUSED", "connect ECONNREFUSED");
        error.cause = new ProxyConnectError("ECONNREFUSED", proxy);

        expect(failureOf(error, TIMEOUT_MS)).toStrictEqual({ kind: "network", code: "ECONNREFUSED", proxy });
    });

    test("reads an axios error without a code as a network failure of unknown cause", () => {
        const error = unanswered("X");
        error.code = undefined;

        expect(failureOf(error, TIMEOUT_MS)).toStrictEqual({ kind: "network", code: "unknown error" });
    });

    test("does not take an answered error for an oversized one, whatever its message says", () => {
        const error = answered(500);
        error.message = "maxContentLength size of 10 exceeded";

        expect(isOversizedAnswer(error)).toBe(false);
        expect(failureOf(error, TIMEOUT_MS)).toMatchObject({ kind: "http", status: 500 });
    });

    test("ignores an X-Error-Code that is not one string", () => {
        expect(httpFailure(404, { "x-error-code": ["A", "B"] }, "").errorCode).toBeUndefined();
    });
});

describe("retryAfterSeconds as an HTTP date", () => {
    afterEach(() => {
        jest.useRealTimers();
    });

    test("counts whole seconds up from now, never down", () => {
        jest.useFakeTimers({ now: new Date("2026-08-10T03:03:10.500Z") });

        expect(retryAfterSeconds("Mon, 10 Aug 2026 03:03:25 GMT")).toBe(15);
    });

    test.each([
        ["an unpadded day, as Atlas writes Sunset", "Thu, 1 Jul 2027 00:00:05 GMT", 5],
        ["spaces doubled", "Thu,  1  Jul  2027  00:00:05  GMT", 5],
        ["spaces around it", "  Thu, 1 Jul 2027 00:00:05 GMT ", 5],
    ])("reads %s", (_case, header, expected) => {
        jest.useFakeTimers({ now: new Date("2027-07-01T00:00:00Z") });

        expect(retryAfterSeconds(header)).toBe(expected);
    });

    test.each([
        ["a month that does not exist", "Thu, 1 Jux 2027 00:00:05 GMT"],
        ["a zone other than GMT", "Thu, 1 Jul 2027 00:00:05 PST"],
        ["an offset after GMT", "Thu, 1 Jul 2027 00:00:05 GMT+0200"],
        ["a date without its weekday", "1 Jul 2027 00:00:05 GMT"],
        ["a date with a three-digit day", "Thu, 101 Jul 2027 00:00:05 GMT"],
        ["a year of two digits", "Thu, 1 Jul 27 00:00:05 GMT"],
        ["a time without seconds", "Thu, 1 Jul 2027 00:00 GMT"],
        ["text before the date", "at Thu, 1 Jul 2027 00:00:05 GMT"],
        ["text after the date", "Thu, 1 Jul 2027 00:00:05 GMT or later"],
        ["an ISO date", "2027-07-01T00:00:05Z"],
        ["a signed number", "+5"],
    ])("finds no wait in %s", (_case, header) => {
        jest.useFakeTimers({ now: new Date("2027-07-01T00:00:00Z") });

        expect(retryAfterSeconds(header)).toBeUndefined();
    });
});

describe("excerptOf and locationHost at their edges", () => {
    test("keeps a body exactly as long as the excerpt whole", () => {
        expect(excerptOf("abcd", 4)).toBe("abcd");
        expect(excerptOf("x".repeat(120))).toBe("x".repeat(120));
    });

    test("prints nothing for a value JSON cannot write", () => {
        expect(excerptOf(() => 1)).toBe("");
    });

    test("reads a Location with spaces around it, and none from a URL without a host", () => {
        expect(locationHost("  https://elsewhere.example.net/x  ", undefined)).toBe("elsewhere.example.net");
        expect(locationHost("mailto:ops@example.net", "https://cloud.mongodb.com/")).toBeUndefined();
    });
});
