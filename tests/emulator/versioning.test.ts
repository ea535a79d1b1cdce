// The Accept header picks the resource version as Atlas does: the newest version dated on or before the one
// asked for, 406 when there is none, and the oldest version for unversioned clients.
import { flexPath, getWithToken, serverlessPath } from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

useEmulatorWithToken();

const SERVERLESS = serverlessPath("orders", "5f4e3d2c1b0a998877665544");
const FLEX = flexPath("payments", "6a6f78e0cab84da5c4476b25");

describe("serverless snapshots (only version 2023-01-01)", () => {
    test.each([
        ["application/vnd.atlas.2023-01-01+json"],
        ["application/vnd.atlas.2023-02-01+json"],
        ["application/vnd.atlas.2099-12-31+json"],
        ["application/vnd.atlas.2023-02-01+json;charset=utf-8"],
        ["application/json"],
        ["*/*"],
    ])("Accept %s is served 2023-01-01", async (accept) => {
        const answer = await getWithToken(emulator, SERVERLESS, token, accept);
        expect(answer.status).toBe(200);
        expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    });

    test("no Accept header at all is served the oldest version", async () => {
        const answer = await getWithToken(emulator, SERVERLESS, token);
        expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    });

    test("a date before the first version answers 406 INVALID_VERSION_DATE as application/json", async () => {
        const answer = await getWithToken(emulator, SERVERLESS, token, "application/vnd.atlas.2022-12-31+json");
        expect(answer.status).toBe(406);
        expect(answer.headers["content-type"]).toBe("application/json");
        expect(answer.headers["x-error-code"]).toBe("INVALID_VERSION_DATE");
        expect(answer.json).toMatchObject({ error: 406, errorCode: "INVALID_VERSION_DATE", reason: "Not Acceptable" });
    });
});

describe("Flex snapshots (only version 2024-11-13)", () => {
    test("the exact date and any later date are served 2024-11-13", async () => {
        for (const accept of ["application/vnd.atlas.2024-11-13+json", "application/vnd.atlas.2025-03-12+json"]) {
            const answer = await getWithToken(emulator, FLEX, token, accept);
            expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2024-11-13+json;charset=utf-8");
        }
    });

    test("the serverless version date is too old for Flex: 406", async () => {
        expect((await getWithToken(emulator, FLEX, token, "application/vnd.atlas.2023-01-01+json")).status).toBe(406);
    });

    test("with several media types, the newest servable one wins", async () => {
        const accept =
            "application/vnd.atlas.2023-01-01+json, application/vnd.atlas.2024-11-13+json;charset=utf-8;q=0.9";
        const answer = await getWithToken(emulator, FLEX, token, accept);
        expect(answer.status).toBe(200);
        expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2024-11-13+json;charset=utf-8");
    });
});

describe("malformed versions", () => {
    test.each([
        ["application/vnd.atlas.2024-13-01+json"],
        ["application/vnd.atlas.2024-02-30+json"],
        ["application/vnd.atlas.latest+json"],
        ["application/vnd.atlas+json"],
    ])("Accept %s answers 406", async (accept) => {
        const answer = await getWithToken(emulator, FLEX, token, accept);
        expect(answer.status).toBe(406);
        expect(answer.json.errorCode).toBe("INVALID_VERSION_DATE");
    });
});
