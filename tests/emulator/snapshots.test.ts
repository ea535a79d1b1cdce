// Each route finds deployments the way its Atlas API family does, and answers Atlas's errors with Atlas's bodies.
import {
    FLEX_ACCEPT,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    UNKNOWN_PROJECT_ID,
    flexPath,
    getWithToken,
    http,
    serverlessPath,
} from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

const ATLAS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

useEmulatorWithToken();

const getServerless = (path: string) => getWithToken(emulator, path, token, SERVERLESS_ACCEPT);
const getFlex = (path: string) => getWithToken(emulator, path, token, FLEX_ACCEPT);

describe("serverless routes", () => {
    test("a serverless instance's snapshot comes back in the serverless shape with a self link", async () => {
        const answer = await getServerless(serverlessPath("orders", "5f4e3d2c1b0a998877665544"));

        expect(answer.status).toBe(200);
        expect(answer.json).toEqual({
            id: "5f4e3d2c1b0a998877665544",
            createdAt: expect.stringMatching(ATLAS_TIME),
            expiresAt: expect.stringMatching(ATLAS_TIME),
            frequencyType: "daily",
            mongodVersion: "8.0.17",
            serverlessInstanceName: "orders",
            snapshotType: "scheduled",
            status: "completed",
            storageSizeBytes: 73400320,
            links: [{ href: `${emulator.url}${serverlessPath("orders", "5f4e3d2c1b0a998877665544")}`, rel: "self" }],
        });
    });

    test("an in-progress snapshot has no expiry or size yet", async () => {
        const answer = await getServerless(serverlessPath("orders", "5f4e3d2c1b0a998877665546"));
        expect(answer.json.status).toBe("inProgress");
        expect(answer.json).not.toHaveProperty("expiresAt");
        expect(answer.json).not.toHaveProperty("storageSizeBytes");
    });

    test("a Flex cluster migrated from serverless is served in the serverless shape, inventing nothing", async () => {
        const flex = (await getFlex(flexPath("inventory", "6a7944f22c88faeba59d3572"))).json;

        const answer = await getServerless(serverlessPath("inventory", "6a7944f22c88faeba59d3572"));

        expect(answer.status).toBe(200);
        expect(answer.json).toEqual({
            id: "6a7944f22c88faeba59d3572",
            createdAt: flex.startTime,
            expiresAt: flex.expiration,
            mongodVersion: flex.mongoDBVersion,
            serverlessInstanceName: "inventory",
            status: "completed",
            links: [{ href: `${emulator.url}${serverlessPath("inventory", "6a7944f22c88faeba59d3572")}`, rel: "self" }],
        });
    });

    test("migrated statuses map to the serverless vocabulary; without startTime, createdAt is scheduledTime", async () => {
        const failed = await getServerless(serverlessPath("inventory", "6a7944f22c88faeba59d3573"));
        expect(failed.json.status).toBe("failed");

        const pendingFlex = (await getFlex(flexPath("inventory", "6a7944f22c88faeba59d3574"))).json;
        const pending = await getServerless(serverlessPath("inventory", "6a7944f22c88faeba59d3574"));
        expect(pendingFlex.status).toBe("PENDING");
        expect(pending.json.status).toBe("queued");
        expect(pending.json.createdAt).toBe(pendingFlex.scheduledTime);
    });

    test.each([["payments"], ["analytics"], ["nope"]])(
        "%s (native Flex, dedicated, unknown) answers 404 SERVERLESS_INSTANCE_NOT_FOUND",
        async (name) => {
            const answer = await getServerless(serverlessPath(name));
            expect(answer.status).toBe(404);
            expect(answer.json).toMatchObject({ error: 404, errorCode: "SERVERLESS_INSTANCE_NOT_FOUND" });
            expect(answer.headers["x-error-code"]).toBe("SERVERLESS_INSTANCE_NOT_FOUND");
        },
    );
});

describe("Flex routes", () => {
    test("a Flex cluster's snapshot comes back in the Flex shape, without links (as recorded)", async () => {
        const answer = await getFlex(flexPath("payments", "6a6f78e0cab84da5c4476b25"));
        expect(answer.json).toEqual({
            id: "6a6f78e0cab84da5c4476b25",
            expiration: expect.stringMatching(ATLAS_TIME),
            finishTime: expect.stringMatching(ATLAS_TIME),
            mongoDBVersion: "8.0.29",
            scheduledTime: expect.stringMatching(ATLAS_TIME),
            startTime: expect.stringMatching(ATLAS_TIME),
            status: "COMPLETED",
        });
    });

    test.each([["orders"], ["analytics"]])("%s (serverless, dedicated) answers Atlas's recorded 400", async (name) => {
        const answer = await getFlex(flexPath(name, "6a7944f22c88faeba59d3572"));

        expect(answer.status).toBe(400);
        expect(answer.headers["content-type"]).toBe("application/json");
        expect(answer.headers["x-error-code"]).toBe("CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API");
        expect(answer.json).toEqual({
            detail: `Cannot use non-flex cluster ${name} in the flex API.`,
            error: 400,
            errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
            parameters: [name],
            reason: "Bad Request",
        });
    });

    test("an unknown name answers Atlas's recorded CLUSTER_NOT_FOUND", async () => {
        const answer = await getFlex(flexPath("cluster-833"));
        expect(answer.status).toBe(404);
        expect(answer.json).toEqual({
            detail: `No cluster named cluster-833 exists in group ${PROJECT_ID}.`,
            error: 404,
            errorCode: "CLUSTER_NOT_FOUND",
            parameters: ["cluster-833", PROJECT_ID],
            reason: "Not Found",
        });
    });
});

