// The one place that turns a failed read into a message a person can act on.
import axios from "axios";
import { createAuthenticator } from "../../provider/atlas/auth";
import { snapshotPath } from "../../provider/atlas/endpoints";
import type { SnapshotApi } from "../../provider/atlas/endpoints";
import { AtlasRequestError } from "../../provider/atlas/failure";
import type { Failure } from "../../provider/atlas/failure";
import { resolveSettings } from "../../provider/atlas/settings";
import { describeKey, explainRead, explainRequest } from "../../provider/snapshots/explain";
import type { ReadContext } from "../../provider/snapshots/explain";

const key = {
    projectId: "32b6e34b3d91647abb20e7b8",
    instanceName: "orders",
    snapshotId: "6a6f78e0cab84da5c4476b25",
};

const CLIENT_SECRET = "mdb_sa_sk_SECRET-CLIENT-SECRET-5e6f";
const CLIENT_ID = "mdb_sa_id_SECRET-CLIENT-ID-3c4d";

/** The credential in words, as the client describes the configured service account. */
const credential = createAuthenticator(
    resolveSettings(undefined, { MONGODB_ATLAS_CLIENT_ID: CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET: CLIENT_SECRET }),
    axios.create(),
).description;

const context: ReadContext = { key, credential };

function requestError(api: SnapshotApi, failure: Failure, attempts = 1): AtlasRequestError {
    const path = snapshotPath(api, key.projectId, key.instanceName, key.snapshotId);
    return new AtlasRequestError(failure, { method: "GET", host: "cloud.mongodb.com", path }, attempts);
}

function http(status: number, errorCode?: string, detail?: string, retryAfterSeconds?: number): Failure {
    return { kind: "http", status, errorCode, detail, retryAfterSeconds };
}

const FLEX_PATH =
    "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/flexClusters/orders/backup/snapshots/6a6f78e0cab84da5c4476b25";
const SERVERLESS_PATH =
    "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/serverless/orders/backup/snapshots/6a6f78e0cab84da5c4476b25";

describe("describeKey", () => {
    test("names the snapshot, the instance and the project", () => {
        expect(describeKey(key)).toBe(
            'snapshot 6a6f78e0cab84da5c4476b25 of "orders" in project 32b6e34b3d91647abb20e7b8',
        );
    });
});

