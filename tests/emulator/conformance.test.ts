// Every body the emulator serves must be something the client's schemas accept. The check uses ajv on JSON
// Schema generated from the zod schemas, an implementation independent of the zod the emulator is built with.
import { startEmulator } from "../../emulator";
import {
    EMPTY_PROJECT_ID,
    FLEX_ACCEPT,
    SERVERLESS_ACCEPT,
    SERVICE_ACCOUNT,
    UNKNOWN_PROJECT_ID,
    basic,
    expectValid,
    flexPath,
    getWithToken,
    http,
    issueToken,
    serverlessPath,
    validate,
} from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

const SERVERLESS_IDS = [
    "5f4e3d2c1b0a998877665544",
    "5f4e3d2c1b0a998877665545",
    "5f4e3d2c1b0a998877665546",
    "5f4e3d2c1b0a998877665547",
    "5f4e3d2c1b0a998877665548",
];
const FLEX_IDS = [
    "6a6f78e0cab84da5c4476b25",
    "6a70ca6904d982bb549e2a3a",
    "6a721bebc2973a98f1546fc4",
    "6a736d658d9c11303b1c20d4",
];
const MIGRATED_IDS = ["6a7944f22c88faeba59d3572", "6a7944f22c88faeba59d3573", "6a7944f22c88faeba59d3574"];

useEmulatorWithToken({ tokenRateLimitPerMinute: 5 });

describe("single snapshots", () => {
    test.each(SERVERLESS_IDS)("serverless snapshot %s validates as ServerlessBackupSnapshot", async (id) => {
        const answer = await getWithToken(emulator, serverlessPath("orders", id), token, SERVERLESS_ACCEPT);
        expect(answer.status).toBe(200);
        expectValid(validate.serverless, answer.json);
    });

    test.each(MIGRATED_IDS)(
        "migrated Flex snapshot %s served by the serverless route validates as serverless",
        async (id) => {
            const answer = await getWithToken(emulator, serverlessPath("inventory", id), token, SERVERLESS_ACCEPT);
            expect(answer.status).toBe(200);
            expectValid(validate.serverless, answer.json);
        },
    );

    test.each([...FLEX_IDS.map((id) => ["payments", id]), ...MIGRATED_IDS.map((id) => ["inventory", id])])(
        "Flex snapshot %s/%s validates as FlexBackupSnapshot20241113",
        async (name, id) => {
            const answer = await getWithToken(emulator, flexPath(name, id), token, FLEX_ACCEPT);
            expect(answer.status).toBe(200);
            expectValid(validate.flex, answer.json);
        },
    );
});

describe("lists", () => {
    test.each([
        ["orders", "serverless"],
        ["inventory", "serverless"],
        ["sandbox", "serverless"],
        ["payments", "flex"],
        ["inventory", "flex"],
    ] as const)("every page of %s (%s route) validates, with and without totalCount", async (name, family) => {
        const path = family === "serverless" ? serverlessPath(name) : flexPath(name);
        const validator = family === "serverless" ? validate.serverlessPage : validate.flexPage;
        const accept = family === "serverless" ? SERVERLESS_ACCEPT : FLEX_ACCEPT;
        for (const query of [
            "",
            "?itemsPerPage=2&pageNum=1",
            "?itemsPerPage=2&pageNum=2",
            "?itemsPerPage=2&pageNum=3&includeCount=false",
        ]) {
            const answer = await getWithToken(emulator, `${path}${query}`, token, accept);
            expect(answer.status).toBe(200);
            expectValid(validator, answer.json);
        }
    });
});

describe("envelopes", () => {
    test("an enveloped single snapshot's content validates", async () => {
        const answer = await getWithToken(
            emulator,
            `${flexPath("payments", FLEX_IDS[0])}?envelope=true`,
            token,
            FLEX_ACCEPT,
        );
        expect(answer.json.status).toBe(200);
        expectValid(validate.flex, answer.json.content);
    });

    test("an enveloped list validates once its added status field is set aside", async () => {
        const answer = await getWithToken(
            emulator,
            `${serverlessPath("orders")}?envelope=true`,
            token,
            SERVERLESS_ACCEPT,
        );
        const { status, ...page } = answer.json;
        expect(status).toBe(200);
        expectValid(validate.serverlessPage, page);
    });

    test("an enveloped error's content validates as ApiError", async () => {
        const answer = await getWithToken(emulator, `${flexPath("orders")}?envelope=true`, token, FLEX_ACCEPT);
        expect(answer.json.status).toBe(400);
        expectValid(validate.apiError, answer.json.content);
    });
});

