// A deadline over each attempt's whole answer. axios's `timeout` becomes a socket idle timer once the headers are
// in, so a body trickling a few bytes a second would hold an attempt open for as long as it trickles.
import { AxiosError, isCancel } from "axios";
import type { AxiosInstance, GenericAbortSignal, InternalAxiosRequestConfig } from "axios";

/** One attempt's deadline: its timer, whether it fired, and the caller's own signal to put back afterwards. */
interface Deadline {
    timer: NodeJS.Timeout;
    expired: boolean;
    callerSignal: GenericAbortSignal | undefined;
}

const deadlines = new WeakMap<InternalAxiosRequestConfig, Deadline>();

/** The error an attempt past its deadline fails with: axios's own timeout error, so retries and messages agree. */
export function deadlineError(config: InternalAxiosRequestConfig, timeoutMs: number, request?: unknown): AxiosError {
    return new AxiosError(`timeout of ${timeoutMs}ms exceeded`, AxiosError.ETIMEDOUT, config, request);
}

/** Whether a failed attempt was ended by its own deadline rather than cancelled by the caller. */
export function endedByDeadline(error: unknown, deadlineExpired: boolean): boolean {
    return deadlineExpired && isCancel(error);
}

/** Stops an attempt's timer and puts the caller's signal back; says whether the deadline had fired. */
function settle(config: InternalAxiosRequestConfig | undefined): boolean {
    const deadline = config && deadlines.get(config);
    if (!config || !deadline) {
        return false;
    }
    clearTimeout(deadline.timer);
    deadlines.delete(config);
    // axios-retry skips its backoff when the config's signal is already aborted, so the spent one must go.
    config.signal = deadline.callerSignal;
    return deadline.expired;
}

/**
 * Gives every attempt (axios-retry re-runs the request interceptors for each) `timeoutMs` for the whole answer,
 * from sending to the last byte; an attempt past it fails as axios's own timeout (ETIMEDOUT). Install it before
 * axios-retry, so retries see the timeout and not a cancel.
 */
export function installDeadline(http: AxiosInstance, timeoutMs: number): void {
    http.interceptors.request.use((config) => {
        const controller = new AbortController();
        const deadline: Deadline = {
            expired: false,
            callerSignal: config.signal,
            timer: setTimeout(() => {
                deadline.expired = true;
                controller.abort();
            }, timeoutMs),
        };
        deadline.timer.unref();
        config.signal = config.signal
            ? AbortSignal.any([config.signal as AbortSignal, controller.signal])
            : controller.signal;
        deadlines.set(config, deadline);
        return config;
    });
    http.interceptors.response.use(
        (response) => {
            settle(response.config);
            return response;
        },
        (error: unknown) => {
            const config = (error as AxiosError | undefined)?.config;
            const expired = settle(config);
            if (config && endedByDeadline(error, expired)) {
                return Promise.reject(deadlineError(config, timeoutMs, (error as AxiosError).request));
            }
            return Promise.reject(error);
        },
    );
}
