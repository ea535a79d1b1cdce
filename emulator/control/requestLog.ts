// Every request the emulator receives (except its control API), so tests can assert what a client sent.
import type { AuthScheme } from "../auth/authentication";
import type { RouteName } from "../http/routes";

/** One received request and how the emulator answered it. */
export interface RequestLogEntry {
    /** When the request arrived, ISO 8601. */
    time: string;
    method: string;
    /** The path without the query. */
    path: string;
    /** The query parameters (the last value of a repeated one). */
    query: Record<string, string>;
    /** The Accept header, when sent. */
    accept?: string;
    /** The scheme of the Authorization header; credentials themselves are never logged. */
    authScheme: AuthScheme;
    route: RouteName | "unknown";
    /** The HTTP status answered; 0 while unanswered, and for resets and hangs, which never answer. */
    status: number;
    /** The kind of injected fault, when one applied. */
    fault?: string;
}

/** The log of received requests, oldest first. */
export class RequestLog {
    private entries: RequestLogEntry[] = [];

    /** Appends an entry and returns it, so its status can be filled in once the answer is known. */
    record(entry: RequestLogEntry): RequestLogEntry {
        this.entries.push(entry);
        return entry;
    }

    /** A copy of every entry, oldest first; later changes to the log do not affect it. */
    list(): RequestLogEntry[] {
        return this.entries.map((entry) => ({ ...entry, query: { ...entry.query } }));
    }

    /** Forgets every entry. */
    clear(): void {
        this.entries = [];
    }
}
