// The Atlas emulator: a real HTTP server on loopback that answers the snapshot and OAuth endpoints as Atlas
// does, with controls for tests (faults, sunset, token and nonce expiry) and a log of what clients sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { Socket } from "node:net";
import { errorAnswer, withHeaders, writeAnswer, type Answer } from "../http/answer";
import { API_RATE_LIMIT_PER_MINUTE, apiAnswer, routeHeaders, unroutedAnswer } from "./atlasApi";
import { authSchemeOf } from "../auth/authentication";
import { CONTROL_PREFIX, controlAnswer, type EmulatorControls } from "../control/controlApi";
import { CredentialBook } from "../auth/credentials";
import { defaultSeed } from "../data/defaultSeed";
import { DigestAuthenticator, type DigestAlgorithm } from "../auth/digestAuth";
import { methodNotAllowed, unexpectedError, unknownPath } from "../http/errors";
import { enactFault } from "../faults/faultInjection";
import { FaultQueue } from "../faults/faults";
import { revokeAnswer, tokenAnswer } from "../auth/oauth";
import { SlidingWindowLimiter, TokenBuckets, validateRateLimitConfig, type RateLimitConfig } from "../faults/rateLimit";
import { readBody } from "../http/requestBody";
import { RequestLog } from "../control/requestLog";
import { isAdminApiPath, isApiRoute, matchRoute } from "../http/routes";
import { validateSeed, type Seed } from "../data/seed";
import { SnapshotStore } from "../data/store";
import { isSunsetMode, type SunsetMode } from "../faults/sunset";
import { TokenStore } from "../auth/tokens";

/** How to start an emulator; every field is optional. */
export interface EmulatorOptions {
    /** TCP port; default 0, a random free port (read it back from `AtlasEmulator.port`). */
    port?: number;
    /** Interface to listen on; default "127.0.0.1". */
    host?: string;
    /** What to serve; default {@link defaultSeed}. Validated on start. */
    seed?: Seed;
    /** "active" (default): serverless routes answer, with Deprecation/Sunset headers; "404"/"410": they are gone. */
    sunset?: SunsetMode;
    /** Lifetime of issued access tokens; default the seed's `credentials.tokenTtlSeconds`, else 3600. */
    tokenTtlSeconds?: number;
    /** Lifetime of a Digest nonce before it is answered as stale; default 300000 (5 minutes). */
    nonceTtlMs?: number;
    /** Digest challenges offered, one WWW-Authenticate header each, SHA-256 first; default ["MD5"], as Atlas. */
    digestAlgorithms?: DigestAlgorithm[];
    /** Token requests allowed per clientId in any sliding minute; default 50, as Atlas. */
    tokenRateLimitPerMinute?: number;
    /**
     * Enforce the Admin API's token buckets (per endpoint set and scope) with these figures; default the seed's
     * `rateLimits`, else off: nothing is refused, and the headers report a sliding minute of 1200 calls per project.
     */
    rateLimits?: RateLimitConfig;
    /** Serve `https://` with this certificate and private key (PEM); default plain `http://`. */
    tls?: { cert: string | Buffer; key: string | Buffer };
}

/** A running emulator and its test controls (documented where they are declared, in `EmulatorControls`). */
export interface AtlasEmulator extends EmulatorControls {
    /** Base URL, e.g. "http://127.0.0.1:41234" (https:// with `tls`), to use as the Atlas base URL. */
    readonly url: string;
    /** The port it listens on. */
    readonly port: number;
    /** Stops listening and destroys every open socket, hanging ones included, so no test waits on it. */
    close(): Promise<void>;
}

/** The defaults of every option but the seed. */
export const DEFAULT_OPTIONS = {
    port: 0,
    host: "127.0.0.1",
    sunset: "active" as SunsetMode,
    tokenTtlSeconds: 3600,
    nonceTtlMs: 300_000,
    digestAlgorithms: ["MD5"] as DigestAlgorithm[],
    tokenRateLimitPerMinute: 50,
};

