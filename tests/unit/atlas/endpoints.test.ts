// Where each snapshot lives in the Atlas Admin API, and the resource version each route is asked for.
import {
    API_VERSIONS,
    ATLAS_BASE_URL,
    ATLAS_GOV_BASE_URL,
    SERVERLESS_SUNSET,
    TOKEN_PATH,
    acceptHeader,
    snapshotPath,
} from "../../../provider/atlas/endpoints";

const PROJECT = "32b6e34b3d91647abb20e7b8";
const SNAPSHOT = "6a6f78e0cab84da5c4476b25";

describe("snapshotPath", () => {
    test.each([
        [
            "one serverless snapshot",
            "serverless" as const,
            SNAPSHOT,
            `/api/atlas/v2/groups/${PROJECT}/serverless/orders/backup/snapshots/${SNAPSHOT}`,
        ],
        [
            "the serverless list",
            "serverless" as const,
            undefined,
            `/api/atlas/v2/groups/${PROJECT}/serverless/orders/backup/snapshots`,
        ],
        [
            "one Flex snapshot",
            "flex" as const,
            SNAPSHOT,
            `/api/atlas/v2/groups/${PROJECT}/flexClusters/orders/backup/snapshots/${SNAPSHOT}`,
        ],
        [
            "the Flex list",
            "flex" as const,
            undefined,
            `/api/atlas/v2/groups/${PROJECT}/flexClusters/orders/backup/snapshots`,
        ],
    ])("names %s", (_case, api, snapshotId, expected) => {
        expect(snapshotPath(api, PROJECT, "orders", snapshotId)).toBe(expected);
    });

    test("escapes every segment, so no value can reach another route", () => {
        expect(snapshotPath("flex", "a/b", "c?d", "e#f")).toBe(
            "/api/atlas/v2/groups/a%2Fb/flexClusters/c%3Fd/backup/snapshots/e%23f",
        );
    });
});

describe("acceptHeader", () => {
    test.each([
        ["serverless" as const, "application/vnd.atlas.2023-01-01+json"],
        ["flex" as const, "application/vnd.atlas.2024-11-13+json"],
    ])("asks the %s API for the version it defines", (api, expected) => {
        expect(acceptHeader(api)).toBe(expected);
        expect(acceptHeader(api)).toBe(`application/vnd.atlas.${API_VERSIONS[api]}+json`);
    });
});

describe("Atlas's addresses and dates", () => {
    test("are those of the API reference", () => {
        expect(ATLAS_BASE_URL).toBe("https://cloud.mongodb.com");
        expect(ATLAS_GOV_BASE_URL).toBe("https://cloud.mongodbgov.com");
        expect(TOKEN_PATH).toBe("/api/oauth/token");
        expect(SERVERLESS_SUNSET).toBe("2026-01-22");
    });
});
