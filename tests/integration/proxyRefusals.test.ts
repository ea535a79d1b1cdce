// A proxy that will not open the tunnel, over real TCP: whatever it answers, the failure names the proxy and what it
// said, never Atlas.
import { get as httpGet } from "node:http";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tls from "node:tls";
import type { AddressInfo, Server } from "node:net";
import { AtlasClient } from "../../provider/atlas/client";
import { AtlasRequestError } from "../../provider/atlas/failure";
import { MAX_CONNECT_ANSWER_BYTES, proxyFor, tunnelFor } from "../../provider/atlas/proxy";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { ClientSettings } from "../../provider/atlas/settings";
import { SEED } from "../e2e/programs";
import { openConnectionsAfter, rawProxy } from "../helpers/rawProxy";

/** Reads a Flex snapshot of https://atlas.test through the proxy on `port`; returns the failure it must end in. */
async function readThrough(
    port: number,
    limits: Partial<ClientSettings> = {},
    scheme: "http" | "https" = "http",
): Promise<AtlasRequestError> {
    const baseUrl = "https://atlas.test";
    const proxy = proxyFor(baseUrl, { HTTPS_PROXY: `${scheme}://127.0.0.1:${port}` });
    const atlas = new AtlasClient({
        ...DEFAULT_LIMITS,
        maxAttempts: 1,
        ...limits,
        baseUrl,
        credentials: { kind: "accessToken", accessToken: "a-token", source: "test" },
        ...(proxy && { proxy }),
    });
    try {
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);
    } catch (error) {
        expect(error).toBeInstanceOf(AtlasRequestError);
        return error as AtlasRequestError;
    }
    throw new Error("expected the read to fail, but it succeeded");
}

describe("a proxy that refuses the tunnel", () => {
    test("and keeps the connection open has it closed by the client, which will not send through it", async () => {
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () => socket.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
        });
        try {
            const error = await readThrough(port);

            expect(error.failure).toMatchObject({ kind: "network", code: "CONNECT answered 502 Bad Gateway" });
            expect(await openConnectionsAfter(server, 100)).toBe(0);
        } finally {
            server.close();
        }
    });

    test("answering without a reason phrase is named by its status alone", async () => {
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () => socket.end("HTTP/1.1 403\r\n\r\n"));
        });
        try {
            const error = await readThrough(port);

            expect(error.failure).toStrictEqual({
                kind: "network",
                code: "CONNECT answered 403",
                proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" },
            });
            expect(error.message).toContain(
                `the connection through the proxy 127.0.0.1:${port} from HTTPS_PROXY failed`,
            );
        } finally {
            server.close();
        }
    });

    test("hanging up before any answer is named as the proxy's failure, in the tunnel's own words", async () => {
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () => socket.end());
        });
        try {
            const error = await readThrough(port);

            expect(error.failure).toMatchObject({
                kind: "network",
                code: "Proxy connection ended before receiving CONNECT response",
                proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" },
            });
            expect(error.message).not.toMatch(/Atlas answered/);
        } finally {
            server.close();
        }
    });
});

