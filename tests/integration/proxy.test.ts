// The client behind a proxy, over real HTTPS: the emulator serves https://atlas.test:<port>, a name only the test
// proxy resolves, so a read succeeds only through the proxy's CONNECT tunnel, and fails when NO_PROXY sends it direct.
import * as fs from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import * as tls from "node:tls";
import { AtlasClient } from "../../provider/atlas/client";
import { resolveSettings } from "../../provider/atlas/settings";
import { validateArgs } from "../../provider/snapshots/args";
import { readSnapshot } from "../../provider/snapshots/read";
import { SnapshotReadError } from "../../provider/snapshots/errors";
import { startConnectProxy } from "../helpers/connectProxy";
import type { ConnectProxy } from "../helpers/connectProxy";
import { SEED } from "../e2e/programs";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

const fixtures = path.join(__dirname, "../fixtures");
const cert = fs.readFileSync(path.join(fixtures, "atlas-test.cert.pem"), "utf8");
const key = fs.readFileSync(path.join(fixtures, "atlas-test.key.pem"), "utf8");

const PROXY_USER = "alice-proxy-user";
const PROXY_PASSWORD = "s3cret/proxy:p@ss";

useEmulator({ tls: { cert, key } });
let proxy: ConnectProxy;
let guardedProxy: ConnectProxy;
let defaultCertificates: string[];

beforeAll(async () => {
    // The process trusts the test certificate as NODE_EXTRA_CA_CERTS would make it; verification stays on.
    defaultCertificates = tls.getCACertificates("default");
    tls.setDefaultCACertificates([...defaultCertificates, cert]);
    proxy = await startConnectProxy({ hosts: { "atlas.test": "127.0.0.1" } });
    guardedProxy = await startConnectProxy({
        hosts: { "atlas.test": "127.0.0.1" },
        credentials: { user: PROXY_USER, password: PROXY_PASSWORD },
    });
});
afterAll(async () => {
    await Promise.all([proxy.close(), guardedProxy.close()]);
    tls.setDefaultCACertificates(defaultCertificates);
});
beforeEach(() => {
    proxy.clear();
    guardedProxy.clear();
});

/** The base URL only the proxy can reach. */
function atlasTest(): string {
    return `https://atlas.test:${emulator.port}`;
}

/** A client configured from the environment as the provider's is, with a service account and one attempt. */
function clientFrom(env: Record<string, string>): AtlasClient {
    return new AtlasClient(
        resolveSettings(undefined, {
            MONGODB_ATLAS_BASE_URL: atlasTest(),
            MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
            MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
            ATLAS_MAX_ATTEMPTS: "1",
            ...env,
        }),
    );
}

const completedSnapshot = validateArgs({
    projectId: SEED.projectId,
    instanceName: SEED.serverlessInstance,
    snapshotId: SEED.completedSnapshot,
    api: "serverless",
});

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return typeof address === "object" && address !== null ? address.port : 0;
}

