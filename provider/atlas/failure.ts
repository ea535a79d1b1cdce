// What went wrong with one request to Atlas, reduced to the facts a person needs and nothing secret:
// axios errors carry request headers (and so credentials), so they never leave this module.
import { AxiosError } from "axios";
import { describeProxy, ProxyConnectError, stalledTunnelOf } from "./proxy";
import type { ProxyInUse, StalledTunnel } from "./proxy";
import { describeFigures, describeWait } from "./rateLimits";
import type { BucketFigures } from "./rateLimits";
import { errorBodySchema } from "./schemas";

/** Atlas answered with an error status. */
export interface HttpFailure {
    kind: "http";
    status: number;
    errorCode?: string;
    detail?: string;
    /** Seconds Atlas asked to wait, from `Retry-After`. */
    retryAfterSeconds?: number;
    /** The body's `parameters`, which a 429 fills with the path, the wait and the bucket's figures. */
    parameters?: unknown[];
    /** `RateLimit-Limit`: the capacity of the bucket the request drew on, when sent. */
    rateLimitLimit?: number;
    /** Set when a 429's wait would have passed the read's wait budget: the bucket and how long was waited. */
    rateLimit?: RateLimitExhausted;
}

/** A read that stopped waiting for an empty bucket, because the next wait would pass its budget. */
export interface RateLimitExhausted {
    /** The bucket in words: "Flex snapshot reads of project …". */
    bucket: string;
    figures: BucketFigures;
    /** How much longer Atlas (or the backoff) asked to wait. */
    askedMs: number;
    /** How long this read had waited already. */
    waitedMs: number;
    budgetMs: number;
    /** The 429s this read got. */
    refusals: number;
}

/** Atlas answered with a redirect (3xx), which is never followed: the request carries credentials. */
export interface RedirectFailure {
    kind: "redirect";
    status: number;
    /** The host the `Location` header points at (never its path or query), when it names one. */
    locationHost?: string;
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
    /** The proxy tunnel the attempt was still waiting for, when the time ran out before it opened. */
    tunnel?: StalledTunnel;
}

/** Atlas answered, but not with what the API defines: not JSON, or JSON of the wrong shape. */
export interface UnexpectedFailure {
    kind: "unexpected";
    status?: number;
    problem: string;
    /** A short, printable start of the body. */
    excerpt: string;
}

export type Failure = HttpFailure | RedirectFailure | NetworkFailure | TimeoutFailure | UnexpectedFailure;

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
            if (failure.rateLimit) {
                return `Atlas answered ${failure.status}${code}${detail.replace(/\.$/, "")}; ${describeExhaustion(failure.rateLimit)}`;
            }
            return `Atlas answered ${failure.status}${code}${detail}`;
        }
        case "redirect":
            return (
                `Atlas answered ${failure.status}, a redirect ` +
                (failure.locationHost ? `to ${failure.locationHost}` : "without a usable Location header")
            );
        case "network":
            return failure.proxy
                ? `the connection through ${describeProxy(failure.proxy)} failed (${failure.code})`
                : `the connection failed (${failure.code})`;
        case "timeout":
            return failure.tunnel
                ? describeStalledTunnel(failure.tunnel, failure.timeoutMs)
                : `no answer within ${failure.timeoutMs / 1000} s`;
        case "unexpected":
            return (
                `unexpected answer from Atlas${failure.status ? ` (HTTP ${failure.status})` : ""}: ${failure.problem}` +
                (failure.excerpt ? `; it began ${JSON.stringify(failure.excerpt)}` : "")
            );
    }
}

/** Why a read stopped waiting for a bucket: "the bucket of … (capacity 10, refill 5 per 60 s) stays empty …". */
export function describeExhaustion(exhausted: RateLimitExhausted): string {
    const figures = describeFigures(exhausted.figures);
    return (
        `the rate limit of ${exhausted.bucket}${figures ? ` (${figures})` : ""} asks for ${describeWait(exhausted.askedMs)} ` +
        `more, past the read's wait budget of ${describeWait(exhausted.budgetMs)} ` +
        `(${describeWait(exhausted.waitedMs)} waited already, ${exhausted.refusals} × 429)`
    );
}

