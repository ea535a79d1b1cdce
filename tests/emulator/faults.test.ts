// Injected faults make the emulator misbehave the ways networks and Atlas do: slow, throttled, failing, cut off,
// silent, or answering the wrong thing. Rules apply after routing and before authentication, in order.
import { request } from "node:http";
import { startEmulator } from "../../emulator";
import {
    FLEX_ACCEPT,
    SERVERLESS_ACCEPT,
    SERVICE_ACCOUNT,
    basic,
    flexPath,
    getWithToken,
    http,
    serverlessPath,
} from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

const FLEX = flexPath("payments", "6a6f78e0cab84da5c4476b25");
const SERVERLESS = serverlessPath("orders", "5f4e3d2c1b0a998877665544");

useEmulatorWithToken();

const getFlex = () => getWithToken(emulator, FLEX, token, FLEX_ACCEPT);

/** A GET that records when the headers and each piece of the body arrived, in ms from sending. */
function timedGet(
    path: string,
): Promise<{ status: number; headersAt: number; chunks: { at: number; text: string }[] }> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const req = request(
            `${emulator.url}${path}`,
            { headers: { Authorization: `Bearer ${token}`, Accept: FLEX_ACCEPT }, agent: false },
            (res) => {
                const headersAt = Date.now() - started;
                const chunks: { at: number; text: string }[] = [];
                res.on("data", (chunk: Buffer) => chunks.push({ at: Date.now() - started, text: chunk.toString() }));
                res.on("error", reject);
                res.on("end", () => resolve({ status: res.statusCode ?? 0, headersAt, chunks }));
            },
        );
        req.on("error", reject);
        req.end();
    });
}

describe("fault kinds", () => {
    test("latency delays the normal answer by ms", async () => {
        emulator.inject({ kind: "latency", ms: 250 });
        const started = Date.now();

        const answer = await getFlex();

        expect(Date.now() - started).toBeGreaterThanOrEqual(240);
        expect(answer.status).toBe(200);
        expect(answer.json.id).toBe("6a6f78e0cab84da5c4476b25");
    });

    test("status 429 with retryAfter sends Retry-After and an ApiError RATE_LIMITED", async () => {
        emulator.inject({ kind: "status", status: 429, retryAfter: 7 });
        const answer = await getFlex();
        expect(answer.status).toBe(429);
        expect(answer.headers["retry-after"]).toBe("7");
        expect(answer.headers["x-error-code"]).toBe("RATE_LIMITED");
        expect(answer.json).toMatchObject({ error: 429, errorCode: "RATE_LIMITED", reason: "Too Many Requests" });
    });

    test("status 429 without retryAfter sends no Retry-After", async () => {
        emulator.inject({ kind: "status", status: 429 });
        const answer = await getFlex();
        expect(answer.status).toBe(429);
        expect(answer.headers["retry-after"]).toBeUndefined();
    });

    test.each([
        [500, "UNEXPECTED_ERROR"],
        [502, "BAD_GATEWAY"],
        [503, "SERVICE_UNAVAILABLE"],
        [504, "GATEWAY_TIMEOUT"],
    ])("status %d answers an ApiError %s", async (status, errorCode) => {
        emulator.inject({ kind: "status", status });
        const answer = await getFlex();
        expect(answer.status).toBe(status);
        expect(answer.json).toMatchObject({ error: status, errorCode });
        expect(answer.headers["content-type"]).toBe("application/json");
    });

    test("errorCode overrides the default code", async () => {
        emulator.inject({ kind: "status", status: 503, errorCode: "SERVICE_MAINTENANCE", retryAfter: 1 });
        const answer = await getFlex();
        expect(answer.json.errorCode).toBe("SERVICE_MAINTENANCE");
        expect(answer.headers["x-error-code"]).toBe("SERVICE_MAINTENANCE");
    });

    test("reset drops the connection without an answer", async () => {
        emulator.inject({ kind: "reset" });
        await expect(getFlex()).rejects.toThrow(/ECONNRESET/);
    });

    test("hang never answers, so only the client's timeout ends the request", async () => {
        emulator.inject({ kind: "hang" });
        const started = Date.now();
        await expect(
            http(`${emulator.url}${FLEX}`, { headers: { Authorization: `Bearer ${token}` }, timeoutMs: 200 }),
        ).rejects.toThrow(/timed out/);
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
        expect((await getFlex()).status).toBe(200);
    });

    test("truncated promises more bytes than it sends, then closes", async () => {
        emulator.inject({ kind: "truncated" });
        await expect(getFlex()).rejects.toThrow(/aborted|incomplete/);
    });

    test("html answers 200 with an HTML page", async () => {
        emulator.inject({ kind: "html" });
        const answer = await getFlex();
        expect(answer.status).toBe(200);
        expect(answer.headers["content-type"]).toMatch(/^text\/html/);
        expect(answer.text).toMatch(/^<!DOCTYPE html>/);
        expect(answer.json).toBeUndefined();
    });

    test("body serves a JSON value of the wrong shape with the versioned Content-Type", async () => {
        emulator.inject({ kind: "body", body: { results: "not-a-list", id: 42 } });
        const answer = await getFlex();
        expect(answer.status).toBe(200);
        expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2024-11-13+json;charset=utf-8");
        expect(answer.json).toEqual({ results: "not-a-list", id: 42 });
    });

    test("body serves a raw string as is, with the given status", async () => {
        emulator.inject({ kind: "body", body: '{"id": "5f4e', status: 202 });
        const answer = await getWithToken(emulator, SERVERLESS, token, SERVERLESS_ACCEPT);
        expect(answer.status).toBe(202);
        expect(answer.text).toBe('{"id": "5f4e');
        expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
        expect(answer.headers.deprecation).toBeDefined();
    });
});