describe("errors common to both families", () => {
    test("an unknown project answers Atlas's recorded GROUP_NOT_FOUND", async () => {
        const answer = await getFlex(flexPath("payments", undefined, UNKNOWN_PROJECT_ID));
        expect(answer.status).toBe(404);
        expect(answer.json).toEqual({
            detail: `No group with ID ${UNKNOWN_PROJECT_ID} exists.`,
            error: 404,
            errorCode: "GROUP_NOT_FOUND",
            parameters: [UNKNOWN_PROJECT_ID],
            reason: "Not Found",
        });
    });

    test("an unknown snapshot id answers 404 RESOURCE_NOT_FOUND", async () => {
        for (const answer of [
            await getServerless(serverlessPath("orders", "ffffffffffffffffffffffff")),
            await getFlex(flexPath("payments", "ffffffffffffffffffffffff")),
        ]) {
            expect(answer.status).toBe(404);
            expect(answer.json.errorCode).toBe("RESOURCE_NOT_FOUND");
        }
    });

    test.each([
        ["a short project id", flexPath("payments", undefined, "32b6e34b")],
        ["an uppercase snapshot id", flexPath("payments", "6A6F78E0CAB84DA5C4476B25")],
        ["a name starting with a dash", flexPath("-payments")],
        ["a name with an underscore", serverlessPath("my_orders")],
    ])("%s answers 400 INVALID_PARAMETER, as Atlas validates path patterns", async (_what, path) => {
        const answer = await getFlex(path);
        expect(answer.status).toBe(400);
        expect(answer.json.errorCode).toBe("INVALID_PARAMETER");
    });

    test.each([["POST"], ["PUT"], ["DELETE"], ["PATCH"]])(
        "%s on an API route answers 405 with Allow: GET",
        async (method) => {
            for (const path of [flexPath("payments"), serverlessPath("orders", "5f4e3d2c1b0a998877665544")]) {
                const answer = await http(`${emulator.url}${path}`, {
                    method,
                    headers: { Authorization: `Bearer ${token}` },
                });
                expect(answer.status).toBe(405);
                expect(answer.headers.allow).toBe("GET");
                expect(answer.json.error).toBe(405);
            }
        },
    );

    test("an unknown path answers 404 RESOURCE_NOT_FOUND", async () => {
        const answer = await getFlex(`/api/atlas/v2/groups/${PROJECT_ID}/clusters/analytics/backup/exports`);
        expect(answer.status).toBe(404);
        expect(answer.json.errorCode).toBe("RESOURCE_NOT_FOUND");
    });
});

describe("setSnapshotStatus", () => {
    test("changes what the routes serve, in the stored shape's vocabulary", async () => {
        emulator.setSnapshotStatus(PROJECT_ID, "payments", "6a721bebc2973a98f1546fc4", "COMPLETED");
        emulator.setSnapshotStatus(PROJECT_ID, "inventory", "6a7944f22c88faeba59d3572", "RUNNING");
        emulator.setSnapshotStatus(PROJECT_ID, "orders", "5f4e3d2c1b0a998877665546", "completed");

        expect((await getFlex(flexPath("payments", "6a721bebc2973a98f1546fc4"))).json.status).toBe("COMPLETED");
        expect((await getServerless(serverlessPath("inventory", "6a7944f22c88faeba59d3572"))).json.status).toBe(
            "inProgress",
        );
        expect((await getServerless(serverlessPath("orders", "5f4e3d2c1b0a998877665546"))).json.status).toBe(
            "completed",
        );
    });

    test("refuses a status from the other vocabulary, or a snapshot that does not exist", () => {
        expect(() =>
            emulator.setSnapshotStatus(PROJECT_ID, "payments", "6a721bebc2973a98f1546fc4", "completed"),
        ).toThrow(/not a Flex status/);
        expect(() => emulator.setSnapshotStatus(PROJECT_ID, "orders", "5f4e3d2c1b0a998877665546", "RUNNING")).toThrow(
            /not a serverless status/,
        );
        expect(() => emulator.setSnapshotStatus(PROJECT_ID, "orders", "ffffffffffffffffffffffff", "failed")).toThrow(
            /No snapshot/,
        );
        expect(() =>
            emulator.setSnapshotStatus(PROJECT_ID, "analytics", "ffffffffffffffffffffffff", "failed"),
        ).toThrow();
    });
});