/** A tunnel that never opened, in words: "the proxy … from HTTPS_PROXY accepted the connection but did not …". */
function describeStalledTunnel(tunnel: StalledTunnel, timeoutMs: number): string {
    const within = `within ${timeoutMs / 1000} s`;
    return tunnel.stage === "connecting"
        ? `${describeProxy(tunnel.proxy)} did not accept the connection ${within}`
        : `${describeProxy(tunnel.proxy)} accepted the connection but did not answer CONNECT ${within}`;
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

/** A whole number from a header such as `RateLimit-Remaining`, if it holds one. */
export function headerNumber(header: unknown): number | undefined {
    return typeof header === "string" && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

/** Reads an error answer's body: Atlas's `ApiError` (with or without its `errorCode`), the code from `X-Error-Code` when the body has none. */
export function httpFailure(status: number, headers: Record<string, unknown>, body: unknown): HttpFailure {
    let parsed: unknown = body;
    if (typeof body === "string") {
        try {
            parsed = JSON.parse(body);
        } catch {
            parsed = undefined;
        }
    }
    const errorBody = errorBodySchema.safeParse(parsed);
    const fields = errorBody.success ? errorBody.data : {};
    const headerCode = typeof headers["x-error-code"] === "string" ? headers["x-error-code"] : undefined;
    const limit = headerNumber(headers["ratelimit-limit"]);
    return {
        kind: "http",
        status,
        errorCode: fields.errorCode ?? headerCode,
        detail: fields.detail ?? fields.reason ?? undefined,
        retryAfterSeconds: retryAfterSeconds(headers["retry-after"]),
        ...(status === 429 && fields.parameters !== undefined && { parameters: fields.parameters }),
        ...(status === 429 && limit !== undefined && { rateLimitLimit: limit }),
    };
}

/** Whether a status is a redirect, which is never followed nor retried. */
export function isRedirectStatus(status: number): boolean {
    return status >= 300 && status < 400;
}

/** Whether axios stopped reading because the answer grew past `maxContentLength`. */
export function isOversizedAnswer(error: AxiosError): boolean {
    // axios says so only in its message; the code alone (ERR_BAD_RESPONSE) also marks a body cut short.
    return error.response === undefined && /maxContentLength size of \d+ exceeded/.test(error.message);
}

/** The host a `Location` header points at, resolved against the request's URL; undefined when there is none. */
export function locationHost(location: unknown, requestUrl: string | undefined): string | undefined {
    if (typeof location !== "string" || location.trim() === "") {
        return undefined;
    }
    try {
        return new URL(location.trim(), requestUrl).host || undefined;
    } catch {
        return undefined;
    }
}

/** A byte count as people read it: "4 MiB (4194304 bytes)". */
export function describeBytes(bytes: number): string {
    const mib = bytes / (1024 * 1024);
    return Number.isInteger(mib) ? `${mib} MiB (${bytes} bytes)` : `${bytes} bytes`;
}

const TRUNCATED: UnexpectedFailure = {
    kind: "unexpected",
    problem: "the connection closed before the whole answer arrived (a truncated body)",
    excerpt: "",
};

/** Turns whatever axios threw into a `Failure`, dropping the request (and its headers) on the floor. */
export function failureOf(error: unknown, timeoutMs: number): Failure {
    if (error instanceof AxiosError) {
        const response = error.response;
        if (response && isRedirectStatus(response.status)) {
            return {
                kind: "redirect",
                status: response.status,
                locationHost: locationHost(response.headers?.location, error.config?.url),
            };
        }
        if (response && response.status < 300) {
            // A success status whose body broke off: the connection closed before the whole answer arrived.
            return { ...TRUNCATED, status: response.status };
        }
        if (response) {
            return httpFailure(response.status, response.headers as Record<string, unknown>, response.data);
        }
        if (isOversizedAnswer(error)) {
            const bound = error.config?.maxContentLength ?? 0;
            const status = (error.request as { res?: { statusCode?: number } } | undefined)?.res?.statusCode;
            return {
                kind: "unexpected",
                ...(status === undefined ? {} : { status }),
                problem: `the answer is larger than ${describeBytes(bound)}, the most this client reads; reading stopped there`,
                excerpt: "",
            };
        }
        if (error.cause instanceof ProxyConnectError) {
            return { kind: "network", code: error.cause.code, proxy: error.cause.proxy };
        }
        if (error.code === "ETIMEDOUT" || error.code === "ECONNABORTED") {
            const tunnel = stalledTunnelOf(error.request);
            return { kind: "timeout", timeoutMs, ...(tunnel && { tunnel }) };
        }
        if (error.code === "ERR_BAD_RESPONSE" || /aborted/i.test(error.message)) {
            return { ...TRUNCATED };
        }
        return { kind: "network", code: error.code ?? "unknown error" };
    }
    return { kind: "network", code: error instanceof Error ? error.message : String(error) };
}
