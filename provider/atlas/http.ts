// The one HTTP stack every request to Atlas goes through: timeouts, retries with backoff, text bodies.
import axios, { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from "axios";
import axiosRetry from "axios-retry";
import { installDeadline } from "./deadline";
import { installEnvelopeErrors } from "./envelope";
import { tunnelFor } from "./proxy";
import type { ProxyChoice } from "./proxy";
import { retryDelayMs, shouldRetry } from "./retry";

/** The limits an HTTP stack is built with. */
export interface HttpLimits {
    requestTimeoutMs: number;
    maxAttempts: number;
    maxRetryDelayMs: number;
    /** The proxy to tunnel through (see proxy.ts); absent: connect directly. */
    proxy?: ProxyChoice;
}

/** How a stack treats 429s: retried like a 5xx (the token endpoint), or handed to the caller, who waits as Atlas asks. */
export type RateLimitHandling = "retry" | "leave";

/** The largest answer read: past it reading stops, and the request fails at once as an unexpected answer. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** The package's User-Agent, so Atlas's logs can tell its requests apart. */
export const USER_AGENT = "pulumi-atlas-backup-snapshots";

/** An axios instance that retries transient failures and hands bodies back as text, parsed by the caller. */
export function createHttp(limits: HttpLimits, rateLimits: RateLimitHandling = "retry"): AxiosInstance {
    const http = axios.create({
        timeout: limits.requestTimeoutMs,
        transitional: { clarifyTimeoutError: true },
        responseType: "text",
        // axios counts bytes as they arrive and aborts past the bound, so an endless answer cannot fill memory.
        maxContentLength: MAX_ANSWER_BYTES,
        transformResponse: [(data: unknown) => data],
        maxRedirects: 0,
        validateStatus: (status) => status >= 200 && status < 300,
        headers: { "User-Agent": USER_AGENT },
        // Not axios's own proxy handling: the choice is `proxyFor`'s, and through a CONNECT tunnel the proxy never
        // sees the request's headers, which carry credentials.
        proxy: false,
        ...(limits.proxy && { httpAgent: tunnelFor(limits.proxy), httpsAgent: tunnelFor(limits.proxy) }),
    });
    // Both before axios-retry: its retries must see a timeout (not a cancel) and an enveloped error's real status.
    installDeadline(http, limits.requestTimeoutMs);
    installEnvelopeErrors(http);
    axiosRetry(http, {
        retries: limits.maxAttempts - 1,
        retryCondition: (error) =>
            !(rateLimits === "leave" && error.response?.status === 429) && shouldRetry(error, limits.maxRetryDelayMs),
        retryDelay: (retry, error) => retryDelayMs(retry, error, limits.maxRetryDelayMs),
        shouldResetTimeout: true,
    });
    return http;
}

/** How many attempts a request took, as axios-retry counted them. */
export function attemptsOf(error: unknown): number {
    const config = (error as AxiosError)?.config as
        (InternalAxiosRequestConfig & { "axios-retry"?: { retryCount?: number } }) | undefined;
    return (config?.["axios-retry"]?.retryCount ?? 0) + 1;
}