describe("explainRead with one endpoint", () => {
    test("starts with what was asked and names the endpoint and Atlas's answer", () => {
        const message = explainRead(context, [{ api: "flex", error: requestError("flex", http(404)) }]);

        expect(message).toMatch(
            /^Could not read snapshot 6a6f78e0cab84da5c4476b25 of "orders" in project 32b6e34b3d91647abb20e7b8\. /,
        );
        expect(message).toContain(`The Flex snapshot API (GET ${FLEX_PATH}): Atlas answered 404.`);
    });

    test("on 401, names the credential in words but never its value", () => {
        const error = requestError("flex", http(401, "UNAUTHORIZED", "You are not authorized for this resource."));

        const message = explainRead(context, [{ api: "flex", error }]);

        expect(message).toContain(
            "Atlas refused the service account from environment variable MONGODB_ATLAS_CLIENT_ID and " +
                "environment variable MONGODB_ATLAS_CLIENT_SECRET.",
        );
        expect(message).not.toContain(CLIENT_SECRET);
        expect(message).not.toContain(CLIENT_ID);
    });

    test("on 403, points at the Project Read Only role and the API access list", () => {
        const message = explainRead(context, [{ api: "flex", error: requestError("flex", http(403, "FORBIDDEN")) }]);

        expect(message).toContain("may not read project 32b6e34b3d91647abb20e7b8");
        expect(message).toContain("Project Read Only");
        expect(message).toContain("API access list");
    });

    test.each<[string, SnapshotApi, string | undefined, string]>([
        [
            "the project (GROUP_NOT_FOUND)",
            "flex",
            "GROUP_NOT_FOUND",
            "Project 32b6e34b3d91647abb20e7b8 does not exist, or the credential cannot see it.",
        ],
        [
            "the Flex cluster (CLUSTER_NOT_FOUND)",
            "flex",
            "CLUSTER_NOT_FOUND",
            'No cluster named "orders" exists in project 32b6e34b3d91647abb20e7b8.',
        ],
        [
            "the serverless instance (SERVERLESS_INSTANCE_NOT_FOUND)",
            "serverless",
            "SERVERLESS_INSTANCE_NOT_FOUND",
            'No serverless instance named "orders" exists in project 32b6e34b3d91647abb20e7b8.',
        ],
        [
            "the snapshot (no code)",
            "flex",
            undefined,
            'Snapshot 6a6f78e0cab84da5c4476b25 was not found for "orders": it may have expired or been deleted.',
        ],
        [
            "the snapshot (an unknown code)",
            "flex",
            "RESOURCE_NOT_FOUND",
            'Snapshot 6a6f78e0cab84da5c4476b25 was not found for "orders": it may have expired or been deleted.',
        ],
    ])("on 404, says it was %s that was missing", (_case, api, errorCode, expected) => {
        const message = explainRead(context, [{ api, error: requestError(api, http(404, errorCode)) }]);

        expect(message).toContain(expected);
    });

    test.each([
        ["no code", undefined],
        ["SERVERLESS_INSTANCE_NOT_FOUND", "SERVERLESS_INSTANCE_NOT_FOUND"],
        ["CLUSTER_NOT_FOUND", "CLUSTER_NOT_FOUND"],
        ["GROUP_NOT_FOUND", "GROUP_NOT_FOUND"],
    ])("on a serverless 404 with %s, mentions the endpoint's 2026-01-22 sunset", (_case, errorCode) => {
        const error = requestError("serverless", http(404, errorCode));

        const message = explainRead(context, [{ api: "serverless", error }]);

        expect(message).toContain("The serverless snapshot endpoint passed its sunset on 2026-01-22");
    });

    test("on a Flex 404, says nothing of the serverless sunset", () => {
        const message = explainRead(context, [{ api: "flex", error: requestError("flex", http(404)) }]);

        expect(message).not.toContain("sunset");
    });

    test("on 410, explains the serverless sunset", () => {
        const error = requestError("serverless", http(410, "VERSION_GONE"));

        const message = explainRead(context, [{ api: "serverless", error }]);

        expect(message).toContain(
            `The serverless snapshot API (GET ${SERVERLESS_PATH}): Atlas answered 410 VERSION_GONE.`,
        );
        expect(message).toContain(
            "The serverless snapshot endpoint passed its sunset on 2026-01-22; Atlas may answer 404 or 410",
        );
    });

    test("on 429, says it was rate-limited, names the endpoint path and ATLAS_MAX_CONCURRENCY", () => {
        const error = requestError("flex", http(429, "RATE_LIMITED", undefined, 20), 4);

        const message = explainRead(context, [{ api: "flex", error }]);

        expect(message).toContain(`(GET ${FLEX_PATH}): Atlas answered 429 RATE_LIMITED.`);
        expect(message).toContain("Atlas rate-limited the request after 4 attempts and asked to wait 20 s.");
        expect(message).toContain("ATLAS_MAX_CONCURRENCY");
    });

    test("on 429 without Retry-After, does not invent a wait", () => {
        const message = explainRead(context, [{ api: "flex", error: requestError("flex", http(429)) }]);

        expect(message).not.toContain("asked to wait");
        expect(message).not.toContain("attempts");
    });

    test.each([500, 502, 503, 504])("on %d, says Atlas failed after the attempts made", (status) => {
        const message = explainRead(context, [{ api: "flex", error: requestError("flex", http(status), 4) }]);

        expect(message).toContain(`Atlas answered ${status}.`);
        expect(message).toContain("Atlas failed after 4 attempts; it may be degraded. Try again later.");
    });

    test("on 406, names the version that was not accepted", () => {
        const error = requestError("flex", http(406, "INVALID_VERSION_DATE"));

        expect(explainRead(context, [{ api: "flex", error }])).toContain(
            "Atlas did not accept version 2024-11-13 of the Flex snapshot API.",
        );
    });

    test("on a network failure, names the host and the attempts", () => {
        const error = requestError("flex", { kind: "network", code: "ECONNREFUSED" }, 3);

        const message = explainRead(context, [{ api: "flex", error }]);

        expect(message).toContain("the connection failed (ECONNREFUSED).");
        expect(message).toContain("Could not reach cloud.mongodb.com after 3 attempts.");
        expect(message).toContain("base URL");
    });

    test("on a timeout, names the limit and ATLAS_REQUEST_TIMEOUT", () => {
        const error = requestError("serverless", { kind: "timeout", timeoutMs: 10_000 }, 4);

        const message = explainRead(context, [{ api: "serverless", error }]);

        expect(message).toContain("no answer within 10 s.");
        expect(message).toContain("Atlas did not answer after 4 attempts.");
        expect(message).toContain("ATLAS_REQUEST_TIMEOUT");
    });

    test("on a timeout before the proxy opened the tunnel, names the proxy and its variable, not Atlas", () => {
        const error = requestError(
            "serverless",
            {
                kind: "timeout",
                timeoutMs: 2_000,
                tunnel: {
                    proxy: { address: "127.0.0.1:3128", variable: "HTTPS_PROXY" },
                    stage: "awaiting CONNECT answer",
                },
            },
            2,
        );

        const message = explainRead(context, [{ api: "serverless", error }]);

        expect(message).toContain(
            "the proxy 127.0.0.1:3128 from HTTPS_PROXY accepted the connection but did not answer CONNECT within 2 s.",
        );
        expect(message).toContain("The tunnel to cloud.mongodb.com never opened after 2 attempts.");
        expect(message).toContain("fix HTTPS_PROXY, or list the host in NO_PROXY to connect directly.");
        expect(message).not.toMatch(/Atlas did not answer|ATLAS_REQUEST_TIMEOUT/);
    });

    test("on an unexpected answer, shows its start and the API version expected", () => {
        const failure: Failure = {
            kind: "unexpected",
            status: 200,
            problem: "the answer is not JSON",
            excerpt: "<html>",
        };

        const message = explainRead(context, [{ api: "flex", error: requestError("flex", failure) }]);

        expect(message).toContain(
            'unexpected answer from Atlas (HTTP 200): the answer is not JSON; it began "<html>".',
        );
        expect(message).toContain("expects version 2024-11-13 of the Flex snapshot API");
    });
});

