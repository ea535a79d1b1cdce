// What went wrong with one request to Atlas, reduced to the facts a person needs and nothing secret:
// axios errors carry request headers (and so credentials), so they never leave this module.
import { AxiosError } from "axios";
import { describeProxy, ProxyConnectError } from "./proxy";
import type { ProxyInUse } from "./proxy";
import { apiErrorSchema } from "./schemas";

/** Atlas answered with an error status. */
export interface HttpFailure {
    kind: "http";
    status: number;
    errorCode?: string;
    detail?: string;
    /** Seconds Atlas asked to wait, from `Retry-After`. */
    retryAfterSeconds?: number;
}

/** The connection failed: refused, reset, closed early, or the name did not resolve. */
export interface NetworkFailure {
    kind: "network";
    code: string;
    /** The proxy that could not be reached or refused the tunnel, when it was the proxy that failed. */
    proxy?: ProxyInUse;
}

/** No answer arrived within the request timeout. */
export interface TimeoutFailure {
    kind: "timeout";
    timeoutMs: number;
}

/** Atlas answered, but not with what the API defines: not JSON, or JSON of the wrong shape. */
export interface UnexpectedFailure {
    kind: "unexpected";
    status?: number;
    problem: string;
    /** A short, printable start of the body. */
    excerpt: string;
}

export type Failure = HttpFailure | NetworkFailure | TimeoutFailure | UnexpectedFailure;

/** A failed request to Atlas: which one, what happened, and after how many attempts. */
export class AtlasRequestError extends Error {
    constructor(
        readonly failure: Failure,
        /** `GET` and the URL path (no query, no credentials). */
        readonly request: { method: string; host: string; path: string },
        readonly attempts: number,
    ) {
        super(`${request.method} ${request.host}${request.path}: ${describeFailure(failure)}`);
        this.name = "AtlasRequestError";
    }
}

/** A one-line account of a failure, for messages. */
export function describeFailure(failure: Failure): string {
    switch (failure.kind) {
        case "http": {
            const code = failure.errorCode ? ` ${failure.errorCode}` : "";
            const detail = failure.detail ? `: ${failure.detail}` : "";
            return `Atlas answered ${failure.status}${code}${detail}`;
        }
        case "network":
            return failure.proxy
                ? `the connection through ${describeProxy(failure.proxy)} failed (${failure.code})`
                : `the connection failed (${failure.code})`;
        case "timeout":
            return `no answer within ${failure.timeoutMs / 1000} s`;
        case "unexpected":
            return (
                `unexpected answer from Atlas${failure.status ? ` (HTTP ${failure.status})` : ""}: ${failure.problem}` +
                (failure.excerpt ? `; it began ${JSON.stringify(failure.excerpt)}` : "")
            );
    }
}

/** The first characters of a body, printable and short, for messages about answers that made no sense. */
export function excerptOf(body: unknown, length = 120): string {
    const text = typeof body === "string" ? body : body === undefined ? "" : (JSON.stringify(body) ?? "");
    // eslint-disable-next-line no-control-regex
    const printable = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
    return printable.length > length ? `${printable.slice(0, length)}...` : printable;
}

/** Seconds from a `Retry-After` header (seconds or an HTTP date), if any. */
export function retryAfterSeconds(header: unknown): number | undefined {
    if (typeof header !== "string" || header.trim() === "") {
        return undefined;
    }
    if (/^\d+$/.test(header.trim())) {
        return Number(header.trim());
    }
    // Only an HTTP date (unpadded days allowed) counts: Date.parse reads "-5" or "2026" as dates in the past.
    if (!/^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+GMT$/.test(header.trim())) {
        return undefined;
    }
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Reads an error answer's body: Atlas's `ApiError` when it is one, else the `X-Error-Code` header alone. */
export function httpFailure(status: number, headers: Record<string, unknown>, body: unknown): HttpFailure {
    let parsed: unknown = body;
    if (typeof body === "string") {
        try {
            parsed = JSON.parse(body);
        } catch {
            parsed = undefined;
        }
    }
    const apiError = apiErrorSchema.safeParse(parsed);
    const headerCode = typeof headers["x-error-code"] === "string" ? headers["x-error-code"] : undefined;
    return {
        kind: "http",
        status,
        errorCode: apiError.success ? apiError.data.errorCode : headerCode,
        detail: apiError.success ? (apiError.data.detail ?? apiError.data.reason ?? undefined) : undefined,
        retryAfterSeconds: retryAfterSeconds(headers["retry-after"]),
    };
}

/** Turns whatever axios threw into a `Failure`, dropping the request (and its headers) on the floor. */
export function failureOf(error: unknown, timeoutMs: number): Failure {
    if (error instanceof AxiosError) {
        if (error.response && error.response.status < 400) {
            // A success status whose body broke off: the connection closed before the whole answer arrived.
            return {
                kind: "unexpected",
                status: error.response.status,
                problem: "the connection closed before the whole answer arrived (a truncated body)",
                excerpt: "",
            };
        }
        if (error.response) {
            return httpFailure(
                error.response.status,
                error.response.headers as Record<string, unknown>,
                error.response.data,
            );
        }
        if (error.cause instanceof ProxyConnectError) {
            return { kind: "network", code: error.cause.code, proxy: error.cause.proxy };
        }
        if (error.code === "ETIMEDOUT" || error.code === "ECONNABORTED") {
            return { kind: "timeout", timeoutMs };
        }
        if (error.code === "ERR_BAD_RESPONSE" || /aborted/i.test(error.message)) {
            return {
                kind: "unexpected",
                problem: "the connection closed before the whole answer arrived (a truncated body)",
                excerpt: "",
            };
        }
        return { kind: "network", code: error.code ?? "unknown error" };
    }
    return { kind: "network", code: error instanceof Error ? error.message : String(error) };
}