describe("errors and tokens", () => {
    test("the token answer validates", async () => {
        const answer = await http(`${emulator.url}/api/oauth/token`, {
            method: "POST",
            headers: { Authorization: basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret) },
            body: "grant_type=client_credentials",
        });
        expectValid(validate.token, answer.json);
    });

    test.each([
        ["400 non-Flex name", () => getWithToken(emulator, flexPath("analytics"), token, FLEX_ACCEPT)],
        ["400 bad snapshot id", () => getWithToken(emulator, flexPath("payments", "NOT-AN-ID"), token, FLEX_ACCEPT)],
        [
            "400 bad paging",
            () => getWithToken(emulator, `${flexPath("payments")}?itemsPerPage=501`, token, FLEX_ACCEPT),
        ],
        ["401 no credentials", () => http(`${emulator.url}${flexPath("payments")}`)],
        ["401 bad token", () => getWithToken(emulator, flexPath("payments"), "not-a-token", FLEX_ACCEPT)],
        [
            "404 unknown project",
            () => getWithToken(emulator, flexPath("payments", undefined, UNKNOWN_PROJECT_ID), token),
        ],
        ["404 unknown cluster", () => getWithToken(emulator, flexPath("nope"), token, FLEX_ACCEPT)],
        ["404 not serverless", () => getWithToken(emulator, serverlessPath("payments"), token)],
        [
            "404 unknown snapshot",
            () => getWithToken(emulator, serverlessPath("orders", "ffffffffffffffffffffffff"), token),
        ],
        ["404 unknown path", () => getWithToken(emulator, "/api/atlas/v2/groups", token)],
        ["405 method", () => http(`${emulator.url}${flexPath("payments")}`, { method: "DELETE" })],
        ["406 version", () => getWithToken(emulator, flexPath("payments"), token, SERVERLESS_ACCEPT)],
    ])("%s validates as ApiError", async (_name, send) => {
        const answer = await send();
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expectValid(validate.apiError, answer.json);
    });

    test("403 for a credential limited to another project validates as ApiError", async () => {
        const limited = await startEmulator({
            seed: {
                credentials: {
                    serviceAccounts: [{ clientId: "limited", clientSecret: "s", projects: [EMPTY_PROJECT_ID] }],
                },
                projects: [{ id: EMPTY_PROJECT_ID }],
            },
        });
        try {
            const limitedToken = await issueToken(limited, { clientId: "limited", clientSecret: "s" });
            const answer = await getWithToken(limited, flexPath("payments"), limitedToken, FLEX_ACCEPT);
            expect(answer.status).toBe(403);
            expectValid(validate.apiError, answer.json);
        } finally {
            await limited.close();
        }
    });

    test("410 and sunset 404 validate as ApiError", async () => {
        for (const mode of ["404", "410"] as const) {
            emulator.setSunset(mode);
            const answer = await getWithToken(emulator, serverlessPath("orders"), token, SERVERLESS_ACCEPT);
            expect(answer.status).toBe(Number(mode));
            expectValid(validate.apiError, answer.json);
        }
        emulator.setSunset("active");
    });

    test("429 from the token endpoint validates as ApiError", async () => {
        let answer;
        for (let attempt = 0; attempt < 10; attempt++) {
            answer = await http(`${emulator.url}/api/oauth/token`, {
                method: "POST",
                headers: { Authorization: basic(SERVICE_ACCOUNT.clientId, SERVICE_ACCOUNT.clientSecret) },
                body: "grant_type=client_credentials",
            });
            if (answer.status === 429) break;
        }
        expect(answer?.status).toBe(429);
        expectValid(validate.apiError, answer?.json);
    });
});
