// Proxies from the environment, as curl and Go read them, and the CONNECT tunnel every request through one takes:
// through a tunnel the proxy sees only the host and port asked for, never the request's credentials.
import type { ClientRequest } from "node:http";
import { BlockList, isIP } from "node:net";
import type { Socket } from "node:net";
import { domainToASCII } from "node:url";
import { HttpsProxyAgent } from "https-proxy-agent";
import type { AgentConnectOpts } from "agent-base";
import { ConfigurationError } from "../errors";

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
    if (host === "localhost" || (isIP(host) !== 0 && LOOPBACK.check(host, familyOf(host)))) {
        return true; // as Go: traffic that never leaves the machine is never proxied
    }
    return noProxy
        .split(",")
        .map((entry) => entry.trim().toLowerCase())
        .some((entry) => entry !== "" && entryCovers(entry, host, port));
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
    if (url.hostname === "") {
        throw new ConfigurationError(`Invalid ${variable}: it names no host; ${expected}. Fix or unset ${variable}.`);
    }
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
    const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    const port = target.port || (target.protocol === "https:" ? "443" : "80");
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

/** An `HttpsProxyAgent` whose failures to open a tunnel say which proxy failed, and where it was configured. */
class TunnelAgent extends HttpsProxyAgent<string> {
    constructor(private readonly choice: ProxyChoice) {
        // Keep-alive: a tunnel carries one request after another, as a direct connection does.
        super(choice.url, { keepAlive: true });
    }

    override async connect(req: ClientRequest, opts: AgentConnectOpts): Promise<Socket> {
        const proxy: ProxyInUse = { address: this.choice.address, variable: this.choice.variable };
        let refusal: string | undefined;
        req.once("proxyConnect", (answer: { statusCode: number; statusText?: string }) => {
            if (answer.statusCode !== 200) {
                refusal = `CONNECT answered ${answer.statusCode} ${answer.statusText ?? ""}`.trim();
            }
        });
        let socket: Socket;
        try {
            socket = await super.connect(req, opts);
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
            throw new ProxyConnectError(code, proxy);
        }
        if (refusal !== undefined) {
            // The agent would replay the proxy's answer as if Atlas had sent it; say who refused instead.
            socket.destroy();
            throw new ProxyConnectError(refusal, proxy);
        }
        return socket;
    }
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
