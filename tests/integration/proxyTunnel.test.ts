// The tunnel as a proxy sees it and as the request inside it sees it, over real TCP and TLS: what the CONNECT
// carries, how an answer in pieces is read, which server name TLS asks for, and which sockets outlive a request.
import * as fs from "node:fs";
import { request as httpRequest } from "node:http";
import type { Agent } from "node:http";
import { get as httpsGet } from "node:https";
import * as path from "node:path";
import * as tls from "node:tls";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { MAX_CONNECT_ANSWER_BYTES, proxyFor, tunnelFor } from "../../provider/atlas/proxy";
import { startConnectProxy } from "../helpers/connectProxy";
import { openConnectionsAfter, rawProxy } from "../helpers/rawProxy";

const fixtures = path.join(__dirname, "../fixtures");
const cert = fs.readFileSync(path.join(fixtures, "atlas-test.cert.pem"), "utf8");
const key = fs.readFileSync(path.join(fixtures, "atlas-test.key.pem"), "utf8");

const HELLO = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

let defaultCertificates: string[];
beforeAll(() => {
    // The test certificate names atlas.test and 127.0.0.1; the process trusts it as NODE_EXTRA_CA_CERTS would.
    defaultCertificates = tls.getCACertificates("default");
    tls.setDefaultCACertificates([...defaultCertificates, cert]);
});
afterAll(() => tls.setDefaultCACertificates(defaultCertificates));

/** Agents of this file's tests: each keeps its tunnels alive, so each is destroyed when its test ends. */
const agents: Agent[] = [];
afterEach(() => agents.splice(0).forEach((agent) => agent.destroy()));

/** The agent that tunnels `url`'s requests through the proxy at `proxyUrl`, as the client chooses it. */
function agentFor(url: string, proxyUrl: string): Agent {
    const variable = url.startsWith("https:") ? "HTTPS_PROXY" : "HTTP_PROXY";
    const choice = proxyFor(url, { [variable]: proxyUrl });
    if (choice === undefined) throw new Error(`expected ${url} to go through ${proxyUrl}`);
    const agent = tunnelFor(choice);
    agents.push(agent);
    return agent;
}

/** GETs an http:// URL through `agent` and resolves with the body; rejects with the request's error. */
function getText(url: string, agent: Agent): Promise<{ body: string; request: ReturnType<typeof httpRequest> }> {
    return new Promise((resolve, reject) => {
        const request = httpRequest(url, { agent }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => resolve({ body, request }));
        });
        request.on("error", reject);
        request.end();
    });
}

/** A proxy that answers each CONNECT with `answer` (written piece by piece, 20 ms apart), then HELLO per request. */
async function piecewiseProxy(answer: string[]) {
    const seen: string[] = [];
    const proxy = await rawProxy((socket: Socket) => {
        let tunnelled = false;
        socket.on("data", async (chunk) => {
            if (tunnelled) {
                socket.write(HELLO);
                return;
            }
            tunnelled = true;
            seen.push(chunk.toString("latin1"));
            for (const [index, piece] of answer.entries()) {
                if (index > 0) await sleep(20);
                socket.write(piece);
            }
        });
    });
    return { ...proxy, seen };
}

describe("the proxy's answer to CONNECT", () => {
    test("read across pieces: the status line first, the blank line later", async () => {
        const { server, port } = await piecewiseProxy(["HTTP/1.1 200 Connection Established\r\n", "\r\n"]);
        try {
            const { body } = await getText(
                "http://plain.test/",
                agentFor("http://plain.test/", `http://127.0.0.1:${port}`),
            );

            expect(body).toBe("hello");
        } finally {
            server.close();
        }
    });

    test(`read up to ${MAX_CONNECT_ANSWER_BYTES} bytes before its blank line, and no fewer`, async () => {
        const statusLine = "HTTP/1.0 200 Connection Established\r\nX-Padding: ";
        const padding = "a".repeat(MAX_CONNECT_ANSWER_BYTES - statusLine.length);
        const { server, port } = await piecewiseProxy([statusLine + padding, "\r\n\r\n"]);
        try {
            const { body } = await getText(
                "http://plain.test/",
                agentFor("http://plain.test/", `http://127.0.0.1:${port}`),
            );

            expect(body).toBe("hello");
        } finally {
            server.close();
        }
    });
});

