// Service accounts exchange their credentials for a bearer token as against Atlas, tokens stop working when
// revoked or expired, and the token endpoint enforces Atlas's per-client rate limit.
import { startEmulator, type AtlasEmulator } from "../../emulator";
import {
    FLEX_ACCEPT,
    SERVICE_ACCOUNT,
    basic,
    curl,
    flexPath,
    getWithToken,
    headerValue,
    http,
    issueToken,
} from "./support";
import { emulator, useEmulator } from "../helpers/emulatorFixture";

const FLEX_SNAPSHOT = flexPath("payments", "6a6f78e0cab84da5c4476b25");
const CLIENT = `${SERVICE_ACCOUNT.clientId}:${SERVICE_ACCOUNT.clientSecret}`;

useEmulator();

/** Posts a form to the token endpoint with the given Authorization header. */
function postToken(target: AtlasEmulator, authorization: string | undefined, body = "grant_type=client_credentials") {
    return http(`${target.url}/api/oauth/token`, {
        method: "POST",
        headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            ...(authorization === undefined ? {} : { Authorization: authorization }),
        },
        body,
    });
}

describe("with curl", () => {
    test("the client-credentials exchange returns a Bearer token valid for an hour", async () => {
        const answer = await curl([
            "-u",
            CLIENT,
            "-d",
            "grant_type=client_credentials",
            `${emulator.url}/api/oauth/token`,
        ]);

        expect(answer.status).toBe(200);
        const body = JSON.parse(answer.body);
        expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
        expect(body.access_token.length).toBeGreaterThanOrEqual(40);
        expect(emulator.issuedTokens()).toContain(body.access_token);
    });

    test("the token reads a Flex snapshot, and is refused once revoked", async () => {
        const token = JSON.parse(
            (await curl(["-u", CLIENT, "-d", "grant_type=client_credentials", `${emulator.url}/api/oauth/token`])).body,
        ).access_token;
        const read = () =>
            curl([
                "-H",
                `Authorization: Bearer ${token}`,
                "-H",
                `Accept: ${FLEX_ACCEPT}`,
                `${emulator.url}${FLEX_SNAPSHOT}`,
            ]);

        const before = await read();
        expect(before.status).toBe(200);
        expect(JSON.parse(before.body)).toMatchObject({ id: "6a6f78e0cab84da5c4476b25", status: "COMPLETED" });

        const revoke = await curl([
            "-u",
            CLIENT,
            "-d",
            `token=${token}&token_type_hint=access_token`,
            `${emulator.url}/api/oauth/revoke`,
        ]);
        expect(revoke.status).toBe(200);

        const after = await read();
        expect(after.status).toBe(401);
        expect(JSON.parse(after.body)).toMatchObject({
            error: 401,
            detail: "The access token is invalid, expired or revoked.",
        });
        expect(headerValue(after.headers, "WWW-Authenticate")).toMatch(/^Digest realm="MMS Public API"/);
    });
});

describe("token validity", () => {
    test("expireTokens() makes every token issued so far fail with 401, and new ones work", async () => {
        const old = await issueToken(emulator);
        expect((await getWithToken(emulator, FLEX_SNAPSHOT, old, FLEX_ACCEPT)).status).toBe(200);

        emulator.expireTokens();

        expect((await getWithToken(emulator, FLEX_SNAPSHOT, old, FLEX_ACCEPT)).status).toBe(401);
        const fresh = await issueToken(emulator);
        expect((await getWithToken(emulator, FLEX_SNAPSHOT, fresh, FLEX_ACCEPT)).status).toBe(200);
    });

    test("a token stops working after expires_in seconds", async () => {
        const shortLived = await startEmulator({ tokenTtlSeconds: 0.3 });
        try {
            const answer = await postToken(shortLived, basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret));
            expect(answer.json.expires_in).toBe(0.3);
            const token = answer.json.access_token;
            expect((await getWithToken(shortLived, FLEX_SNAPSHOT, token, FLEX_ACCEPT)).status).toBe(200);
            await new Promise((resolve) => setTimeout(resolve, 350));
            expect((await getWithToken(shortLived, FLEX_SNAPSHOT, token, FLEX_ACCEPT)).status).toBe(401);
        } finally {
            await shortLived.close();
        }
    });

    test("an unknown token is refused with 401", async () => {
        const answer = await getWithToken(emulator, FLEX_SNAPSHOT, "made-up-token", FLEX_ACCEPT);
        expect(answer.status).toBe(401);
        expect(answer.json.errorCode).toBe("UNEXPECTED_ERROR");
    });

    test("revoking another client's token, or an unknown one, answers 200 and changes nothing", async () => {
        const token = await issueToken(emulator);
        const answer = await http(`${emulator.url}/api/oauth/revoke`, {
            method: "POST",
            headers: { Authorization: basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret) },
            body: "token=unknown-token",
        });
        expect(answer.status).toBe(200);
        expect((await getWithToken(emulator, FLEX_SNAPSHOT, token, FLEX_ACCEPT)).status).toBe(200);
    });
});

