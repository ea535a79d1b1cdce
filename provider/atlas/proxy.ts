// Proxies from the environment, as curl and Go read them, and the CONNECT tunnel every request through one takes:
// through a tunnel the proxy sees only the host and port asked for, never the request's credentials.
import type { ClientRequest } from "node:http";
import { BlockList, connect, isIP } from "node:net";
import type { Socket } from "node:net";
import * as tls from "node:tls";
import { domainToASCII } from "node:url";
import { HttpsProxyAgent } from "https-proxy-agent";
import type { AgentConnectOpts } from "agent-base";
import { ConfigurationError } from "../common/errors";

/** Environment variables by name, as `process.env` holds them. */
export type ProxyEnv = Record<string, string | undefined>;

/** The proxy chosen for a URL. */
export interface ProxyChoice {
    /** The proxy's URL, credentials included: only the tunnel reads it, never a message. */
    url: string;
    /** `host:port` of the proxy, without credentials, for messages. */
    address: string;
    /** The environment variable that named it, e.g. `HTTPS_PROXY`, for messages. */
    variable: string;
}

/**
 * The variables read for each scheme, first one set wins: lowercase before uppercase, as curl reads them
 * (Go reads uppercase first). An empty value counts as unset. `ALL_PROXY` is not read, as Go does not.
 */
export const PROXY_VARIABLES = {
    "https:": ["https_proxy", "HTTPS_PROXY"],
    "http:": ["http_proxy", "HTTP_PROXY"],
    noProxy: ["no_proxy", "NO_PROXY"],
} as const;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

function firstSet(env: ProxyEnv, names: readonly string[]): { variable: string; value: string } | undefined {
    for (const variable of names) {
        const value = env[variable]?.trim();
        if (value) {
            return { variable, value };
        }
    }
    return undefined;
}

function familyOf(ip: string): "ipv4" | "ipv6" {
    return isIP(ip) === 6 ? "ipv6" : "ipv4";
}

/**
 * "host", "host:port", "[v6]:port", or a bare IPv6 address, whose colons are not a port. Brackets go with a port
 * only: Go reads "[fd00::1]" as a host name, which no address matches, and curl never strips them.
 */
function splitHostPort(entry: string): { name: string; port?: string } | undefined {
    const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(entry);
    if (bracketed) {
        return { name: bracketed[1], port: bracketed[2] };
    }
    if (isIP(entry)) {
        return { name: entry };
    }
    const plain = /^([^:]+)(?::(\d+))?$/.exec(entry);
    return plain ? { name: plain[1], port: plain[2] } : undefined;
}

/** Whether one `NO_PROXY` entry covers a host (lowercase, IPv6 without brackets) and port. */
function entryCovers(entry: string, host: string, port: string): boolean {
    if (entry === "*") {
        return true;
    }
    // A name never falls in a range nor equals an address; BlockList answers so too, so this guard is for the reader.
    // Stryker disable next-line ConditionalExpression: equivalent, BlockList.check answers false for a name
    const hostIsIp = isIP(host) !== 0;
    // Unbracketed, as Go and curl read ranges: "[fd00::]/8" is no range to either.
    const cidr = /^([^[\]/]+)\/(\d{1,3})$/.exec(entry);
    if (cidr) {
        const [, network, bits] = cidr;
        const family = familyOf(network);
        const prefix = Number(bits);
        if (!hostIsIp || isIP(network) === 0 || prefix > (family === "ipv6" ? 128 : 32)) {
            return false;
        }
        const range = new BlockList();
        range.addSubnet(network, prefix, family);
        return range.check(host, familyOf(host));
    }
    const parts = splitHostPort(entry);
    if (parts === undefined) {
        return false;
    }
    const { name, port: entryPort } = parts;
    if (entryPort !== undefined && entryPort !== port) {
        return false;
    }
    if (isIP(name)) {
        // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, as above
        if (!hostIsIp) {
            return false;
        }
        const address = new BlockList();
        address.addAddress(name, familyOf(name));
        return address.check(host, familyOf(host));
    }
    // "example.com", ".example.com" and "*.example.com" all cover example.com and its subdomains.
    const domain = domainToASCII(name.replace(/^\*?\./, ""));
    return domain !== "" && (host === domain || host.endsWith(`.${domain}`));
}

