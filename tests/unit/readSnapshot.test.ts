// When `api: auto` asks the serverless endpoint after the Flex one has answered.
import { AtlasRequestError } from "../../provider/atlas/failure";
import type { Failure } from "../../provider/atlas/failure";
import { shouldFallBack } from "../../provider/snapshots/read";

const flexRequest = {
    method: "GET",
    host: "cloud.mongodb.com",
    path: "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/flexClusters/orders/backup/snapshots/6a6f78e0cab84da5c4476b25",
};

describe("shouldFallBack", () => {
    test.each<[string, Failure, boolean]>([
        [
            "400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
            { kind: "http", status: 400, errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API" },
            true,
        ],
        ["400 FEATURE_UNSUPPORTED", { kind: "http", status: 400, errorCode: "FEATURE_UNSUPPORTED" }, true],
        ["404 CLUSTER_NOT_FOUND", { kind: "http", status: 404, errorCode: "CLUSTER_NOT_FOUND" }, true],
        ["404 RESOURCE_NOT_FOUND", { kind: "http", status: 404, errorCode: "RESOURCE_NOT_FOUND" }, false],
        ["404 GROUP_NOT_FOUND", { kind: "http", status: 404, errorCode: "GROUP_NOT_FOUND" }, false],
        ["404 without a code", { kind: "http", status: 404 }, false],
        ["401", { kind: "http", status: 401, errorCode: "UNAUTHORIZED" }, false],
        ["500", { kind: "http", status: 500, errorCode: "UNEXPECTED_ERROR" }, false],
        ["a network failure", { kind: "network", code: "ECONNRESET" }, false],
        ["a timeout", { kind: "timeout", timeoutMs: 10_000 }, false],
    ])("falls back to serverless after a Flex %s: %s", (_case, failure, expected) => {
        const error = new AtlasRequestError(failure, flexRequest, 1);

        expect(shouldFallBack(error)).toBe(expected);
    });

    test("does not fall back after an error that is not a request error", () => {
        expect(shouldFallBack(new Error("CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API"))).toBe(false);
    });
});