describe("token endpoint errors", () => {
    test("a wrong secret answers 401", async () => {
        const answer = await postToken(emulator, basic(SERVICE_ACCOUNT.clientId, "wrong-secret"));
        expect(answer.status).toBe(401);
        expect(answer.json).toMatchObject({ error: 401, errorCode: "INVALID_CLIENT" });
        expect(answer.headers["x-error-code"]).toBe("INVALID_CLIENT");
    });

    test("no credentials answer 401", async () => {
        expect((await postToken(emulator, undefined)).status).toBe(401);
    });

    test("a grant type other than client_credentials answers 400", async () => {
        const answer = await postToken(
            emulator,
            basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret),
            "grant_type=password",
        );
        expect(answer.status).toBe(400);
        expect(answer.json.errorCode).toBe("UNSUPPORTED_GRANT_TYPE");
    });

    test("revoking without a token answers 400, with bad credentials 401", async () => {
        const good = basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret);
        const revoke = (authorization: string, body: string) =>
            http(`${emulator.url}/api/oauth/revoke`, {
                method: "POST",
                headers: { Authorization: authorization },
                body,
            });
        expect((await revoke(good, "token_type_hint=access_token")).status).toBe(400);
        expect((await revoke(basic(SERVICE_ACCOUNT.clientId, "wrong"), "token=x")).status).toBe(401);
    });

    test("GET on the token endpoint answers 405 with Allow: POST", async () => {
        const answer = await http(`${emulator.url}/api/oauth/token`);
        expect(answer.status).toBe(405);
        expect(answer.headers.allow).toBe("POST");
    });
});

describe("rate limit", () => {
    test("past the per-client limit the endpoint answers Atlas's 429, while other clients are unaffected", async () => {
        const limited = await startEmulator({
            tokenRateLimitPerMinute: 3,
            seed: {
                credentials: {
                    serviceAccounts: [
                        { clientId: "busy", clientSecret: "s1" },
                        { clientId: "calm", clientSecret: "s2" },
                    ],
                },
                projects: [],
            },
        });
        try {
            const statuses = [];
            for (let i = 0; i < 3; i++) statuses.push((await postToken(limited, basic("busy", "s1"))).status);
            expect(statuses).toEqual([200, 200, 200]);

            const refused = await postToken(limited, basic("busy", "s1"));

            expect(refused.status).toBe(429);
            expect(refused.json).toEqual({
                detail: "Resource /api/oauth/token is limited to 3 requests every 1 minutes.",
                error: 429,
                errorCode: "RATE_LIMITED",
                parameters: ["/api/oauth/token", 3, 1],
                reason: "Too Many Requests",
            });
            expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
            expect(refused.headers["x-error-code"]).toBe("RATE_LIMITED");
            expect((await postToken(limited, basic("calm", "s2"))).status).toBe(200);
        } finally {
            await limited.close();
        }
    });

    test("the default limit is Atlas's 50 a minute", async () => {
        const fresh = await startEmulator();
        try {
            const auth = basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret);
            for (let i = 0; i < 50; i++) expect((await postToken(fresh, auth)).status).toBe(200);
            const refused = await postToken(fresh, auth);
            expect(refused.status).toBe(429);
            expect(refused.json.detail).toBe("Resource /api/oauth/token is limited to 50 requests every 1 minutes.");
        } finally {
            await fresh.close();
        }
    });
});