describe("the CONNECT a proxy receives", () => {
    test("carries no Proxy-Authorization when the proxy's URL has no credentials", async () => {
        const { server, port, seen } = await piecewiseProxy(["HTTP/1.1 200 Connection Established\r\n\r\n"]);
        try {
            await getText("http://plain.test:8080/", agentFor("http://plain.test:8080/", `http://127.0.0.1:${port}`));

            expect(seen).toStrictEqual([
                "CONNECT plain.test:8080 HTTP/1.1\r\nHost: plain.test:8080\r\nProxy-Connection: Keep-Alive\r\n\r\n",
            ]);
        } finally {
            server.close();
        }
    });
});

describe("sockets and requests", () => {
    test("a request that ends before its tunnel is asked for opens no connection to the proxy", async () => {
        let connections = 0;
        const { server, port } = await rawProxy(() => connections++);
        try {
            const request = httpRequest("http://plain.test/", {
                agent: agentFor("http://plain.test/", `http://127.0.0.1:${port}`),
            });
            request.on("error", () => undefined);
            request.destroy();
            await sleep(200);

            expect(connections).toBe(0);
        } finally {
            server.close();
        }
    });

    test("a request destroyed after its answer leaves the tunnel it used open for the next request", async () => {
        let connections = 0;
        const { server, port } = await piecewiseProxy(["HTTP/1.1 200 Connection Established\r\n\r\n"]);
        server.on("connection", () => connections++);
        const agent = agentFor("http://plain.test/", `http://127.0.0.1:${port}`);
        try {
            const first = await getText("http://plain.test/", agent);
            first.request.destroy();
            await sleep(50);
            const second = await getText("http://plain.test/", agent);

            expect([first.body, second.body]).toStrictEqual(["hello", "hello"]);
            expect(connections).toBe(1);
            expect(await openConnectionsAfter(server, 0)).toBe(1);
        } finally {
            server.close();
        }
    });
});

describe("the TLS server names asked for", () => {
    /** A TLS server that records the server name each connection asked for (false: none) and answers HELLO. */
    async function namingServer() {
        const names: (string | false)[] = [];
        const server = tls.createServer({ cert, key }, (socket) => {
            names.push((socket as tls.TLSSocket & { servername: string | false }).servername);
            socket.on("data", () => socket.end(HELLO.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return { server, names, port: (server.address() as AddressInfo).port };
    }

    /** GETs an https:// URL through `agent`, resolving with the body. */
    function getSecure(url: string, agent: Agent): Promise<string> {
        return new Promise((resolve, reject) => {
            httpsGet(url, { agent }, (response) => {
                let body = "";
                response.setEncoding("utf8");
                response.on("data", (chunk: string) => (body += chunk));
                response.on("end", () => resolve(body));
            }).on("error", reject);
        });
    }

    test("inside the tunnel: the target's name, and none for an IP address", async () => {
        const target = await namingServer();
        const proxy = await startConnectProxy({ hosts: { "atlas.test": "127.0.0.1", "127.0.0.1": "127.0.0.1" } });
        try {
            const named = `https://atlas.test:${target.port}/`;
            const numbered = `https://127.0.0.1:${target.port}/`;
            // 127.0.0.1 is never proxied by choice; the agent is asked for directly to state what it would send.
            const numberedAgent = tunnelFor({
                url: proxy.url,
                address: `127.0.0.1:${proxy.port}`,
                variable: "HTTPS_PROXY",
            });
            agents.push(numberedAgent);

            expect(await getSecure(named, agentFor(named, proxy.url))).toBe("hello");
            expect(await getSecure(numbered, numberedAgent)).toBe("hello");
            expect(target.names).toStrictEqual(["atlas.test", false]);
            expect(proxy.tunnels()).toBe(2);
        } finally {
            target.server.close();
            await proxy.close();
        }
    });

    test("to a proxy spoken to over TLS at an IP address: none", async () => {
        const names: (string | false)[] = [];
        const server = tls.createServer({ cert, key }, (socket) => {
            names.push((socket as tls.TLSSocket & { servername: string | false }).servername);
            socket.once("data", () => socket.end("HTTP/1.1 403 Forbidden\r\n\r\n"));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as AddressInfo).port;
        try {
            const url = "http://plain.test/";
            await expect(getText(url, agentFor(url, `https://127.0.0.1:${port}`))).rejects.toThrow(
                /CONNECT answered 403 Forbidden/,
            );

            expect(names).toStrictEqual([false]);
        } finally {
            server.close();
        }
    });
});
