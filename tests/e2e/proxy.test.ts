// A preview under the real Pulumi CLI behind a proxy: the emulator serves https://atlas.test:<port>, a name only the
// test proxy resolves, so the snapshot is read only if the provider process and the program both tunnel through it.
import * as path from "node:path";
import * as fs from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo, Server } from "node:net";
import { startEmulator } from "../../emulator";
import type { AtlasEmulator } from "../../emulator";
import { startConnectProxy } from "../helpers/connectProxy";
import type { ConnectProxy } from "../helpers/connectProxy";
import { PulumiProgram } from "../helpers/pulumi";
import { SEED } from "./programs";

jest.setTimeout(240_000);

const CERT_FILE = path.resolve(__dirname, "../fixtures/atlas-test.cert.pem");
const KEY_FILE = path.resolve(__dirname, "../fixtures/atlas-test.key.pem");

/** The resource, read by the engine's provider process, and the get function, read in the program's process. */
const PROXIED_PROGRAM = `
import { ServerlessBackupSnapshot, getServerlessBackupSnapshotOutput } from "pulumi-atlas-backup-snapshots";

const args = {
    projectId: "${SEED.projectId}",
    instanceName: "${SEED.serverlessInstance}",
    snapshotId: "${SEED.completedSnapshot}",
    api: "serverless" as const,
};
const snapshot = new ServerlessBackupSnapshot("behind-proxy", args);
export const status = snapshot.status;
export const viaGet = getServerlessBackupSnapshotOutput(args).apply((s) => s.status);
`;

let emulator: AtlasEmulator;
let proxy: ConnectProxy;
let program: PulumiProgram;

beforeAll(async () => {
    emulator = await startEmulator({ tls: { cert: fs.readFileSync(CERT_FILE), key: fs.readFileSync(KEY_FILE) } });
    proxy = await startConnectProxy({ hosts: { "atlas.test": "127.0.0.1" } });
    program = await PulumiProgram.create(
        "proxy",
        { "index.ts": PROXIED_PROGRAM },
        {
            env: {
                HTTPS_PROXY: proxy.url,
                NODE_EXTRA_CA_CERTS: CERT_FILE,
                MONGODB_ATLAS_BASE_URL: `https://atlas.test:${emulator.port}`,
                MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
                MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
            },
        },
    );
});

afterAll(async () => {
    program?.dispose();
    await Promise.all([emulator?.close(), proxy?.close()]);
});

beforeEach(() => {
    emulator.clearLog();
    proxy.clear();
});

test("pulumi preview reads the snapshot through the proxy's CONNECT tunnels, which never see a request", async () => {
    const preview = await program.preview();

    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/read\s+pulumi-nodejs:dynamic\/atlas:ServerlessBackupSnapshot\s+behind-proxy/);
    expect(preview.stdout).toMatch(/status\s*:\s*"completed"/);
    const log = emulator.requests();
    // The provider process and the program each fetch a token and read the snapshot, both through the proxy.
    expect(log.filter((r) => r.route === "serverlessSnapshot" && r.status === 200)).toHaveLength(2);
    expect(log.filter((r) => r.route === "token" && r.status === 200)).toHaveLength(2);
    expect(proxy.tunnels()).toBeGreaterThanOrEqual(2);
    expect(proxy.connects.every((c) => c.target === `atlas.test:${emulator.port}`)).toBe(true);
    expect(proxy.plainRequests).toEqual([]);
    expect(preview.stdout + preview.stderr).not.toContain(SEED.clientSecret);
});

test("with NO_PROXY naming the host, pulumi preview fails with the network error and no proxy in sight", async () => {
    const preview = await program.run(["preview", "--non-interactive", "--color", "never"], {
        NO_PROXY: "atlas.test",
        ATLAS_MAX_ATTEMPTS: "1",
    });

    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toContain(`Could not reach atlas.test:${emulator.port}.`);
    expect(preview.stdout + preview.stderr).toMatch(/the connection failed \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(proxy.connects).toEqual([]);
    expect(emulator.requests()).toEqual([]);
});

test("behind a proxy that accepts connections and never answers CONNECT, pulumi preview ends on time, naming it", async () => {
    // As a proxy that holds a CONNECT it will not allow: the TCP connection is accepted, the CONNECT never answered.
    const connects: string[] = [];
    const silent: Server = createServer((socket) => {
        socket.on("data", (chunk) => connects.push(chunk.toString("latin1").split("\r\n")[0]));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
        const preview = await program.run(["preview", "--non-interactive", "--color", "never"], {
            HTTPS_PROXY: `http://proxy-user:proxy-pass@127.0.0.1:${port}`,
            ATLAS_REQUEST_TIMEOUT: "2s",
            ATLAS_MAX_ATTEMPTS: "2",
        });
        const output = preview.stdout + preview.stderr;

        expect(preview.code).not.toBe(0);
        expect(output).toContain(
            `the proxy 127.0.0.1:${port} from HTTPS_PROXY accepted the connection but did not answer CONNECT within 2 s`,
        );
        expect(output).toContain("list the host in NO_PROXY to connect directly");
        expect(output).not.toMatch(/Atlas did not answer|no answer within/);
        expect(output).not.toMatch(/proxy-user|proxy-pass/);
        // One read's bound is 2 attempts of 2 s and a backoff under 1 s; the rest is the CLI starting the program
        // and the provider. A socket left open by a timed-out attempt kept the program alive past any bound.
        expect(preview.ms).toBeLessThan(60_000);
        // Both processes asked (each for its token), and every connection they opened is closed.
        expect(connects.length).toBeGreaterThanOrEqual(2);
        expect(new Set(connects)).toStrictEqual(new Set([`CONNECT atlas.test:${emulator.port} HTTP/1.1`]));
        await new Promise((resolve) => setTimeout(resolve, 200));
        const open = await new Promise<number>((resolve, reject) =>
            silent.getConnections((error, count) => (error ? reject(error) : resolve(count))),
        );
        expect(open).toBe(0);
        expect(emulator.requests()).toEqual([]);
    } finally {
        silent.close();
    }
});
