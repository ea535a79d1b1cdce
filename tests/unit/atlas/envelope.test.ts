// With envelope=true Atlas hides an error's status in a 200's body; the stack turns it back into that error.
import { AxiosError, AxiosHeaders } from "axios";
import type { AxiosResponse } from "axios";
import { asksForEnvelope, envelopedError, unenvelopedError } from "../../../provider/atlas/envelope";
import { requestConfig } from "./axiosErrors";

describe("asksForEnvelope", () => {
    test.each([
        ["https://cloud.mongodb.com/api/atlas/v2/groups/x?envelope=true", true],
        ["https://cloud.mongodb.com/api/atlas/v2/groups/x?pageNum=2&envelope=true", true],
        ["https://cloud.mongodb.com/api/atlas/v2/groups/x?envelope=false", false],
        ["https://cloud.mongodb.com/api/atlas/v2/groups/x", false],
        ["https://cloud.mongodb.com/api/oauth/token", false],
        ["not a URL", false],
        [undefined, false],
    ])("%s: %s", (url, expected) => {
        expect(asksForEnvelope(url)).toBe(expected);
    });
});

describe("envelopedError", () => {
    const apiError = { error: 429, errorCode: "RATE_LIMITED", detail: "Slow down." };

    test.each([
        ["a 429 with its ApiError", JSON.stringify({ status: 429, content: apiError }), 429, apiError],
        ["a 503 already parsed", { status: 503, content: { error: 503 } }, 503, { error: 503 }],
        ["a 401 without errorCode", '{"status":401,"content":{"error":401}}', 401, { error: 401 }],
        ["a 302", '{"status":302,"content":{}}', 302, {}],
        ["an error status on a list, fields beside it", '{"status":500,"detail":"x"}', 500, { detail: "x" }],
    ])("finds %s", (_case, body, status, content) => {
        expect(envelopedError(body)).toStrictEqual({ status, content });
    });

    test.each([
        ["a 200 single resource", '{"status":200,"content":{"id":"x"}}'],
        ["a 200 list", '{"status":200,"results":[],"totalCount":0}'],
        ["a body without status", '{"id":"6a6f78e0cab84da5c4476b25","status":"COMPLETED"}'],
        ["a status that is a string", '{"status":"429"}'],
        ["a status outside HTTP's range", '{"status":42}'],
        ["a fractional status", '{"status":429.5}'],
        ["not JSON", "<html></html>"],
        ["a JSON array", "[429]"],
        ["JSON null", "null"],
        ["no body", undefined],
    ])("finds no error in %s", (_case, body) => {
        expect(envelopedError(body)).toBeUndefined();
    });
});

describe("unenvelopedError", () => {
    test("is the error axios would have raised: Atlas's status, the inner body, the same headers and request", () => {
        const request = { res: { rawHeaders: ["WWW-Authenticate", 'Digest realm="MMS Public API"'] } };
        const response: AxiosResponse = {
            status: 200,
            statusText: "OK",
            headers: new AxiosHeaders({ "retry-after": "3" }),
            config: requestConfig(),
            request,
            data: '{"status":429,"content":{"error":429}}',
        };

        const error = unenvelopedError(response, { status: 429, content: { error: 429 } });

        expect(error).toBeInstanceOf(AxiosError);
        expect(error.code).toBe(AxiosError.ERR_BAD_REQUEST);
        expect(error.response).toMatchObject({ status: 429, data: '{"error":429}', request });
        expect(error.response?.headers["retry-after"]).toBe("3");
        expect(error.config).toBe(response.config);
        expect(unenvelopedError(response, { status: 503, content: undefined }).code).toBe(AxiosError.ERR_BAD_RESPONSE);
    });
});

describe("envelopedError at the edges of HTTP's statuses", () => {
    test.each([
        [99, false],
        [100, true],
        [199, true],
        [200, false],
        [204, false],
        [299, false],
        [300, true],
        [599, true],
        [600, false],
    ])("a status of %d stands for an error: %s", (status, expected) => {
        expect(envelopedError({ status, content: {} }) !== undefined).toBe(expected);
    });

    test("finds no error in a body that is a bare number", () => {
        expect(envelopedError("429")).toBeUndefined();
    });
});

describe("unenvelopedError without content", () => {
    test("carries a JSON null body, never an undefined one", () => {
        const response: AxiosResponse = {
            status: 200,
            statusText: "OK",
            headers: new AxiosHeaders(),
            config: requestConfig(),
            data: '{"status":503}',
        };

        const error = unenvelopedError(response, { status: 503, content: undefined });

        expect(error.response?.data).toBe("null");
        expect(error.message).toBe("Request failed with status code 503");
        expect(error.response?.status).toBe(503);
    });
});

describe("unenvelopedError's code", () => {
    test.each([
        [400, AxiosError.ERR_BAD_REQUEST],
        [499, AxiosError.ERR_BAD_REQUEST],
        [500, AxiosError.ERR_BAD_RESPONSE],
        [503, AxiosError.ERR_BAD_RESPONSE],
    ])("is axios's own for a %d", (status, code) => {
        const response: AxiosResponse = {
            status: 200,
            statusText: "OK",
            headers: new AxiosHeaders(),
            config: requestConfig(),
            data: JSON.stringify({ status }),
        };

        expect(unenvelopedError(response, { status, content: {} }).code).toBe(code);
    });
});
