// How each fault kind plays out on a live request: some are ordinary answers with the wrong content,
// the others misbehave at the socket level (reset, hang, truncated), which only a real server can do.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorAnswer, jsonAnswer, writeAnswer, type Answer, type AnswerHeaders } from "./answer";
import { apiError, defaultFaultErrorCode } from "./errors";
import type { FaultRule } from "./faults";
import { API_ROUTES, isApiRoute, type RouteName } from "./routes";
import { negotiateVersion, versionedContentType } from "./versioning";

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

/** The answer a fault sends in place of the real one, for the kinds that answer normally at the HTTP level. */
export function faultAnswer(rule: FaultRule, route: RouteName, accept: string | undefined): Answer | undefined {
    switch (rule.kind) {
        case "status": {
            const status = rule.status ?? 500;
            const error = apiError(
                status,
                rule.errorCode ?? defaultFaultErrorCode(status),
                `Injected fault: the emulator answers ${status}.`,
            );
            return errorAnswer(error, rule.retryAfter === undefined ? {} : { "Retry-After": String(rule.retryAfter) });
        }
        case "body": {
            const contentType = usualContentType(route, accept);
            const status = rule.status ?? 200;
            if (typeof rule.body === "string") {
                return { status, headers: { "Content-Type": contentType }, body: { text: rule.body } };
            }
            return jsonAnswer(status, rule.body, contentType);
        }
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
        default: {
            const answer = faultAnswer(rule, context.route, context.accept) as Answer;
            writeAnswer(res, { ...answer, headers: { ...context.routeHeaders, ...answer.headers } });
            return { proceed: false, status: answer.status };
        }
    }
}