/** Whether `NO_PROXY` (a comma list) or the loopback rule sends a host and port directly. */
export function bypassesProxy(host: string, port: string, noProxy: string): boolean {
    // Stryker disable next-line ConditionalExpression: equivalent, BlockList.check answers false for a name
    if (host === "localhost" || (isIP(host) !== 0 && LOOPBACK.check(host, familyOf(host)))) {
        return true; // as Go: traffic that never leaves the machine is never proxied
    }
    // An empty entry (",," or a trailing comma) covers nothing: it is neither "*", a range, nor a host.
    return noProxy
        .split(",")
        .map((entry) => entry.trim().toLowerCase())
        .some((entry) => entryCovers(entry, host, port));
}

/** The proxy URL a variable holds: without a scheme it means `http://`, as curl and Go read it. */
function parseProxyUrl(variable: string, value: string): URL {
    const expected = "expected a proxy URL such as http://proxy.example.com:3128 (http:// or https://)";
    let url: URL;
    try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    } catch {
        // The value may hold a password: it is not shown.
        throw new ConfigurationError(`Invalid ${variable}: it is not a URL; ${expected}. Fix or unset ${variable}.`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new ConfigurationError(
            `Invalid ${variable}: ${url.protocol.slice(0, -1)} proxies are not supported; ${expected}. ` +
                `Fix or unset ${variable}.`,
        );
    }
    // An http:// or https:// URL always has a host: "http://:3128" is no URL at all.
    return url;
}

/**
 * The proxy a request to `url` goes through, or undefined to connect directly: `https://` URLs use `HTTPS_PROXY`,
 * `http://` URLs `HTTP_PROXY`; `NO_PROXY` and loopback hosts bypass both. Throws a `ConfigurationError` for a proxy
 * URL that cannot be used, naming the variable but never its value.
 */
export function proxyFor(url: string | URL, env: ProxyEnv): ProxyChoice | undefined {
    const target = new URL(url);
    const scheme = target.protocol;
    const configured = scheme === "https:" || scheme === "http:" ? firstSet(env, PROXY_VARIABLES[scheme]) : undefined;
    if (configured === undefined) {
        return undefined;
    }
    const bracketed = target.hostname.startsWith("[");
    const host = bracketed ? target.hostname.slice(1, -1) : target.hostname;
    const port = target.port || (target.protocol === "https:" ? "443" : "80");
    // Stryker disable next-line StringLiteral: equivalent, any text that is no host covers nothing
    if (bypassesProxy(host, port, firstSet(env, PROXY_VARIABLES.noProxy)?.value ?? "")) {
        return undefined;
    }
    const proxy = parseProxyUrl(configured.variable, configured.value);
    return {
        url: proxy.href,
        address: `${proxy.hostname}:${proxy.port || (proxy.protocol === "https:" ? "443" : "80")}`,
        variable: configured.variable,
    };
}

/** A proxy as messages name it: where it is and which variable named it, never its credentials. */
export type ProxyInUse = Pick<ProxyChoice, "address" | "variable">;

/** The proxy in words, for messages: "the proxy proxy.example.com:3128 from HTTPS_PROXY". */
export function describeProxy(proxy: ProxyInUse): string {
    return `the proxy ${proxy.address} from ${proxy.variable}`;
}

/** The tunnel could not be opened: the proxy was unreachable, or it refused the CONNECT. */
export class ProxyConnectError extends Error {
    constructor(
        /** What went wrong: a socket error code such as `ECONNREFUSED`, or `CONNECT answered 407 …`. */
        readonly code: string,
        readonly proxy: ProxyInUse,
    ) {
        super(`${describeProxy(proxy)}: ${code}`);
        this.name = "ProxyConnectError";
    }
}

