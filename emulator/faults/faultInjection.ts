// How each fault kind plays out on a live request: some are ordinary answers with the wrong content,
// the others misbehave at the socket level (reset, hang, truncated, trickle, oversized), which only a real server
// can do.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorAnswer, jsonAnswer, writeAnswer, type Answer, type AnswerHeaders } from "../http/answer";
import { envelop } from "../http/envelope";
import { apiError, defaultFaultErrorCode, rateLimitedTokenBucket } from "../http/errors";
import type { FaultRule } from "./faults";
import { parseFlag } from "../http/queryParams";
import { API_ROUTES, isApiRoute, type RouteName } from "../http/routes";
import { negotiateVersion, versionedContentType } from "../http/versioning";

/** What enacting a fault needs from the request being served. */
export interface FaultContext {
    req: IncomingMessage;
    res: ServerResponse;
    route: RouteName;
    accept: string | undefined;
    /** Headers every answer on this route carries (the serverless deprecation headers). */
    routeHeaders: AnswerHeaders;
    /** Waits `ms`; resolves false instead when the emulator closes first. */
    sleep(ms: number): Promise<boolean>;
}

/** After a fault: carry on with the normal answer, or stop because the fault answered (or never will). */
export type FaultOutcome = { proceed: true } | { proceed: false; status: number };

/** The Content-Type the route's successful answers carry, so a wrong body looks like a real one. */
function usualContentType(route: RouteName, accept: string | undefined): string {
    if (!isApiRoute(route)) return "application/json";
    const versions = API_ROUTES[route].versions;
    const negotiated = negotiateVersion(accept, versions);
    return versionedContentType(negotiated.ok ? negotiated.version : versions[versions.length - 1]);
}

// A sign-in page, as a captive portal or a misconfigured proxy would serve in place of the API.
const HTML_PAGE =
    '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Please sign in</h1><form action="/login" method="post"></form></body></html>\n';

// The start of a plausible answer; the rest never arrives.
const TRUNCATED_BODY = '{"id":"5f4e3d2c1b0a998877665544","status":"completed","links":[{"href":"http://';

// A snapshot valid in either shape (every field is optional); trickle and oversized pad it with spaces, which
// JSON allows after a value, so only its length is wrong.
const PADDED_SNAPSHOT = '{"id":"6a6f78e0cab84da5c4476b25"}';

/** A trickle's default body: 1 KiB, so at the default 8 bytes a second it takes over two minutes. */
const TRICKLE_BODY = PADDED_SNAPSHOT.padEnd(1024, " ");

/** An oversized answer's default length: past the client's 4 MiB bound. */
export const DEFAULT_OVERSIZED_BYTES = 5 * 1024 * 1024;

/** The figures an injected `RATE_LIMITED_TOKEN_BUCKET` 429 reports: those of the documentation's example. */
const INJECTED_BUCKET = { capacity: 10, refillRate: 5, refillDurationSeconds: 60 };

/** Whether the request asked Atlas to envelope its answer (`envelope=true`, any case). */
function asksForEnvelope(req: IncomingMessage): boolean {
    const target = req.url ?? "";
    const mark = target.indexOf("?");
    return mark >= 0 && parseFlag(new URLSearchParams(target.slice(mark + 1)), "envelope") === true;
}

/** A body fault's or trickle's body as text: a string as is, any other value as JSON. */
function bodyText(body: unknown): string {
    return typeof body === "string" ? body : JSON.stringify(body);
}

/** Resolves once the response can take more bytes, or once it has closed. */
function drained(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
        const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
        };
        res.on("drain", done);
        res.on("close", done);
    });
}

/**
 * The answer a fault sends in place of the real one, for the kinds that answer normally at the HTTP level; a status
 * fault is enveloped (HTTP 200, `{status, content}`) when the request asked for `envelope=true`, as Atlas does.
 */
