// A proxy that will not open the tunnel, over real TCP: whatever it answers, the failure names the proxy and what it
// said, never Atlas.
import { createServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { AtlasClient } from "../../provider/atlas/client";
import { AtlasRequestError } from "../../provider/atlas/failure";
import { proxyFor } from "../../provider/atlas/proxy";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import { SEED } from "../e2e/programs";

/** A TCP server that answers every connection with `onConnect`. */
async function rawProxy(onConnect: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
    const server = createServer(onConnect);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, port: (server.address() as AddressInfo).port };
}

async function readThrough(port: number): Promise<AtlasRequestError> {
    const baseUrl = "https://atlas.test";
    const proxy = proxyFor(baseUrl, { HTTPS_PROXY: `http://127.0.0.1:${port}` });
    const atlas = new AtlasClient({
        ...DEFAULT_LIMITS,
        maxAttempts: 1,
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