/** Throws a RangeError naming the first option that cannot work. */
function checkOptions(options: EmulatorOptions): void {
    const positive = (name: keyof EmulatorOptions, integer: boolean) => {
        const value = options[name];
        if (value === undefined) return;
        if (typeof value !== "number" || !(value > 0) || (integer && !Number.isSafeInteger(value))) {
            throw new RangeError(`${name} must be a positive ${integer ? "integer" : "number"}, got ${String(value)}`);
        }
    };
    if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)) {
        throw new RangeError(`port must be an integer from 0 to 65535, got ${String(options.port)}`);
    }
    if (options.sunset !== undefined && !isSunsetMode(options.sunset)) {
        throw new RangeError(`sunset must be "active", "404" or "410", got ${String(options.sunset)}`);
    }
    if (options.tls !== undefined && (!options.tls.cert?.length || !options.tls.key?.length)) {
        throw new RangeError("tls must have both a cert and a key, each a PEM string or Buffer");
    }
    positive("tokenTtlSeconds", false);
    positive("nonceTtlMs", false);
    positive("tokenRateLimitPerMinute", true);
    if (options.rateLimits !== undefined) validateRateLimitConfig(options.rateLimits);
    const algorithms = options.digestAlgorithms;
    if (
        algorithms !== undefined &&
        (algorithms.length === 0 ||
            new Set(algorithms).size !== algorithms.length ||
            algorithms.some((a) => a !== "MD5" && a !== "SHA-256"))
    ) {
        throw new RangeError(
            `digestAlgorithms must list "MD5" and/or "SHA-256" once each, got ${JSON.stringify(algorithms)}`,
        );
    }
}