export function faultAnswer(
    rule: FaultRule,
    route: RouteName,
    accept: string | undefined,
    envelope = false,
    path = "/",
): Answer | undefined {
    switch (rule.kind) {
        case "status": {
            const status = rule.status ?? 500;
            const errorCode = rule.errorCode ?? defaultFaultErrorCode(status);
            const bucketRefusal = status === 429 && errorCode === "RATE_LIMITED_TOKEN_BUCKET";
            const error = bucketRefusal
                ? rateLimitedTokenBucket(
                      path,
                      rule.retryAfter ?? INJECTED_BUCKET.refillDurationSeconds,
                      INJECTED_BUCKET,
                  )
                : apiError(status, errorCode, `Injected fault: the emulator answers ${status}.`);
            const answer = errorAnswer(error, {
                ...(bucketRefusal
                    ? { "Ratelimit-Limit": String(INJECTED_BUCKET.capacity), "Ratelimit-Remaining": "0" }
                    : {}),
                ...(rule.retryAfter === undefined ? {} : { "Retry-After": String(rule.retryAfter) }),
                ...rule.headers,
            });
            return envelope ? envelop(answer) : answer;
        }
        case "body": {
            const contentType = usualContentType(route, accept);
            const status = rule.status ?? 200;
            if (typeof rule.body === "string") {
                return { status, headers: { "Content-Type": contentType, ...rule.headers }, body: { text: rule.body } };
            }
            return jsonAnswer(status, rule.body, contentType, rule.headers);
        }
        case "redirect":
            return {
                status: rule.status ?? 302,
                headers: rule.location === undefined ? {} : { Location: rule.location },
            };
        case "html":
            return { status: 200, headers: { "Content-Type": "text/html;charset=utf-8" }, body: { text: HTML_PAGE } };
        default:
            return undefined;
    }
}

/** Plays a fault out on the request; latency proceeds afterwards, every other kind ends the request its own way. */
export async function enactFault(rule: FaultRule, context: FaultContext): Promise<FaultOutcome> {
    const { req, res } = context;
    switch (rule.kind) {
        case "latency":
            return (await context.sleep(rule.ms ?? 0)) ? { proceed: true } : { proceed: false, status: 0 };
        case "reset":
            // An RST rather than a FIN, so the client sees ECONNRESET like a dropped connection.
            req.socket.resetAndDestroy();
            return { proceed: false, status: 0 };
        case "hang":
            // Nothing is ever written; close() destroys the socket.
            return { proceed: false, status: 0 };
        case "truncated": {
            const partial = Buffer.from(TRUNCATED_BODY, "utf8");
            res.writeHead(200, {
                ...context.routeHeaders,
                "Content-Type": usualContentType(context.route, context.accept),
                "Content-Length": String(partial.length + 512),
            });
            res.write(partial, () => req.socket.end());
            return { proceed: false, status: 200 };
        }
        case "trickle": {
            const body = Buffer.from(rule.body === undefined ? TRICKLE_BODY : bodyText(rule.body), "utf8");
            const step = rule.bytes ?? 8;
            res.writeHead(200, {
                ...context.routeHeaders,
                "Content-Type": usualContentType(context.route, context.accept),
                "Content-Length": String(body.length),
            });
            res.flushHeaders();
            for (let sent = 0; sent < body.length; sent += step) {
                if (!(await context.sleep(rule.ms ?? 1000)) || res.destroyed) {
                    return { proceed: false, status: 200 };
                }
                res.write(body.subarray(sent, sent + step));
            }
            res.end();
            return { proceed: false, status: 200 };
        }
        case "oversized": {
            const total = Math.max(rule.bytes ?? DEFAULT_OVERSIZED_BYTES, PADDED_SNAPSHOT.length);
            res.writeHead(200, {
                ...context.routeHeaders,
                "Content-Type": usualContentType(context.route, context.accept),
                "Content-Length": String(total),
            });
            res.write(PADDED_SNAPSHOT);
            const padding = Buffer.alloc(64 * 1024, " ");
            // Written only as fast as the client reads, so a client that stops reading stops the writing.
            for (let left = total - PADDED_SNAPSHOT.length; left > 0 && !res.destroyed; left -= padding.length) {
                if (!res.write(left >= padding.length ? padding : padding.subarray(0, left))) {
                    await drained(res);
                }
            }
            if (!res.destroyed) {
                res.end();
            }
            return { proceed: false, status: 200 };
        }
        default: {
            const target = req.url ?? "/";
            const path = target.includes("?") ? target.slice(0, target.indexOf("?")) : target;
            const answer = faultAnswer(rule, context.route, context.accept, asksForEnvelope(req), path) as Answer;
            writeAnswer(res, { ...answer, headers: { ...context.routeHeaders, ...answer.headers } });
            return { proceed: false, status: answer.status };
        }
    }
}
