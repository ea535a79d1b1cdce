// Atlas's `envelope=true` query flag, for clients that cannot read HTTP status codes or headers.
import type { Answer } from "./answer";

/**
 * Wraps an answer as Atlas does with `envelope=true`: a list gains a `status` field, a single resource or an
 * error becomes `{status, content}`; the HTTP status is then always 200.
 */
export function envelop(answer: Answer): Answer {
    if (answer.body === undefined || !("json" in answer.body)) return answer;
    const value = answer.body.json;
    const isList =
        typeof value === "object" && value !== null && Array.isArray((value as { results?: unknown }).results);
    const json = isList ? { ...(value as object), status: answer.status } : { status: answer.status, content: value };
    return { status: 200, headers: answer.headers, body: { json } };
}
