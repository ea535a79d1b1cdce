// The control API under /__emulator/: the programmatic controls over HTTP, so an emulator started from the CLI
// in another process can be scripted. Not part of Atlas: no authentication, and never logged.
import type { IncomingMessage } from "node:http";
import { jsonAnswer, type Answer } from "../http/answer";
import type { FaultRule } from "../faults/faults";
import { readBody } from "../http/requestBody";
import type { RateLimitConfig } from "../faults/rateLimit";
import type { RequestLogEntry } from "./requestLog";
import { isSunsetMode, type SunsetMode } from "../faults/sunset";

/** The path prefix of the control API. */
export const CONTROL_PREFIX = "/__emulator/";

/** The emulator controls the control API exposes (the same methods as the programmatic API). */
export interface EmulatorControls {
    /** A copy of the request log, oldest first (the control API is not logged). */
    requests(): RequestLogEntry[];
    /** Empties the request log and restarts the count of concurrent requests. */
    clearLog(): void;
    /** The most requests (API and token routes) open at once since the start or the last `clearLog()`. */
    peakConcurrency(): number;
    /** Appends a fault rule; rules are consumed in order. Throws a TypeError for an invalid rule. */
    inject(rule: FaultRule): void;
    /** Removes every pending fault rule. */
    clearFaults(): void;
    /** Switches how the serverless routes behave from now on. */
    setSunset(mode: SunsetMode): void;
    /** Makes every access token issued so far invalid (401), as if they had expired. */
    expireTokens(): void;
    /** Makes every Digest nonce issued so far stale: its next use gets a 401 whose challenge says stale=true. */
    staleNonces(): void;
    /** Every access token issued so far, oldest first, so tests can check none leaks into logs or state. */
    issuedTokens(): string[];
    /** Changes a stored snapshot's status, in its shape's vocabulary (serverless `completed`, Flex `COMPLETED`). */
    setSnapshotStatus(projectId: string, instanceName: string, snapshotId: string, status: string): void;
    /**
     * Turns the Admin API's token buckets on with these figures, every bucket full again, or off with undefined.
     * Throws a RangeError for figures that cannot work.
     */
    setRateLimits(config: RateLimitConfig | undefined): void;
    /** The buckets' figures and each bucket's tokens left, or undefined when rate limiting is off. */
    rateLimits(): (RateLimitConfig & { buckets: { bucket: string; remaining: number }[] }) | undefined;
}

const done: Answer = { status: 204, headers: {} };

/** A control API answer: JSON, with a `message` when something is wrong. */
function reply(status: number, value: unknown): Answer {
    return jsonAnswer(status, value, "application/json");
}

/** Parses a JSON request body, or undefined when it is not JSON. */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
    try {
        return JSON.parse(await readBody(req)) as unknown;
    } catch {
        return undefined;
    }
}

/** Reads a string field of a JSON object body. */
function stringField(body: unknown, name: string): string | undefined {
    const value = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
    return typeof value === "string" ? value : undefined;
}

/**
 * Answers a control request: `GET|DELETE log`, `GET concurrency`, `POST|DELETE faults`, `POST sunset {"mode"}`, `POST tokens/expire`,
 * `GET tokens`, `POST nonces/stale`, `POST snapshots/status {"projectId","instanceName","snapshotId","status"}`,
 * `GET|POST|DELETE rateLimits` (`POST` `{"capacity","refillRate","refillDurationSeconds","scope"?,"headers"?}`).
 */
export async function controlAnswer(
    req: IncomingMessage,
    pathname: string,
    controls: EmulatorControls,
): Promise<Answer> {
    const action = `${req.method ?? "GET"} ${pathname.slice(CONTROL_PREFIX.length)}`;
    switch (action) {
        case "GET log":
            return reply(200, controls.requests());
        case "DELETE log":
            controls.clearLog();
            return done;
        case "POST faults": {
            const body = await jsonBody(req);
            try {
                controls.inject(body as FaultRule);
            } catch (error) {
                return reply(400, { message: (error as Error).message });
            }
            return done;
        }
        case "DELETE faults":
            controls.clearFaults();
            return done;
        case "POST sunset": {
            const mode = stringField(await jsonBody(req), "mode");
            if (!isSunsetMode(mode)) return reply(400, { message: 'Send {"mode": "active" | "404" | "410"}.' });
            controls.setSunset(mode);
            return done;
        }
        case "POST tokens/expire":
            controls.expireTokens();
            return done;
        case "GET concurrency":
            return reply(200, { peak: controls.peakConcurrency() });
        case "GET tokens":
            return reply(200, controls.issuedTokens());
        case "POST nonces/stale":
            controls.staleNonces();
            return done;
        case "POST snapshots/status": {
            const body = await jsonBody(req);
            const fields = ["projectId", "instanceName", "snapshotId", "status"].map((name) => stringField(body, name));
            if (fields.some((field) => field === undefined)) {
                return reply(400, { message: "Send projectId, instanceName, snapshotId and status as strings." });
            }
            const [projectId, instanceName, snapshotId, status] = fields as string[];
            try {
                controls.setSnapshotStatus(projectId, instanceName, snapshotId, status);
            } catch (error) {
                return reply(400, { message: (error as Error).message });
            }
            return done;
        }
        case "GET rateLimits":
            return reply(200, controls.rateLimits() ?? null);
        case "POST rateLimits": {
            try {
                controls.setRateLimits((await jsonBody(req)) as RateLimitConfig);
            } catch (error) {
                return reply(400, { message: (error as Error).message });
            }
            return done;
        }
        case "DELETE rateLimits":
            controls.setRateLimits(undefined);
            return done;
        default:
            return reply(404, { message: `No control action ${action}.` });
    }
}