/** The message of the error `read` rejects with. */
async function failureOf(read: Promise<unknown>): Promise<string> {
    const error = await read.then(
        () => undefined,
        (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SnapshotReadError);
    return (error as Error).message;
}

describe("HTTPS_PROXY", () => {
    test("a service account gets its token and reads a snapshot through CONNECT tunnels only", async () => {
        const atlas = clientFrom({ HTTPS_PROXY: proxy.url });

        const snapshot = await readSnapshot(atlas, completedSnapshot);

        expect(snapshot.status).toBe("completed");
        expect(emulator.requests().map((r) => [r.route, r.authScheme, r.status])).toEqual([
            ["token", "basic", 200],
            ["serverlessSnapshot", "bearer", 200],
        ]);
        expect(proxy.tunnels()).toBeGreaterThanOrEqual(1);
        expect(proxy.connects.every((c) => c.target === `atlas.test:${emulator.port}` && c.status === 200)).toBe(true);
        // What the proxy saw: CONNECT lines and their own headers, never a request with its Authorization.
        expect(proxy.plainRequests).toEqual([]);
        expect(proxy.connects.every((c) => c.headers.authorization === undefined)).toBe(true);
    });

    test("the lowercase https_proxy works alike, and an API key's digest exchange goes through the tunnel too", async () => {
        const atlas = new AtlasClient(
            resolveSettings(undefined, {
                MONGODB_ATLAS_BASE_URL: atlasTest(),
                MONGODB_ATLAS_PUBLIC_API_KEY: SEED.publicKey,
                MONGODB_ATLAS_PRIVATE_API_KEY: SEED.privateKey,
                https_proxy: proxy.url,
            }),
        );

        const snapshot = await readSnapshot(atlas, completedSnapshot);

        expect(snapshot.status).toBe("completed");
        expect(emulator.requests().map((r) => r.status)).toEqual([401, 200]);
        expect(proxy.tunnels()).toBeGreaterThanOrEqual(1);
        expect(proxy.plainRequests).toEqual([]);
    });

    test("a client's requests share its tunnels instead of opening one per request", async () => {
        const atlas = clientFrom({ HTTPS_PROXY: proxy.url });

        for (let i = 0; i < 10; i++) {
            await readSnapshot(atlas, completedSnapshot);
        }

        expect(emulator.requests()).toHaveLength(11); // one token, ten reads
        expect(proxy.tunnels()).toBeLessThan(11);
    });

    test("NO_PROXY naming the host sends the request directly, where the name does not resolve: a network error", async () => {
        const atlas = clientFrom({ HTTPS_PROXY: proxy.url, NO_PROXY: "localhost,atlas.test" });

        const message = await failureOf(readSnapshot(atlas, completedSnapshot));

        expect(message).toMatch(
            new RegExp(`POST /api/oauth/token\\): the connection failed \\((ENOTFOUND|EAI_AGAIN)\\)`),
        );
        expect(message).toContain(`Could not reach atlas.test:${emulator.port}.`);
        expect(message).not.toContain("proxy");
        expect(proxy.connects).toEqual([]);
        expect(emulator.requests()).toEqual([]);
    });

    test("a leading-dot domain in no_proxy covers the host as well", async () => {
        const atlas = clientFrom({ HTTPS_PROXY: proxy.url, no_proxy: ".atlas.test" });

        await failureOf(readSnapshot(atlas, completedSnapshot));

        expect(proxy.connects).toEqual([]);
    });
});

describe("proxy credentials", () => {
    function withCredentials(password: string): string {
        return `http://${PROXY_USER}:${encodeURIComponent(password)}@127.0.0.1:${guardedProxy.port}`;
    }

    test("the user and password in the proxy URL authenticate the tunnel", async () => {
        const atlas = clientFrom({ HTTPS_PROXY: withCredentials(PROXY_PASSWORD) });

        const snapshot = await readSnapshot(atlas, completedSnapshot);

        expect(snapshot.status).toBe("completed");
        const basic = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64")}`;
        expect(guardedProxy.connects.length).toBeGreaterThanOrEqual(1);
        expect(guardedProxy.connects.every((c) => c.headers["proxy-authorization"] === basic)).toBe(true);
        expect(guardedProxy.plainRequests).toEqual([]);
    });

    test("a proxy that refuses the credentials is named as the one that refused, never as Atlas", async () => {
        const atlas = clientFrom({ HTTPS_PROXY: withCredentials("wrong-password") });

        const message = await failureOf(readSnapshot(atlas, completedSnapshot));

        expect(message).toContain(
            `the connection through the proxy 127.0.0.1:${guardedProxy.port} from HTTPS_PROXY failed ` +
                `(CONNECT answered 407 Proxy Authentication Required)`,
        );
        expect(message).not.toMatch(/Atlas answered/);
        expect(message).not.toContain(PROXY_USER);
        expect(message).not.toContain("wrong-password");
        expect(emulator.requests()).toEqual([]);
    });

    test("a proxy that cannot be reached is named with its variable, without its user or password", async () => {
        const port = await closedPort();
        const atlas = clientFrom({
            HTTPS_PROXY: `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${port}`,
        });

        const message = await failureOf(readSnapshot(atlas, completedSnapshot));

        expect(message).toContain(
            `the connection through the proxy 127.0.0.1:${port} from HTTPS_PROXY failed (ECONNREFUSED)`,
        );
        expect(message).toContain("fix HTTPS_PROXY, or list the host in NO_PROXY");
        expect(message).not.toContain(PROXY_USER);
        expect(message).not.toContain(PROXY_PASSWORD);
        expect(message).not.toContain(encodeURIComponent(PROXY_PASSWORD));
    });
});
