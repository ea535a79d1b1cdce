// Where the client's credentials, base URL and limits come from: stack config first, then the environment.
import { ConfigurationError } from "../common/errors";
import { parseDuration } from "../common/duration";
import { ATLAS_BASE_URL, ATLAS_GOV_BASE_URL } from "./endpoints";
import { proxyFor } from "./proxy";
import type { ProxyChoice } from "./proxy";

/**
 * Reads a stack config value by its full key (`mongodbatlas:clientId`); Pulumi's `Config` objects fit. `namespace`
 * is the config namespace it reads, `mongodbatlas` (the official provider's keys) unless it says otherwise: the
 * provider plugin reads its own, `atlas-backup-snapshots`.
 */
export interface ConfigReader {
    get(key: string): string | undefined;
    readonly namespace?: string;
}

/** The config namespace a program's stack config is read in: the keys users of MongoDB's provider already have. */
export const DEFAULT_CONFIG_NAMESPACE = "mongodbatlas";

/** A credential and where it came from, so errors can say which one Atlas refused without showing it. */
export type Credentials =
    | { kind: "accessToken"; accessToken: string; source: string }
    | { kind: "serviceAccount"; clientId: string; clientSecret: string; source: string }
    | { kind: "apiKey"; publicKey: string; privateKey: string; source: string };

/** Everything the Atlas client needs to make requests. */
export interface ClientSettings {
    /** Atlas's base URL, without a trailing slash. */
    baseUrl: string;
    credentials: Credentials;
    /** How long one attempt may take before it is abandoned. Default 10 s. */
    requestTimeoutMs: number;
    /** Attempts per request, first one included, for 429, 5xx and network failures. Default 4. */
    maxAttempts: number;
    /** Requests in flight to Atlas at once, per process. Default 16. */
    maxConcurrency: number;
    /** The longest wait between attempts after a 5xx or a broken connection; a `Retry-After` beyond it fails at once. Default 30 s. */
    maxRetryDelayMs: number;
    /** The longest a read waits in all for Atlas's rate limits (429s); a wait beyond what is left fails it. Default 3 min. */
    rateLimitBudgetMs: number;
    /** Asks Atlas to wrap answers as `{status, content}` (`envelope=true`). Default false. */
    envelope: boolean;
    /** How long after Atlas answered it an instance's list may answer other reads; 0: never. Default 30 s. */
    listMaxAgeMs: number;
    /** The proxy to tunnel through to the base URL, from `HTTPS_PROXY` and `NO_PROXY`; absent: connect directly. */
    proxy?: ProxyChoice;
}

/** The defaults of every limit, in one place. */
export const DEFAULT_LIMITS = {
    requestTimeoutMs: 10_000,
    maxAttempts: 4,
    maxConcurrency: 16,
    maxRetryDelayMs: 30_000,
    rateLimitBudgetMs: 180_000,
    envelope: false,
    listMaxAgeMs: 30_000,
} as const;

/** The environment variables that override the limits. */
export const LIMIT_VARIABLES = {
    requestTimeoutMs: "ATLAS_REQUEST_TIMEOUT",
    maxAttempts: "ATLAS_MAX_ATTEMPTS",
    maxConcurrency: "ATLAS_MAX_CONCURRENCY",
    maxRetryDelayMs: "ATLAS_MAX_RETRY_DELAY",
    rateLimitBudgetMs: "ATLAS_RATE_LIMIT_BUDGET",
    envelope: "ATLAS_ENVELOPE",
    listMaxAgeMs: "ATLAS_LIST_MAX_AGE",
} as const;

type Env = Record<string, string | undefined>;

/** One setting looked up in stack config, then in each environment variable in turn. */
function lookup(config: ConfigReader | undefined, env: Env, key: string, variables: string[]) {
    const fullKey = `${namespaceOf(config)}:${key}`;
    const fromConfig = nonEmpty(config?.get(fullKey));
    if (fromConfig !== undefined) {
        return { value: fromConfig, source: `stack config ${fullKey}` };
    }
    for (const variable of variables) {
        const value = nonEmpty(env[variable]);
        if (value !== undefined) {
            return { value, source: `environment variable ${variable}` };
        }
    }
    return undefined;
}