describe("answers that misbehave at the HTTP level", () => {
    test("trickle sends the headers at once, then `bytes` bytes of the body every `ms`", async () => {
        emulator.inject({ kind: "trickle", body: "abcdefghij", bytes: 4, ms: 150 });

        const answer = await timedGet(FLEX);

        expect(answer.status).toBe(200);
        expect(answer.chunks.map((chunk) => chunk.text)).toEqual(["abcd", "efgh", "ij"]);
        // The headers come before the first pause is over; each piece after its own pause.
        expect(answer.chunks[0].at - answer.headersAt).toBeGreaterThanOrEqual(100);
        expect(answer.chunks[2].at - answer.chunks[1].at).toBeGreaterThanOrEqual(100);
    });

    test("trickle by default promises a 1 KiB answer with the route's Content-Type", async () => {
        emulator.inject({ kind: "trickle" });
        const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
            const req = request(
                `${emulator.url}${FLEX}`,
                { headers: { Authorization: `Bearer ${token}` }, agent: false },
                (res) => {
                    resolve(res.headers);
                    req.destroy();
                },
            );
            req.on("error", reject);
            req.end();
        });

        expect(headers["content-length"]).toBe("1024");
        expect(headers["content-type"]).toMatch(/^application\/vnd\.atlas\.2024-11-13\+json/);
        expect((await getFlex()).status).toBe(200);
    });

    test("oversized serves a valid answer padded to `bytes`", async () => {
        emulator.inject({ kind: "oversized", bytes: 100_000 });

        const answer = await getFlex();

        expect(answer.status).toBe(200);
        expect(answer.headers["content-length"]).toBe("100000");
        expect(answer.text).toHaveLength(100_000);
        expect(answer.json).toEqual({ id: "6a6f78e0cab84da5c4476b25" });
    });

    test("oversized is 5 MiB unless told otherwise", async () => {
        emulator.inject({ kind: "oversized" });

        expect((await getFlex()).text).toHaveLength(5 * 1024 * 1024);
    });

    test.each([301, 302, 303, 307, 308])("redirect answers %d with the Location given and no body", async (status) => {
        emulator.inject({ kind: "redirect", status, location: "https://elsewhere.example.net/api/atlas/v2" });

        const answer = await getFlex();

        expect(answer.status).toBe(status);
        expect(answer.headers.location).toBe("https://elsewhere.example.net/api/atlas/v2");
        expect(answer.text).toBe("");
    });

    test("redirect without a location answers 302 without a Location header", async () => {
        emulator.inject({ kind: "redirect" });

        const answer = await getFlex();

        expect(answer.status).toBe(302);
        expect(answer.headers.location).toBeUndefined();
    });

    test("status is enveloped as Atlas does when the request asks for envelope=true, headers kept", async () => {
        emulator.inject({ kind: "status", status: 429, retryAfter: 3 });

        const answer = await getWithToken(emulator, `${FLEX}?envelope=true`, token, FLEX_ACCEPT);

        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ status: 429, content: { error: 429, errorCode: "RATE_LIMITED" } });
        expect(answer.headers["retry-after"]).toBe("3");
    });

    test("status and body send the extra headers they are given", async () => {
        emulator.inject({ kind: "status", status: 401, headers: { "WWW-Authenticate": 'Digest realm="x"' } });
        emulator.inject({
            kind: "body",
            status: 404,
            body: { error: 404, reason: "Not Found" },
            headers: { "X-Error-Code": "CLUSTER_NOT_FOUND" },
        });

        expect((await getFlex()).headers["www-authenticate"]).toBe('Digest realm="x"');
        const body = await getFlex();
        expect(body.status).toBe(404);
        expect(body.headers["x-error-code"]).toBe("CLUSTER_NOT_FOUND");
        expect(body.json).toEqual({ error: 404, reason: "Not Found" });
    });
});

