// A tiny forward proxy for tests, as a corporate proxy behaves: it opens CONNECT tunnels to the few names it can
// resolve (made-up names such as atlas.test, which only it can reach), refuses the rest, and records what it saw,
// so a test can prove that requests went through it and that no plain request showed it their headers.
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import type { Socket } from "node:net";

/** One CONNECT the proxy received. */
export interface TunnelRequest {
    /** `host:port` asked for. */
    target: string;
    /** Every header of the CONNECT. */
    headers: IncomingHttpHeaders;
    /** What the proxy answered: 200 for an open tunnel. */
    status: number;
}

/** A request sent to the proxy as plain HTTP (absolute-form), which a tunnel never is. */
export interface PlainRequest {
    method: string;
    url: string;
    headers: IncomingHttpHeaders;
}

/** A running proxy and what it has seen. */
export interface ConnectProxy {
    /** `http://127.0.0.1:<port>`, to put in HTTPS_PROXY. */
    readonly url: string;
    readonly port: number;
    /** Every CONNECT, in order. */
    readonly connects: TunnelRequest[];
    /** Every plain request: the proxy answers each 405 and never forwards it. */
    readonly plainRequests: PlainRequest[];
    /** Tunnels opened (CONNECTs answered 200). */
    tunnels(): number;
    /** Forgets what it has seen. */
    clear(): void;
    /** Stops listening and cuts every connection and tunnel. */
    close(): Promise<void>;
}

/** How the proxy behaves. */
export interface ConnectProxyOptions {
    /** The names it resolves, to IP addresses: `{ "atlas.test": "127.0.0.1" }`; CONNECTs to others get 502. */
    hosts: Record<string, string>;
    /** When set, a CONNECT must carry `Proxy-Authorization: Basic` with this user and password, else 407. */
    credentials?: { user: string; password: string };
}

/** Starts a CONNECT proxy on loopback; resolves once it accepts connections. */
export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
    const connects: TunnelRequest[] = [];
    const plainRequests: PlainRequest[] = [];
    const sockets = new Set<Socket>();
    const track = (socket: Socket) => {
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
    };
    const expected =
        options.credentials &&
        `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString("base64")}`;

    const server = createServer((req, res) => {
        plainRequests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
        res.writeHead(405, { "Content-Type": "text/plain", Connection: "close" });
        res.end("this proxy only opens CONNECT tunnels\n");
    });
    server.on("connection", track);
    server.on("connect", (req, client: Socket, head: Buffer) => {
        const target = req.url ?? "";
        const answer = (status: number, reason: string, headers = "") => {
            connects.push({ target, headers: req.headers, status });
            client.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}Content-Length: 0\r\n\r\n`);
        };
        if (expected !== undefined && req.headers["proxy-authorization"] !== expected) {
            return answer(407, "Proxy Authentication Required", 'Proxy-Authenticate: Basic realm="test"\r\n');
        }
        const match = /^([^:]+):(\d+)$/.exec(target);
        const address = match ? options.hosts[match[1].toLowerCase()] : undefined;
        if (!match || address === undefined) {
            return answer(502, "Bad Gateway");
        }
        const upstream = connect(Number(match[2]), address);
        track(upstream);
        let opened = false;
        upstream.once("connect", () => {
            opened = true;
            connects.push({ target, headers: req.headers, status: 200 });
            client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
            if (head.length > 0) upstream.write(head);
            upstream.pipe(client);
            client.pipe(upstream);
        });
        upstream.once("error", () => {
            if (opened) client.destroy();
            else answer(502, "Bad Gateway");
        });
        client.once("error", () => upstream.destroy());
        client.once("close", () => upstream.destroy());
    });

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;

    return {
        url: `http://127.0.0.1:${port}`,
        port,
        connects,
        plainRequests,
        tunnels: () => connects.filter((c) => c.status === 200).length,
        clear: () => {
            connects.length = 0;
            plainRequests.length = 0;
        },
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                for (const socket of sockets) socket.destroy();
            }),
    };
}