/** Where a tunnel stood when its attempt ended before it opened. */
export type TunnelStage =
    /** The connection to the proxy itself was not yet up. */
    | "connecting"
    /** The proxy accepted the connection and was sent the CONNECT, but had not answered it. */
    | "awaiting CONNECT answer";

/** A tunnel that had not opened when its attempt ended: which proxy, and how far it got. */
export interface StalledTunnel {
    proxy: ProxyInUse;
    stage: TunnelStage;
}

/** The tunnel each request was waiting for, until it opened: what a timed-out attempt was stuck on. */
const stalledTunnels = new WeakMap<object, StalledTunnel>();

/**
 * The tunnel a request (an axios error's `request`) was still waiting for when it ended, if it was: a timeout then
 * belongs to the proxy, not to Atlas.
 */
export function stalledTunnelOf(request: unknown): StalledTunnel | undefined {
    // A WeakMap answers undefined for anything that is no object.
    return stalledTunnels.get(request as object);
}

/** The most a proxy's answer to CONNECT may hold before its blank line: a proxy's answer is a few lines. */
export const MAX_CONNECT_ANSWER_BYTES = 16 * 1024;

/** The proxy's answer to CONNECT, up to the blank line that ends its headers, and any bytes after it. */
interface ConnectAnswer {
    statusCode: number;
    statusText: string;
    rest: Buffer;
}

/** Reads the proxy's answer to CONNECT; rejects when the connection fails or closes first. */
function readConnectAnswer(socket: Socket): Promise<ConnectAnswer> {
    return new Promise((resolve, reject) => {
        let received = Buffer.alloc(0);
        const settle = (outcome: () => void) => {
            socket.off("data", onData);
            socket.off("error", onError);
            socket.off("close", onClose);
            outcome();
        };
        const onError = (error: Error) => settle(() => reject(error));
        const onClose = () =>
            settle(() => reject(new Error("Proxy connection ended before receiving CONNECT response")));
        const onData = (chunk: Buffer) => {
            received = Buffer.concat([received, chunk]);
            const end = received.indexOf("\r\n\r\n");
            if (end < 0) {
                if (received.length > MAX_CONNECT_ANSWER_BYTES) {
                    settle(() => reject(new Error(`CONNECT answer longer than ${MAX_CONNECT_ANSWER_BYTES} bytes`)));
                }
                return;
            }
            socket.pause();
            const statusLine = received.subarray(0, received.indexOf("\r\n")).toString("latin1");
            // "HTTP/X.Y", as Go's ParseHTTPVersion reads it.
            const status = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(statusLine);
            settle(() =>
                status
                    ? resolve({
                          statusCode: Number(status[1]),
                          statusText: status[2] ?? "",
                          rest: received.subarray(end + 4),
                      })
                    : reject(new Error("CONNECT answered with no HTTP status line")),
            );
        };
        socket.on("data", onData);
        socket.once("error", onError);
        socket.once("close", onClose);
    });
}

/**
 * Ties a socket to a request that has none yet: axios ends an attempt (deadline, abort) by destroying its request,
 * and a `ClientRequest` destroyed before it is handed a socket tells no one, so the socket opening for it would
 * stay open, and keep the process alive, for as long as the proxy keeps silent. Returns the undoing.
 */
function destroyWithRequest(req: ClientRequest, socket: Socket): () => void {
    const destroyRequest = req.destroy;
    req.destroy = function (this: ClientRequest, error?: Error) {
        socket.destroy();
        return destroyRequest.call(this, error);
    };
    return () => {
        req.destroy = destroyRequest;
    };
}

