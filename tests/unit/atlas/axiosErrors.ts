// Hand-built axios errors, as axios itself builds them, for the retry and failure tests.
import { AxiosError, AxiosHeaders } from "axios";
import type { AxiosResponse, InternalAxiosRequestConfig } from "axios";

/** A request config as axios would hold it, with the headers the client sent. */
export function requestConfig(headers: Record<string, string> = {}): InternalAxiosRequestConfig {
    return { headers: new AxiosHeaders(headers), method: "get", url: "https://cloud.mongodb.com/api/atlas/v2" };
}

/** An error for an answer with `status`, as axios throws it when the status is not 2xx. */
export function answered(
    status: number,
    headers: Record<string, string> = {},
    data: unknown = "",
    config: InternalAxiosRequestConfig = requestConfig(),
): AxiosError {
    const response = { status, headers, data, statusText: "", config } as AxiosResponse;
    const code = status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
    return new AxiosError(`Request failed with status code ${status}`, code, config, {}, response);
}

/** An error with no answer at all: refused, reset, timed out, cancelled. */
export function unanswered(
    code: string,
    message = `failed with ${code}`,
    config: InternalAxiosRequestConfig = requestConfig(),
): AxiosError {
    return new AxiosError(message, code, config, {});
}