describe("a proxy that accepts the connection and never answers the CONNECT", () => {
    test("each attempt ends on time and closes its socket; the failure names the proxy, not Atlas", async () => {
        const connects: string[] = [];
        const { server, port } = await rawProxy((socket) => {
            socket.on("data", (chunk) => connects.push(chunk.toString("latin1").split("\r\n")[0]));
        });
        try {
            const started = Date.now();
            const error = await readThrough(port, { requestTimeoutMs: 1_000, maxAttempts: 2, maxRetryDelayMs: 1_000 });
            const elapsed = Date.now() - started;
            // No socket outlives its attempt: the proxy sees both connections closed by the client.
            expect(await openConnectionsAfter(server, 200)).toBe(0);

            expect(error.failure).toStrictEqual({
                kind: "timeout",
                timeoutMs: 1_000,
                tunnel: {
                    proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" },
                    stage: "awaiting CONNECT answer",
                },
            });
            expect(error.attempts).toBe(2);
            expect(error.message).toContain(
                `the proxy 127.0.0.1:${port} from HTTPS_PROXY accepted the connection but did not answer CONNECT within 1 s`,
            );
            expect(connects).toStrictEqual(["CONNECT atlas.test:443 HTTP/1.1", "CONNECT atlas.test:443 HTTP/1.1"]);
            // Two attempts of 1 s and one backoff of at most 1 s.
            expect(elapsed).toBeLessThan(3_500);
        } finally {
            server.close();
        }
    });

    test("a tunnel that opens to a server that never answers is closed with its attempt too", async () => {
        // The proxy answers 200 and then keeps silent, as an Atlas that accepted TLS and never answered would.
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () => socket.write("HTTP/1.1 200 Connection Established\r\n\r\n"));
        });
        try {
            const error = await readThrough(port, { requestTimeoutMs: 1_000 });

            // The tunnel opened: what timed out is the answer through it, which is Atlas's to give.
            expect(error.failure).toStrictEqual({ kind: "timeout", timeoutMs: 1_000 });
            expect(await openConnectionsAfter(server, 200)).toBe(0);
        } finally {
            server.close();
        }
    });
});

describe("a proxy whose answer to CONNECT is no HTTP answer", () => {
    test.each([
        ["not HTTP", "SSH-2.0-OpenSSH_9.6"],
        ["empty: the answer starts with its blank line", ""],
        ["HTTP without a minor version, which Go refuses too", "HTTP/1 200 Connection Established"],
        ["a status of four digits", "HTTP/1.1 2000 Connection Established"],
        ["text before HTTP", "xHTTP/1.1 200 Connection Established"],
    ])("a status line that is %s is named as the proxy's failure", async (_case, statusLine) => {
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () => socket.write(`${statusLine}\r\n\r\n`));
        });
        try {
            const error = await readThrough(port);

            expect(error.failure).toStrictEqual({
                kind: "network",
                code: "CONNECT answered with no HTTP status line",
                proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" },
            });
            expect(await openConnectionsAfter(server, 100)).toBe(0);
        } finally {
            server.close();
        }
    });

    test("headers that never end are read up to the bound, then the connection is closed", async () => {
        let written = 0;
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () => {
                socket.write("HTTP/1.1 200 Connection Established\r\nX-Padding: ");
                const padding = setInterval(() => {
                    if (socket.destroyed) return clearInterval(padding);
                    written += 4096;
                    socket.write("a".repeat(4096));
                }, 1);
            });
        });
        try {
            const error = await readThrough(port);

            expect(error.failure).toMatchObject({
                kind: "network",
                code: `CONNECT answer longer than ${MAX_CONNECT_ANSWER_BYTES} bytes`,
            });
            expect(await openConnectionsAfter(server, 100)).toBe(0);
            expect(written).toBeLessThan(MAX_CONNECT_ANSWER_BYTES + 64 * 1024);
        } finally {
            server.close();
        }
    });
});

