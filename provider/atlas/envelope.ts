// With `envelope=true`, Atlas answers an error as HTTP 200 carrying `{status, content}`. Turned back into the
// error response it stands for inside the HTTP stack, retries and 401 recovery see the real status.
import { AxiosError } from "axios";
import type { AxiosInstance, AxiosResponse } from "axios";

/** An enveloped answer that stands for an error: the status Atlas meant and the body it wrapped. */
export interface EnvelopedError {
    status: number;
    content: unknown;
}

/** Whether a request URL asks for `envelope=true`. */
export function asksForEnvelope(url: string | undefined): boolean {
    if (url === undefined) {
        return false;
    }
    try {
        return new URL(url).searchParams.get("envelope") === "true";
    } catch {
        return false;
    }
}

/** The error an enveloped body stands for, when its `status` is a status outside 2xx; undefined otherwise. */
export function envelopedError(body: unknown): EnvelopedError | undefined {
    let parsed: unknown = body;
    if (typeof body === "string") {
        try {
            parsed = JSON.parse(body);
        } catch {
            return undefined;
        }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return undefined;
    }
    const { status, content, ...rest } = parsed as Record<string, unknown>;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
        return undefined;
    }
    if (status >= 200 && status < 300) {
        return undefined;
    }
    return { status, content: content === undefined ? rest : content };
}

/** The error response an enveloped error stands for: same headers and request, Atlas's status, the inner body. */
export function unenvelopedError(response: AxiosResponse, enveloped: EnvelopedError): AxiosError {
    const inner: AxiosResponse = {
        ...response,
        status: enveloped.status,
        statusText: "",
        data: JSON.stringify(enveloped.content ?? null),
    };
    return new AxiosError(
        `Request failed with status code ${enveloped.status}`,
        enveloped.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
        response.config,
        response.request,
        inner,
    );
}

/** Makes an enveloped error fail like the unenveloped answer would; install it before axios-retry. */
export function installEnvelopeErrors(http: AxiosInstance): void {
    http.interceptors.response.use((response) => {
        const enveloped = asksForEnvelope(response.config.url) ? envelopedError(response.data) : undefined;
        if (enveloped) {
            throw unenvelopedError(response, enveloped);
        }
        return response;
    });
}
