// The request log records what each client sent and what it got, so tests can assert on client behaviour
// (how many token requests, which Accept, which auth scheme) without reading secrets.
import {
    API_KEY,
    FLEX_ACCEPT,
    SERVICE_ACCOUNT,
    basic,
    curl,
    flexPath,
    getWithToken,
    http,
    issueToken,
    serverlessPath,
} from "./support";
import { emulator, useFreshEmulator } from "../helpers/emulatorFixture";

useFreshEmulator();

test("each request is logged with method, path, query, accept, auth scheme, route and status, oldest first", async () => {
    const token = await issueToken(emulator);
    await getWithToken(emulator, `${flexPath("payments")}?itemsPerPage=2&pageNum=1`, token, FLEX_ACCEPT);
    await http(`${emulator.url}${serverlessPath("orders")}`);

    expect(emulator.requests()).toEqual([
        {
            time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            method: "POST",
            path: "/api/oauth/token",
            query: {},
            authScheme: "basic",
            route: "token",
            status: 200,
        },
        {
            time: expect.any(String),
            method: "GET",
            path: flexPath("payments"),
            query: { itemsPerPage: "2", pageNum: "1" },
            accept: FLEX_ACCEPT,
            authScheme: "bearer",
            route: "flexSnapshots",
            status: 200,
        },
        {
            time: expect.any(String),
            method: "GET",
            path: serverlessPath("orders"),
            query: {},
            authScheme: "none",
            route: "serverlessSnapshots",
            status: 401,
        },
    ]);
});

test("a Digest exchange shows as an unauthenticated 401 followed by a digest 200", async () => {
    await curl([
        "--digest",
        "-u",
        `${API_KEY.publicKey}:${API_KEY.privateKey}`,
        `${emulator.url}${serverlessPath("orders")}`,
    ]);
    expect(emulator.requests().map((entry) => [entry.authScheme, entry.status])).toEqual([
        ["none", 401],
        ["digest", 200],
    ]);
});

test("faulted requests are logged with the fault kind", async () => {
    emulator.inject({ kind: "status", status: 503 });
    emulator.inject({ kind: "reset" });
    await http(`${emulator.url}${flexPath("payments")}`);
    await http(`${emulator.url}${flexPath("payments")}`).catch(() => undefined);

    expect(emulator.requests().map((entry) => [entry.fault, entry.status])).toEqual([
        ["status", 503],
        ["reset", 0],
    ]);
});

test("unknown paths are logged as route unknown; the control API is not logged", async () => {
    await http(`${emulator.url}/api/atlas/v2/groups`);
    await http(`${emulator.url}/nowhere`);
    await http(`${emulator.url}/__emulator/log`);
    expect(emulator.requests()).toEqual([
        expect.objectContaining({ path: "/api/atlas/v2/groups", route: "unknown", status: 401 }),
        expect.objectContaining({ path: "/nowhere", route: "unknown", status: 404 }),
    ]);
});

test("no credential ever reaches the log", async () => {
    const token = await issueToken(emulator);
    await getWithToken(emulator, flexPath("payments"), token);
    await http(`${emulator.url}/api/oauth/revoke`, {
        method: "POST",
        headers: { Authorization: basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret) },
        body: `token=${token}`,
    });
    const logged = JSON.stringify(emulator.requests());
    for (const secret of [token, SERVICE_ACCOUNT.clientSecret, SERVICE_ACCOUNT.clientId]) {
        expect(logged).not.toContain(secret);
    }
});

test("requests() returns a copy, and clearLog() empties the log", async () => {
    await http(`${emulator.url}${flexPath("payments")}`);
    const copy = emulator.requests();
    copy[0].status = 999;
    copy[0].query.tampered = "yes";
    expect(emulator.requests()[0].status).toBe(401);
    expect(emulator.requests()[0].query).toEqual({});

    emulator.clearLog();

    expect(emulator.requests()).toEqual([]);
});

test("peakConcurrency() counts the requests open at once, and clearLog() restarts the count", async () => {
    emulator.inject({ route: "flexSnapshots", kind: "latency", ms: 200, times: 3 });

    await Promise.all([1, 2, 3].map(() => http(`${emulator.url}${flexPath("payments")}`)));

    expect(emulator.peakConcurrency()).toBe(3);
    emulator.clearLog();
    expect(emulator.peakConcurrency()).toBe(0);
    const viaControl = await http(`${emulator.url}/__emulator/concurrency`);
    expect(viaControl.json).toEqual({ peak: 0 });
});