describe("explainRead with both endpoints", () => {
    const notFlex = requestError(
        "flex",
        http(400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", "Cannot use non-flex cluster orders in the flex API."),
    );

    test.each([
        ["404 without a code", http(404), "Atlas answered 404."],
        [
            "404 SERVERLESS_INSTANCE_NOT_FOUND",
            http(404, "SERVERLESS_INSTANCE_NOT_FOUND"),
            "Atlas answered 404 SERVERLESS_INSTANCE_NOT_FOUND.",
        ],
        ["410 VERSION_GONE", http(410, "VERSION_GONE"), "Atlas answered 410 VERSION_GONE."],
    ])("explains Flex's 400 then the serverless %s, and the sunset", (_case, serverlessFailure, serverlessAnswer) => {
        const message = explainRead(context, [
            { api: "flex", error: notFlex },
            { api: "serverless", error: requestError("serverless", serverlessFailure) },
        ]);

        expect(message).toMatch(/^Could not read snapshot 6a6f78e0cab84da5c4476b25 of "orders"/);
        expect(message).toContain(
            `It is not readable as a Flex cluster: The Flex snapshot API (GET ${FLEX_PATH}): Atlas answered 400 ` +
                "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API: Cannot use non-flex cluster orders in the flex API.",
        );
        expect(message).toContain(
            `So it was read as a serverless instance: The serverless snapshot API (GET ${SERVERLESS_PATH}): ` +
                serverlessAnswer,
        );
        expect(message).toContain("passed its sunset on 2026-01-22");
    });
});

describe("explainRequest", () => {
    test("explains one request on its own, without the read's head", () => {
        const message = explainRequest(requestError("flex", http(503)), "flex", context);

        expect(message).toBe(
            `The Flex snapshot API (GET ${FLEX_PATH}): Atlas answered 503. Atlas failed; it may be degraded. Try again later.`,
        );
    });

    test("ends a sentence once when Atlas's detail already ends with a full stop", () => {
        const error = requestError(
            "flex",
            http(404, "GROUP_NOT_FOUND", "No group with ID 32b6e34b3d91647abb20e7b8 exists."),
        );

        const message = explainRequest(error, "flex", context);

        expect(message).toContain(
            "Atlas answered 404 GROUP_NOT_FOUND: No group with ID 32b6e34b3d91647abb20e7b8 exists. ",
        );
        expect(message).not.toContain("..");
    });

    test("points at the arguments for any other client error", () => {
        const message = explainRequest(requestError("flex", http(400, "INVALID_ATTRIBUTE")), "flex", context);

        expect(message).toContain("Check the arguments against Atlas's documentation for this endpoint.");
    });
});
