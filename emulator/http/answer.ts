// An answer is decided as a plain value first and written to the socket last, so every decision
// (routing, auth, lookup, envelope) is a function from request facts to an Answer that tests can read.
import type { ServerResponse } from "node:http";
import type { ApiError } from "../../provider/atlas/schemas";

/** The headers of an answer; a list value is sent as repeated header lines. */
export type AnswerHeaders = Record<string, string | string[]>;

/** What the emulator answers to one request: status, headers and an optional JSON or text body. */
export interface Answer {
    status: number;
    headers: AnswerHeaders;
    /** A JSON value (serialised on write, indented when `pretty=true`) or raw text sent as is. */
    body?: { json: unknown } | { text: string };
}

/** A JSON answer with the given Content-Type. */
export function jsonAnswer(status: number, value: unknown, contentType: string, headers: AnswerHeaders = {}): Answer {
    return { status, headers: { "Content-Type": contentType, ...headers }, body: { json: value } };
}

/**
 * An Atlas error answer from a resource: `application/json` body plus the code in `X-Error-Code`, and the
 * `Vary: Accept-Encoding` every recorded Atlas error carries.
 */
export function errorAnswer(error: ApiError, headers: AnswerHeaders = {}): Answer {
    return jsonAnswer(error.error, error, "application/json", {
        Vary: "Accept-Encoding",
        "X-Error-Code": error.errorCode,
        ...headers,
    });
}

/**
 * Formats a flat object as Jackson's default pretty printer does (two-space indent, `" : "` between key and value,
 * no final newline): the form of Atlas's authentication filter's bodies, which `pretty` does not change.
 */
export function jacksonIndented(value: Record<string, unknown>): string {
    const lines = Object.entries(value).map(([key, field]) => `  ${JSON.stringify(key)} : ${JSON.stringify(field)}`);
    return `{\n${lines.join(",\n")}\n}`;
}

/** Returns the answer with more headers; later ones win. */
export function withHeaders(answer: Answer, headers: AnswerHeaders): Answer {
    return { ...answer, headers: { ...answer.headers, ...headers } };
}

/** Serialises an answer's body: JSON compact or indented, text as is, nothing for no body. */
export function serializeBody(answer: Answer, pretty: boolean): string {
    if (answer.body === undefined) return "";
    if ("text" in answer.body) return answer.body.text;
    return pretty ? JSON.stringify(answer.body.json, null, 2) : JSON.stringify(answer.body.json);
}

/** Writes an answer with an exact Content-Length and ends the response. */
export function writeAnswer(res: ServerResponse, answer: Answer, pretty = false): void {
    const body = Buffer.from(serializeBody(answer, pretty), "utf8");
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.setHeader("Content-Length", body.length);
    res.writeHead(answer.status);
    res.end(body);
}