describe("the CONNECT itself", () => {
    test("names an IPv6 target in brackets, with its port, and carries the proxy's user even without a password", async () => {
        const seen: string[] = [];
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", (chunk) => {
                seen.push(...chunk.toString("latin1").split("\r\n"));
                socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
            });
        });
        try {
            const baseUrl = "https://[fd00::5]:8443";
            const proxy = proxyFor(baseUrl, { HTTPS_PROXY: `http://pat%40corp@127.0.0.1:${port}` });
            const atlas = new AtlasClient({
                ...DEFAULT_LIMITS,
                maxAttempts: 1,
                baseUrl,
                credentials: { kind: "accessToken", accessToken: "a-token", source: "test" },
                ...(proxy && { proxy }),
            });

            await expect(
                atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot),
            ).rejects.toThrow(/CONNECT answered 403 Forbidden/);

            expect(seen).toStrictEqual([
                "CONNECT [fd00::5]:8443 HTTP/1.1",
                "Host: [fd00::5]:8443",
                `Proxy-Authorization: Basic ${Buffer.from("pat@corp:").toString("base64")}`,
                "Proxy-Connection: Keep-Alive",
                "",
                "",
            ]);
        } finally {
            server.close();
        }
    });

    test("an http:// target is spoken to in the clear inside the tunnel, bytes sent with the 200 included", async () => {
        // The proxy answers the CONNECT and, in the same write, what the server inside the tunnel says first.
        const { server, port } = await rawProxy((socket) => {
            socket.once("data", () =>
                socket.write(
                    "HTTP/1.1 200 Connection Established\r\n\r\n" +
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
                ),
            );
        });
        try {
            const choice = proxyFor("http://plain.test/", { HTTP_PROXY: `http://127.0.0.1:${port}` });
            const body = await new Promise<string>((resolve, reject) => {
                const request = httpGet("http://plain.test/", { agent: tunnelFor(choice!) }, (response) => {
                    let text = "";
                    response.setEncoding("utf8");
                    response.on("data", (chunk: string) => (text += chunk));
                    response.on("end", () => resolve(text));
                });
                request.on("error", reject);
            });

            expect(body).toBe("hello");
        } finally {
            server.close();
        }
    });
});

describe("a proxy spoken to over TLS (an https:// proxy URL)", () => {
    const fixtures = path.join(__dirname, "../fixtures");
    const cert = fs.readFileSync(path.join(fixtures, "atlas-test.cert.pem"), "utf8");
    const key = fs.readFileSync(path.join(fixtures, "atlas-test.key.pem"), "utf8");
    let defaultCertificates: string[];

    beforeAll(() => {
        // The test certificate names 127.0.0.1; the process trusts it as NODE_EXTRA_CA_CERTS would make it.
        defaultCertificates = tls.getCACertificates("default");
        tls.setDefaultCACertificates([...defaultCertificates, cert]);
    });
    afterAll(() => tls.setDefaultCACertificates(defaultCertificates));

    test("one that completes TLS and never answers CONNECT is named as such, its socket closed", async () => {
        const connects: string[] = [];
        const server = tls.createServer({ cert, key }, (socket) => {
            socket.on("data", (chunk) => connects.push(chunk.toString("latin1").split("\r\n")[0]));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as AddressInfo).port;
        try {
            const error = await readThrough(port, { requestTimeoutMs: 1_000 }, "https");

            expect(error.failure).toStrictEqual({
                kind: "timeout",
                timeoutMs: 1_000,
                tunnel: {
                    proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" },
                    stage: "awaiting CONNECT answer",
                },
            });
            expect(connects).toStrictEqual(["CONNECT atlas.test:443 HTTP/1.1"]);
            expect(await openConnectionsAfter(server as unknown as Server, 200)).toBe(0);
        } finally {
            server.close();
        }
    });

    test("one that accepts TCP but never completes TLS has not accepted the connection", async () => {
        const { server, port } = await rawProxy((socket) => socket.resume());
        try {
            const error = await readThrough(port, { requestTimeoutMs: 1_000 }, "https");

            expect(error.failure).toStrictEqual({
                kind: "timeout",
                timeoutMs: 1_000,
                tunnel: { proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" }, stage: "connecting" },
            });
            expect(error.message).toContain(
                `the proxy 127.0.0.1:${port} from HTTPS_PROXY did not accept the connection within 1 s`,
            );
            expect(await openConnectionsAfter(server, 200)).toBe(0);
        } finally {
            server.close();
        }
    });

    test("one that refuses the CONNECT over TLS is named by its status", async () => {
        const server = tls.createServer({ cert, key }, (socket) => {
            socket.once("data", () => socket.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as AddressInfo).port;
        try {
            const error = await readThrough(port, {}, "https");

            expect(error.failure).toStrictEqual({
                kind: "network",
                code: "CONNECT answered 407 Proxy Authentication Required",
                proxy: { address: `127.0.0.1:${port}`, variable: "HTTPS_PROXY" },
            });
        } finally {
            server.close();
        }
    });
});