describe("which requests a rule applies to", () => {
    test("a rule applies before authentication", async () => {
        emulator.inject({ kind: "status", status: 503 });
        expect((await http(`${emulator.url}${FLEX}`)).status).toBe(503);
    });

    test("a rule can target the token endpoint", async () => {
        emulator.inject({ route: "token", kind: "status", status: 503, retryAfter: 2 });
        const answer = await http(`${emulator.url}/api/oauth/token`, {
            method: "POST",
            headers: { Authorization: basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret) },
            body: "grant_type=client_credentials",
        });
        expect(answer.status).toBe(503);
        expect(answer.headers["retry-after"]).toBe("2");
    });

    test("a rule for one route leaves the others alone", async () => {
        emulator.inject({ route: "serverlessSnapshot", kind: "status", status: 500 });
        expect((await getFlex()).status).toBe(200);
        expect((await getWithToken(emulator, SERVERLESS, token, SERVERLESS_ACCEPT)).status).toBe(500);
        expect((await getWithToken(emulator, SERVERLESS, token, SERVERLESS_ACCEPT)).status).toBe(200);
    });

    test("times counts how many requests a rule applies to", async () => {
        emulator.inject({ kind: "status", status: 502, times: 2 });
        const statuses = [(await getFlex()).status, (await getFlex()).status, (await getFlex()).status];
        expect(statuses).toEqual([502, 502, 200]);
    });

    test("times: Infinity applies until clearFaults()", async () => {
        emulator.inject({ kind: "status", status: 500, times: Infinity });
        for (let i = 0; i < 5; i++) expect((await getFlex()).status).toBe(500);
        emulator.clearFaults();
        expect((await getFlex()).status).toBe(200);
    });

    test("rules are consumed in the order they were injected", async () => {
        emulator.inject({ kind: "status", status: 429 });
        emulator.inject({ kind: "status", status: 503 });
        const statuses = [(await getFlex()).status, (await getFlex()).status, (await getFlex()).status];
        expect(statuses).toEqual([429, 503, 200]);
    });

    test("unknown paths are never faulted", async () => {
        emulator.inject({ kind: "status", status: 500 });
        expect((await getWithToken(emulator, "/api/atlas/v2", token)).status).toBe(404);
        expect((await getFlex()).status).toBe(500);
    });

    test("an invalid rule is refused with a TypeError naming the problem", () => {
        expect(() => emulator.inject({ kind: "status" })).toThrow(/status/);
        expect(() => emulator.inject({ kind: "latency" })).toThrow(/ms/);
        expect(() => emulator.inject({ kind: "explode" } as never)).toThrow(TypeError);
        expect(() => emulator.inject({ kind: "hang", times: 0 })).toThrow(/times/);
        expect(() => emulator.inject({ kind: "hang", route: "clusters" as never })).toThrow(/route/);
        expect(() => emulator.inject({ kind: "redirect", status: 200 })).toThrow(/status.*301, 302, 303, 307, 308/);
        expect(() => emulator.inject({ kind: "oversized", bytes: 0 })).toThrow(/bytes/);
        expect(() => emulator.inject({ kind: "status", status: 500, headers: { "X-A": 1 } as never })).toThrow(
            /headers/,
        );
    });
});

describe("closing", () => {
    test("close() ends hanging and delayed requests, so nothing waits on a closed emulator", async () => {
        const doomed = await startEmulator();
        doomed.inject({ kind: "hang" });
        doomed.inject({ kind: "latency", ms: 60_000 });
        const outcomes = Promise.allSettled([http(`${doomed.url}${FLEX}`), http(`${doomed.url}${FLEX}`)]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const started = Date.now();

        await doomed.close();

        expect((await outcomes).map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
        expect(Date.now() - started).toBeLessThan(1000);
    });
});