/** The URL clients use for a listening host and port (IPv6 in brackets; wildcard addresses as loopback). */
function urlFor(host: string, port: number, scheme: "http" | "https"): string {
    const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
    return `${scheme}://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** Splits a request target into its path and query without URL-resolving it (a `//x` path must stay a path). */
function splitTarget(target: string): { pathname: string; query: URLSearchParams } {
    const mark = target.indexOf("?");
    return mark < 0
        ? { pathname: target, query: new URLSearchParams() }
        : { pathname: target.slice(0, mark), query: new URLSearchParams(target.slice(mark + 1)) };
}

/** Starts an emulator listening on loopback; resolves once it accepts connections. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<AtlasEmulator> {
    checkOptions(options);
    const seed = validateSeed(options.seed ?? defaultSeed, options.seed === undefined ? "default seed" : "seed");
    const host = options.host ?? DEFAULT_OPTIONS.host;
    const store = new SnapshotStore(seed, new Date());
    const credentials = new CredentialBook(seed.credentials);
    const tokens = new TokenStore();
    const digest = new DigestAuthenticator({
        algorithms: options.digestAlgorithms ?? DEFAULT_OPTIONS.digestAlgorithms,
        nonceTtlMs: options.nonceTtlMs ?? DEFAULT_OPTIONS.nonceTtlMs,
        secretFor: (publicKey) => credentials.apiKeySecret(publicKey),
    });
    const limiter = new SlidingWindowLimiter(
        options.tokenRateLimitPerMinute ?? DEFAULT_OPTIONS.tokenRateLimitPerMinute,
    );
    const tokenTtlSeconds =
        options.tokenTtlSeconds ?? seed.credentials.tokenTtlSeconds ?? DEFAULT_OPTIONS.tokenTtlSeconds;
    const rateLimits = new SlidingWindowLimiter(API_RATE_LIMIT_PER_MINUTE);
    const configured = options.rateLimits ?? seed.rateLimits;
    let buckets = configured === undefined ? undefined : new TokenBuckets(configured);
    const faults = new FaultQueue();
    const log = new RequestLog();
    let sunset: SunsetMode = options.sunset ?? DEFAULT_OPTIONS.sunset;
    let baseUrl = "";
    let closing: Promise<void> | undefined;
    const sockets = new Set<Socket>();
    const sleepers = new Set<{ timer: NodeJS.Timeout; wake: (completed: boolean) => void }>();

    const sleep = (ms: number): Promise<boolean> =>
        new Promise((resolve) => {
            const sleeper = {
                timer: setTimeout(() => {
                    sleepers.delete(sleeper);
                    resolve(true);
                }, ms),
                wake: resolve,
            };
            sleepers.add(sleeper);
        });

    const controls: EmulatorControls = {
        requests: () => log.list(),
        clearLog: () => {
            log.clear();
            peak = open;
        },
        peakConcurrency: () => peak,
        inject: (rule) => faults.add(rule),
        clearFaults: () => faults.clear(),
        setSunset: (mode) => {
            if (!isSunsetMode(mode))
                throw new RangeError(`sunset must be "active", "404" or "410", got ${String(mode)}`);
            sunset = mode;
        },
        expireTokens: () => tokens.expireAll(),
        staleNonces: () => digest.staleAll(),
        issuedTokens: () => tokens.all(),
        setSnapshotStatus: (projectId, instanceName, snapshotId, status) =>
            store.setSnapshotStatus(projectId, instanceName, snapshotId, status),
        setRateLimits: (config) => {
            buckets = config === undefined ? undefined : new TokenBuckets(validateRateLimitConfig(config));
        },
        rateLimits: () => (buckets === undefined ? undefined : { ...buckets.config, buckets: buckets.list() }),
    };

    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        const target = req.url ?? "/";
        const method = req.method ?? "GET";
        const { pathname, query } = splitTarget(target);
        if (pathname.startsWith(CONTROL_PREFIX)) {
            writeAnswer(res, await controlAnswer(req, pathname, controls));
            return;
        }
        const match = matchRoute(pathname);
        const entry = log.record({
            time: new Date().toISOString(),
            method,
            path: pathname,
            query: Object.fromEntries(query),
            ...(req.headers.accept === undefined ? {} : { accept: req.headers.accept }),
            authScheme: authSchemeOf(req.headers.authorization),
            route: match?.route ?? "unknown",
            status: 0,
        });
        const send = (answer: Answer, pretty = false): void => {
            if (closing !== undefined || res.destroyed) return;
            writeAnswer(res, answer, pretty);
            entry.status = answer.status;
        };
        if (match === undefined) {
            if (!isAdminApiPath(pathname)) return send(errorAnswer(unknownPath(pathname)));
            const authorization = req.headers.authorization;
            return send(unroutedAnswer({ method, target, pathname, authorization }, { credentials, tokens, digest }));
        }

        const headers = isApiRoute(match.route) ? routeHeaders(match.route) : {};
        const rule = faults.take(match.route);
        if (rule !== undefined) {
            entry.fault = rule.kind;
            const outcome = await enactFault(rule, {
                req,
                res,
                route: match.route,
                accept: req.headers.accept,
                routeHeaders: headers,
                sleep,
            });
            if (!outcome.proceed) {
                entry.status = outcome.status;
                return;
            }
        }

        if (match.route === "token" || match.route === "revoke") {
            if (method !== "POST") {
                return send(withHeaders(errorAnswer(methodNotAllowed(method, "POST")), { Allow: "POST" }));
            }
            const form = new URLSearchParams(await readBody(req));
            const deps = { credentials, tokens, limiter, tokenTtlSeconds };
            const authorization = req.headers.authorization;
            return send(
                match.route === "token"
                    ? tokenAnswer(authorization, form, deps)
                    : revokeAnswer(authorization, form, deps),
            );
        }
        const { answer, pretty } = apiAnswer(
            {
                method,
                target,
                pathname,
                query,
                accept: req.headers.accept,
                authorization: req.headers.authorization,
                route: match.route,
                groupId: match.groupId,
                clusterName: match.clusterName,
                snapshotId: match.snapshotId,
                address: req.socket.remoteAddress ?? "unknown",
            },
            { auth: { credentials, tokens, digest }, store, sunset, baseUrl, rateLimits, buckets },
        );
        send(answer, pretty);
    };

    // Open requests, counted from arrival until the response closes, so a test can see how many a client
    // keeps in flight.
    let open = 0;
    let peak = 0;
    const tls = options.tls;
    const serve = (listener: (req: IncomingMessage, res: ServerResponse) => void) =>
        tls ? createTlsServer({ cert: tls.cert, key: tls.key }, listener) : createServer(listener);
    const server = serve((req, res) => {
        if (!(req.url ?? "/").startsWith(CONTROL_PREFIX)) {
            open += 1;
            peak = Math.max(peak, open);
            res.once("close", () => (open -= 1));
        }
        handle(req, res).catch((error: unknown) => {
            if (closing === undefined && !res.headersSent && !res.destroyed) {
                writeAnswer(res, errorAnswer(unexpectedError((error as Error).message)));
            }
        });
    });
    server.on("connection", (socket: Socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? DEFAULT_OPTIONS.port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    baseUrl = urlFor(host, port, tls ? "https" : "http");

    return {
        url: baseUrl,
        port,
        close(): Promise<void> {
            closing ??= new Promise<void>((resolve) => {
                for (const sleeper of sleepers) {
                    clearTimeout(sleeper.timer);
                    sleeper.wake(false);
                }
                sleepers.clear();
                server.close(() => resolve());
                server.closeAllConnections();
                for (const socket of sockets) socket.destroy();
            });
            return closing;
        },
        ...controls,
    };
}