function namespaceOf(config: ConfigReader | undefined): string {
    return config?.namespace ?? DEFAULT_CONFIG_NAMESPACE;
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The credential to use: an access token, else a service account, else an API key, as MongoDB's providers do. */
export function resolveCredentials(config: ConfigReader | undefined, env: Env): Credentials {
    const token = lookup(config, env, "accessToken", ["MONGODB_ATLAS_ACCESS_TOKEN"]);
    if (token) {
        return { kind: "accessToken", accessToken: token.value, source: token.source };
    }
    const clientId = lookup(config, env, "clientId", ["MONGODB_ATLAS_CLIENT_ID"]);
    const clientSecret = lookup(config, env, "clientSecret", ["MONGODB_ATLAS_CLIENT_SECRET"]);
    if (clientId && clientSecret) {
        return {
            kind: "serviceAccount",
            clientId: clientId.value,
            clientSecret: clientSecret.value,
            source: `${clientId.source} and ${clientSecret.source}`,
        };
    }
    const publicKey = lookup(config, env, "publicKey", ["MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY"]);
    const privateKey = lookup(config, env, "privateKey", [
        "MONGODB_ATLAS_PRIVATE_API_KEY",
        "MONGODB_ATLAS_PRIVATE_KEY",
    ]);
    if (publicKey && privateKey) {
        return {
            kind: "apiKey",
            publicKey: publicKey.value,
            privateKey: privateKey.value,
            source: `${publicKey.source} and ${privateKey.source}`,
        };
    }
    const half =
        (clientId && `a service account client id (${clientId.source}) without its secret`) ||
        (clientSecret && `a service account secret (${clientSecret.source}) without its client id`) ||
        (publicKey && `an API public key (${publicKey.source}) without its private key`) ||
        (privateKey && `an API private key (${privateKey.source}) without its public key`);
    const ns = namespaceOf(config);
    throw new ConfigurationError(
        (half ? `Incomplete Atlas credentials: found ${half}. ` : "No Atlas credentials found. ") +
            `Set a service account (${ns}:clientId and ${ns}:clientSecret, or MONGODB_ATLAS_CLIENT_ID ` +
            `and MONGODB_ATLAS_CLIENT_SECRET), an access token (${ns}:accessToken or MONGODB_ATLAS_ACCESS_TOKEN), ` +
            `or an API key (${ns}:publicKey and ${ns}:privateKey, or MONGODB_ATLAS_PUBLIC_API_KEY and ` +
            "MONGODB_ATLAS_PRIVATE_API_KEY).",
    );
}

/** True for hosts whose traffic never leaves the machine, the only ones allowed plain `http://`. */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A URL as it may be shown in a message: any user and password replaced by "***". */
export function redactUserinfo(text: string): string {
    return text.replace(/\/\/[^/@\s]*@/g, "//***@");
}

/** The base URL: `baseUrl`, else Atlas for Government when `isMongodbgovCloud`, else Atlas's commercial cloud. */
export function resolveBaseUrl(config: ConfigReader | undefined, env: Env): string {
    const configured = lookup(config, env, "baseUrl", ["MONGODB_ATLAS_BASE_URL"]);
    if (!configured) {
        const gov = lookup(config, env, "isMongodbgovCloud", []);
        return gov?.value.toLowerCase() === "true" ? ATLAS_GOV_BASE_URL : ATLAS_BASE_URL;
    }
    const shown = JSON.stringify(redactUserinfo(configured.value));
    let url: URL;
    try {
        url = new URL(configured.value);
    } catch {
        throw new ConfigurationError(
            `Invalid Atlas base URL ${shown} from ${configured.source}: expected an absolute URL such as ${ATLAS_BASE_URL}.`,
        );
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new ConfigurationError(
            `Invalid Atlas base URL from ${configured.source}: it must not carry credentials, a query or a fragment.`,
        );
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
        throw new ConfigurationError(
            `Refusing Atlas base URL ${shown} from ${configured.source}: ` +
                "credentials would cross the network in clear. Use https://, or http:// only to a loopback host " +
                "(localhost, 127.0.0.1, [::1]) such as a local Atlas emulator.",
        );
    }
    return url.origin + url.pathname.replace(/\/+$/, "");
}

function positiveInteger(env: Env, variable: string, fallback: number, max: number): number {
    const raw = nonEmpty(env[variable]);
    if (raw === undefined) {
        return fallback;
    }
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
        throw new ConfigurationError(
            `Invalid ${variable}: ${JSON.stringify(raw)}; expected a whole number from 1 to ${max}.`,
        );
    }
    return Number(raw);
}

/** The longest timeout or retry delay accepted: beyond Node's timer range a delay would wrap to 1 ms. */
export const MAX_LIMIT_DURATION_MS = 10 * 60_000;

function duration(env: Env, variable: string, fallback: number, minMs = 1000): number {
    const raw = nonEmpty(env[variable]);
    if (raw === undefined) {
        return fallback;
    }
    const expected = `a duration from ${minMs === 0 ? "0s" : "1s"} to 10m, such as "30s" or "2m"`;
    let ms: number;
    try {
        ms = parseDuration(raw, variable);
    } catch {
        throw new ConfigurationError(`Invalid ${variable}: ${JSON.stringify(raw)}; expected ${expected}.`);
    }
    if (ms < minMs || ms > MAX_LIMIT_DURATION_MS) {
        throw new ConfigurationError(`Invalid ${variable}: ${JSON.stringify(raw)}; expected ${expected}.`);
    }
    return ms;
}

/** Resolves every client setting; raises before any request when one is missing or malformed. */
export function resolveSettings(config: ConfigReader | undefined, env: Env): ClientSettings {
    const baseUrl = resolveBaseUrl(config, env);
    const proxy = proxyFor(baseUrl, env);
    return {
        baseUrl,
        credentials: resolveCredentials(config, env),
        requestTimeoutMs: duration(env, LIMIT_VARIABLES.requestTimeoutMs, DEFAULT_LIMITS.requestTimeoutMs),
        maxAttempts: positiveInteger(env, LIMIT_VARIABLES.maxAttempts, DEFAULT_LIMITS.maxAttempts, 10),
        maxConcurrency: positiveInteger(env, LIMIT_VARIABLES.maxConcurrency, DEFAULT_LIMITS.maxConcurrency, 256),
        maxRetryDelayMs: duration(env, LIMIT_VARIABLES.maxRetryDelayMs, DEFAULT_LIMITS.maxRetryDelayMs),
        rateLimitBudgetMs: duration(env, LIMIT_VARIABLES.rateLimitBudgetMs, DEFAULT_LIMITS.rateLimitBudgetMs, 0),
        envelope: nonEmpty(env[LIMIT_VARIABLES.envelope])?.toLowerCase() === "true",
        listMaxAgeMs: duration(env, LIMIT_VARIABLES.listMaxAgeMs, DEFAULT_LIMITS.listMaxAgeMs, 0),
        ...(proxy && { proxy }),
    };
}