/**
 * The agent that opens CONNECT tunnels through one proxy: its failures say which proxy failed and where it was
 * configured, and no socket it opens outlives the request it was opened for.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
    private readonly inUse: ProxyInUse;

    constructor(choice: ProxyChoice) {
        // Keep-alive: a tunnel carries one request after another, as a direct connection does.
        super(choice.url, { keepAlive: true });
        this.inUse = { address: choice.address, variable: choice.variable };
    }

    override async connect(req: ClientRequest, opts: AgentConnectOpts): Promise<Socket> {
        if (req.destroyed) {
            // agent-base asks for the socket a tick after the request is made; one ended by then needs none.
            throw new ProxyConnectError("the request ended before the tunnel opened", this.inUse);
        }
        const stalled: StalledTunnel = { proxy: this.inUse, stage: "connecting" };
        stalledTunnels.set(req, stalled);
        const secureProxy = this.proxy.protocol === "https:";
        const socket = secureProxy
            ? tls.connect({ ...this.connectOpts, servername: serverName(this.connectOpts.host) })
            : connect(this.connectOpts);
        socket.once(secureProxy ? "secureConnect" : "connect", () => (stalled.stage = "awaiting CONNECT answer"));
        const undo = destroyWithRequest(req, socket);
        let answer: ConnectAnswer;
        try {
            socket.write(this.connectRequest(opts));
            answer = await readConnectAnswer(socket);
        } catch (error) {
            socket.destroy();
            throw new ProxyConnectError((error as NodeJS.ErrnoException).code ?? (error as Error).message, this.inUse);
        } finally {
            undo();
        }
        if (answer.statusCode !== 200) {
            // Never hand the proxy's answer on as if Atlas had sent it: say who refused instead.
            socket.destroy();
            throw new ProxyConnectError(
                `CONNECT answered ${answer.statusCode} ${answer.statusText}`.trim(),
                this.inUse,
            );
        }
        stalledTunnels.delete(req);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, unshifting no bytes changes nothing
        if (answer.rest.length > 0) {
            socket.unshift(answer.rest);
        }
        if (!opts.secureEndpoint) {
            // Paused until the request's parser listens, so what came with the 200 reaches it.
            req.once("socket", (owned: Socket) => owned.resume());
            return socket;
        }
        // TLS to Atlas inside the tunnel; from here the request owns the socket and destroys it when it ends. The
        // server name is the one https.request chose for the target: its host, none for an IP address.
        return tls.connect({ ...tlsOptions(opts), socket });
    }

    /** The CONNECT for the target, with the proxy's credentials (never the request's) when its URL has them. */
    private connectRequest(opts: AgentConnectOpts): string {
        const host = isIP(opts.host ?? "") === 6 ? `[${opts.host}]` : opts.host;
        const lines = [`CONNECT ${host}:${opts.port} HTTP/1.1`, `Host: ${host}:${opts.port}`];
        if (this.proxy.username || this.proxy.password) {
            const user = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`;
            lines.push(`Proxy-Authorization: Basic ${Buffer.from(user).toString("base64")}`);
        }
        lines.push("Proxy-Connection: Keep-Alive");
        return `${lines.join("\r\n")}\r\n\r\n`;
    }
}

/** The TLS server name for a host: none for an IP address, which SNI may not carry. */
function serverName(host: string | undefined): string | undefined {
    return host && isIP(host) === 0 ? host : undefined;
}

/** A request's options as TLS options: without the host, port and path, which belong to the tunnel. */
function tlsOptions(opts: AgentConnectOpts): tls.ConnectionOptions {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { host, port, path, ...rest } = opts as AgentConnectOpts & { path?: string };
    return rest as tls.ConnectionOptions;
}

const tunnels = new WeakMap<ProxyChoice, TunnelAgent>();

/** The agent that tunnels through `proxy`: one per choice, so a client's API and token requests share its tunnels. */
export function tunnelFor(proxy: ProxyChoice): HttpsProxyAgent<string> {
    let agent = tunnels.get(proxy);
    if (agent === undefined) {
        agent = new TunnelAgent(proxy);
        tunnels.set(proxy, agent);
    }
    return agent;
}
