// A TCP server that plays a proxy byte by byte, for the answers no well-behaved proxy gives: silence, refusals that
// keep the connection, answers in pieces, status lines that are no HTTP.
import { createServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A TCP server on loopback that hands every connection to `onConnect`. */
export async function rawProxy(onConnect: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
    const server = createServer(onConnect);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, port: (server.address() as AddressInfo).port };
}

/** How many connections a server still holds, once their closes have had `ms` to arrive. */
export async function openConnectionsAfter(server: Server, ms: number): Promise<number> {
    await sleep(ms);
    return new Promise((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
}
