// Fault rules: what tests ask the emulator to get wrong, and the queue that hands them out in order.
import { z } from "zod";
import { ROUTE_NAMES, type RouteName } from "../http/routes";

/** The kinds of fault the emulator can inject. */
export const FAULT_KINDS = [
    "latency",
    "status",
    "reset",
    "hang",
    "truncated",
    "html",
    "body",
    "trickle",
    "oversized",
    "redirect",
] as const;

/** The statuses a redirect fault may answer with. */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/** One fault: applied to the next `times` requests on `route`, after routing and before authentication. */
export interface FaultRule {
    /** The route it applies to; default "*" (any API or OAuth route). */
    route?: RouteName | "*";
    /** How many matching requests it applies to; default 1, Infinity allowed. */
    times?: number;
    /**
     * latency: wait `ms`, then answer normally. status: an ApiError with `status`, enveloped as Atlas does when the
     * request asks for `envelope=true`. reset: destroy the socket. hang: never answer (until close). truncated:
     * promise more bytes than sent, then close. html: a 200 HTML page. body: serve `body` instead of the real
     * answer. trickle: send the headers at once, then `bytes` bytes of the body every `ms`. oversized: a 200 whose
     * body is `bytes` long, written as fast as the client reads. redirect: a 3xx `status` to `location`.
     */
    kind: (typeof FAULT_KINDS)[number];
    /** latency: the delay in milliseconds; trickle: the pause between two writes (default 1000). */
    ms?: number;
    /**
     * status: the HTTP status (429, 500, 502, 503, 504…); body: the status of the custom body (default 200);
     * redirect: 301, 302 (default), 303, 307 or 308.
     */
    status?: number;
    /** status: the Retry-After seconds to send, when set. */
    retryAfter?: number;
    /**
     * status: the errorCode, instead of the usual one for the status. A 429 with `RATE_LIMITED_TOKEN_BUCKET` is
     * answered as Atlas's documentation shows it: the detail and `parameters` give the path, `retryAfter` (default
     * 60) and the example's figures (capacity 10, refill 5 per 60 s), with `Ratelimit-Limit` and `Ratelimit-Remaining`.
     */
    errorCode?: string;
    /** body, trickle: a raw string, or a JSON value, served with the route's usual Content-Type. */
    body?: unknown;
    /** status, body: more headers to send (`X-Error-Code`, a `WWW-Authenticate` challenge…); later ones win. */
    headers?: Record<string, string>;
    /** trickle: bytes per write (default 8); oversized: the body's length in bytes (default 5 MiB). */
    bytes?: number;
    /** redirect: the `Location` header; none is sent when it is left out. */
    location?: string;
}

const ROUTES = [...ROUTE_NAMES, "*"] as const;

// JSON cannot say Infinity, so the control API also accepts the string "Infinity".
const times = z.preprocess(
    (value) => (value === "Infinity" ? Number.POSITIVE_INFINITY : value),
    z.custom<number>(
        (value) => value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && (value as number) > 0),
        { message: "expected a positive integer or Infinity" },
    ),
);

const faultRuleSchema = z
    .object({
        route: z.enum(ROUTES).optional(),
        times: times.optional(),
        kind: z.enum(FAULT_KINDS),
        ms: z.number().int().nonnegative().optional(),
        status: z.number().int().min(100).max(599).optional(),
        retryAfter: z.number().int().nonnegative().optional(),
        errorCode: z.string().min(1).optional(),
        body: z.unknown().optional(),
        headers: z.record(z.string(), z.string()).optional(),
        bytes: z.number().int().positive().optional(),
        location: z.string().optional(),
    })
    .strict()
    .superRefine((rule, ctx) => {
        if (rule.kind === "latency" && rule.ms === undefined) {
            ctx.addIssue({ code: "custom", path: ["ms"], message: "a latency fault needs ms" });
        }
        if (rule.kind === "status" && rule.status === undefined) {
            ctx.addIssue({ code: "custom", path: ["status"], message: "a status fault needs status" });
        }
        if (rule.kind === "body" && rule.body === undefined) {
            ctx.addIssue({ code: "custom", path: ["body"], message: "a body fault needs body" });
        }
        if (
            rule.kind === "redirect" &&
            rule.status !== undefined &&
            !(REDIRECT_STATUSES as readonly number[]).includes(rule.status)
        ) {
            ctx.addIssue({
                code: "custom",
                path: ["status"],
                message: `a redirect fault's status is one of ${REDIRECT_STATUSES.join(", ")}`,
            });
        }
    });

/** Checks a value is a usable fault rule; throws a TypeError naming each bad field. */
export function validateFaultRule(value: unknown): FaultRule {
    const result = faultRuleSchema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(rule)"}: ${issue.message}`);
    throw new TypeError(`Invalid fault rule: ${problems.join("; ")}`);
}

/** The injected rules, consumed in order: a request takes the first rule that matches its route. */
export class FaultQueue {
    private rules: { rule: FaultRule; remaining: number }[] = [];

    /** Appends a validated rule. */
    add(rule: FaultRule): void {
        const valid = validateFaultRule(rule);
        this.rules.push({ rule: valid, remaining: valid.times ?? 1 });
    }

    /** Removes every rule. */
    clear(): void {
        this.rules = [];
    }

    /** The rule that applies to a request on `route`, counting it as used once; undefined when none does. */
    take(route: RouteName): FaultRule | undefined {
        const index = this.rules.findIndex((entry) => (entry.rule.route ?? "*") === "*" || entry.rule.route === route);
        if (index < 0) return undefined;
        const entry = this.rules[index];
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.rules.splice(index, 1);
        return entry.rule;
    }
}
