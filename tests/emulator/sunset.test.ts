// The serverless routes are deprecated: every answer says so in headers, and the emulator can play their sunset
// both ways it has been seen (404, and the 410 of Atlas's guidelines) while the Flex routes keep working.
import { startEmulator } from "../../emulator";
import { FLEX_ACCEPT, SERVERLESS_ACCEPT, flexPath, getWithToken, http, issueToken, serverlessPath } from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

useEmulatorWithToken();
afterEach(() => emulator.setSunset("active"));

const SERVERLESS = serverlessPath("orders", "5f4e3d2c1b0a998877665544");
const DEPRECATION = "Wed, 10 Dec 2025 00:00:00 GMT";
const SUNSET = "Thu, 22 Jan 2026 00:00:00 GMT";

describe("before the sunset (active)", () => {
    test("serverless answers carry Deprecation and Sunset, successes and errors alike", async () => {
        const answers = [
            await getWithToken(emulator, SERVERLESS, token, SERVERLESS_ACCEPT),
            await getWithToken(emulator, serverlessPath("orders"), token, SERVERLESS_ACCEPT),
            await getWithToken(emulator, serverlessPath("nope"), token, SERVERLESS_ACCEPT),
            await http(`${emulator.url}${SERVERLESS}`, {
                method: "DELETE",
                headers: { Authorization: `Bearer ${token}` },
            }),
        ];
        expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 405]);
        for (const answer of answers) {
            expect(answer.headers.deprecation).toBe(DEPRECATION);
            expect(answer.headers.sunset).toBe(SUNSET);
        }
    });

    test("the 401 comes from authentication, before any route is chosen, and carries neither", async () => {
        const answer = await http(`${emulator.url}${SERVERLESS}`);
        expect(answer.status).toBe(401);
        expect(answer.headers.deprecation).toBeUndefined();
        expect(answer.headers.sunset).toBeUndefined();
    });

    test("Flex answers carry neither", async () => {
        const answer = await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT);
        expect(answer.headers.deprecation).toBeUndefined();
        expect(answer.headers.sunset).toBeUndefined();
    });
});

describe("after the sunset", () => {
    test('setSunset("404") makes serverless routes answer 404 RESOURCE_NOT_FOUND naming the sunset', async () => {
        emulator.setSunset("404");
        const answer = await getWithToken(emulator, SERVERLESS, token, SERVERLESS_ACCEPT);
        expect(answer.status).toBe(404);
        expect(answer.json.errorCode).toBe("RESOURCE_NOT_FOUND");
        expect(answer.json.detail).toMatch(/sunset/);
        expect(answer.headers.sunset).toBe(SUNSET);
    });

    test('setSunset("410") makes serverless routes answer 410 VERSION_GONE', async () => {
        emulator.setSunset("410");
        const answer = await getWithToken(emulator, serverlessPath("orders"), token, SERVERLESS_ACCEPT);
        expect(answer.status).toBe(410);
        expect(answer.json).toEqual({
            detail: "This happens when a resource is marked for sunset and the sunset date is in the past.",
            error: 410,
            errorCode: "VERSION_GONE",
            reason: "Gone",
        });
    });

    test("the Flex routes keep answering", async () => {
        emulator.setSunset("410");
        expect((await getWithToken(emulator, flexPath("payments"), token, FLEX_ACCEPT)).status).toBe(200);
    });

    test("the sunset mode can be chosen at start", async () => {
        const gone = await startEmulator({ sunset: "410" });
        try {
            const goneToken = await issueToken(gone);
            expect((await getWithToken(gone, SERVERLESS, goneToken, SERVERLESS_ACCEPT)).status).toBe(410);
        } finally {
            await gone.close();
        }
    });

    test("an unknown mode is refused", () => {
        expect(() => emulator.setSunset("gone" as never)).toThrow(RangeError);
    });
});
