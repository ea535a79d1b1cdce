// The control API under /__emulator/ offers the programmatic controls over HTTP, for emulators in other processes.
import {
    API_KEY,
    FLEX_ACCEPT,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    digestHeader,
    flexPath,
    getWithToken,
    http,
    issueToken,
    parseChallenge,
    serverlessPath,
} from "./support";
import { emulator, useFreshEmulator } from "../helpers/emulatorFixture";

useFreshEmulator();

/** Calls a control action with an optional JSON body. */
function control(method: string, action: string, body?: unknown) {
    return http(`${emulator.url}/__emulator/${action}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
}

test("GET log returns the request log; DELETE log empties it", async () => {
    await http(`${emulator.url}${flexPath("payments")}`);

    const log = await control("GET", "log");
    expect(log.status).toBe(200);
    expect(log.json).toEqual([expect.objectContaining({ route: "flexSnapshots", status: 401 })]);

    expect((await control("DELETE", "log")).status).toBe(204);
    expect((await control("GET", "log")).json).toEqual([]);
});

test("POST faults injects a rule, with times given as the string Infinity; DELETE faults clears them", async () => {
    expect((await control("POST", "faults", { kind: "status", status: 503, times: "Infinity" })).status).toBe(204);
    expect((await http(`${emulator.url}${flexPath("payments")}`)).status).toBe(503);
    expect((await http(`${emulator.url}${flexPath("payments")}`)).status).toBe(503);

    expect((await control("DELETE", "faults")).status).toBe(204);
    expect((await http(`${emulator.url}${flexPath("payments")}`)).status).toBe(401);
});

test("POST faults refuses an invalid rule or a body that is not JSON with 400", async () => {
    const invalid = await control("POST", "faults", { kind: "status" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.message).toMatch(/status/);
    expect((await control("POST", "faults", "{not json")).status).toBe(400);
});

test("POST sunset switches the serverless routes' mode, and refuses unknown modes", async () => {
    const token = await issueToken(emulator);
    expect((await control("POST", "sunset", { mode: "410" })).status).toBe(204);
    expect((await getWithToken(emulator, serverlessPath("orders"), token, SERVERLESS_ACCEPT)).status).toBe(410);
    expect((await control("POST", "sunset", { mode: "gone" })).status).toBe(400);
    expect((await control("POST", "sunset", { mode: "active" })).status).toBe(204);
    expect((await getWithToken(emulator, serverlessPath("orders"), token, SERVERLESS_ACCEPT)).status).toBe(200);
});

test("GET tokens lists issued tokens; POST tokens/expire makes them fail", async () => {
    const token = await issueToken(emulator);
    expect((await control("GET", "tokens")).json).toEqual([token]);

    expect((await control("POST", "tokens/expire")).status).toBe(204);

    expect((await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT)).status).toBe(401);
});

test("POST nonces/stale makes issued nonces stale", async () => {
    const path = flexPath("payments");
    const { nonce } = parseChallenge((await http(`${emulator.url}${path}`)).headers["www-authenticate"] ?? "");
    const sign = (nc: number) => ({
        Authorization: digestHeader({ algorithm: "MD5", key: API_KEY, nonce, nc, uri: path }),
        Accept: FLEX_ACCEPT,
    });
    expect((await http(`${emulator.url}${path}`, { headers: sign(1) })).status).toBe(200);

    expect((await control("POST", "nonces/stale")).status).toBe(204);

    const stale = await http(`${emulator.url}${path}`, { headers: sign(2) });
    expect(stale.status).toBe(401);
    expect(parseChallenge(stale.headers["www-authenticate"] ?? "").stale).toBe(true);
});

test("POST snapshots/status changes a snapshot's status, and refuses bad input with 400", async () => {
    const token = await issueToken(emulator);
    const body = {
        projectId: PROJECT_ID,
        instanceName: "payments",
        snapshotId: "6a721bebc2973a98f1546fc4",
        status: "FAILED",
    };

    expect((await control("POST", "snapshots/status", body)).status).toBe(204);

    const answer = await getWithToken(emulator, flexPath("payments", "6a721bebc2973a98f1546fc4"), token, FLEX_ACCEPT);
    expect(answer.json.status).toBe("FAILED");
    expect((await control("POST", "snapshots/status", { ...body, status: "failed" })).status).toBe(400);
    expect((await control("POST", "snapshots/status", { projectId: PROJECT_ID })).status).toBe(400);
});

test("unknown control actions answer 404", async () => {
    expect((await control("GET", "nothing-here")).status).toBe(404);
    expect((await control("PUT", "log")).status).toBe(404);
});
