// The API shapes the client reads, checked against bodies Atlas really sent (recorded-http-responses.txt) and
// against the spec's patterns and vocabularies.
import {
    ATLAS_ID_PATTERN,
    CLUSTER_NAME_PATTERN,
    FLEX_STATUSES,
    FREQUENCY_TYPES,
    SERVERLESS_STATUSES,
    SNAPSHOT_TYPES,
    apiErrorSchema,
    clusterSnapshotPageSchema,
    clusterSnapshotSchema,
    shardedClusterSnapshotSchema,
    errorBodySchema,
    flexSnapshotPageSchema,
    flexSnapshotSchema,
    serverlessSnapshotPageSchema,
    serverlessSnapshotSchema,
    tokenResponseSchema,
} from "../../../provider/atlas/schemas";

// TestFlexBackup/Snapshot_Describe, verbatim.
const FLEX_SNAPSHOT = {
    expiration: "2026-08-10T17:05:10Z",
    finishTime: "2026-08-02T17:06:56Z",
    id: "6a6f78e0cab84da5c4476b25",
    mongoDBVersion: "8.0.29",
    scheduledTime: "2026-08-02T17:05:10Z",
    startTime: "2026-08-02T17:05:37Z",
    status: "COMPLETED",
};

// Every field of ServerlessBackupSnapshot (2023-01-01), as the spec's example lists them.
const SERVERLESS_SNAPSHOT = {
    createdAt: "2026-08-02T17:05:37Z",
    expiresAt: "2026-08-10T17:05:10+02:00",
    frequencyType: "daily",
    id: "5f4e3d2c1b0a998877665544",
    links: [{ href: "https://cloud.mongodb.com/api/atlas/v2/groups/x", rel: "self" }],
    mongodVersion: "8.0.29",
    serverlessInstanceName: "orders",
    snapshotType: "scheduled",
    status: "completed",
    storageSizeBytes: 73400320,
};

// A dedicated replica set's on-demand snapshot, completed, as Atlas answered it (recorded by MongoDB's CLI tests,
// Watch_creation call 4), verbatim: `frequencyType: "ondemand"` is outside the spec's enum.
const CLUSTER_SNAPSHOT = {
    cloudProvider: "AWS",
    copyRegions: [],
    createdAt: "2026-08-10T03:28:08Z",
    description: "test-snapshot",
    expiresAt: "2026-08-11T03:29:21Z",
    frequencyType: "ondemand",
    id: "6a7944f22c88faeba59d3572",
    links: [
        {
            href: "http://localhost:8080/api/atlas/v2/groups/b0123456789abcdef012345b/clusters/cluster-209/backup/snapshots/6a7944f22c88faeba59d3572",
            rel: "self",
        },
        {
            href: "http://localhost:8080/api/atlas/v2/groups/b0123456789abcdef012345b/clusters/cluster-209",
            rel: "https://cloud.mongodb.com/cluster",
        },
    ],
    mongodVersion: "8.0.29",
    policyItems: [],
    replicaSetName: "cluster-209",
    snapshotType: "onDemand",
    status: "completed",
    storageSizeBytes: 1582854144,
    type: "replicaSet",
};

describe("the vocabularies", () => {
    test("are the spec's enums, in its order", () => {
        expect(SERVERLESS_STATUSES).toStrictEqual(["queued", "inProgress", "completed", "failed"]);
        expect(FLEX_STATUSES).toStrictEqual(["PENDING", "QUEUED", "RUNNING", "FAILED", "COMPLETED"]);
        expect(FREQUENCY_TYPES).toStrictEqual(["hourly", "daily", "weekly", "monthly"]);
        expect(SNAPSHOT_TYPES).toStrictEqual(["onDemand", "scheduled"]);
    });
});

describe("ATLAS_ID_PATTERN", () => {
    test.each([
        ["6a6f78e0cab84da5c4476b25", true],
        ["000000000000000000000000", true],
        ["6A6F78E0CAB84DA5C4476B25", false],
        ["6a6f78e0cab84da5c4476b2", false],
        ["6a6f78e0cab84da5c4476b255", false],
        ["x6a6f78e0cab84da5c4476b25", false],
        ["6a6f78e0cab84da5c4476b2g", false],
        ["", false],
    ])("%p: %s", (id, expected) => {
        expect(ATLAS_ID_PATTERN.test(id)).toBe(expected);
    });
});

describe("CLUSTER_NAME_PATTERN", () => {
    test.each([
        ["orders", true],
        ["Cluster0", true],
        ["cluster-209", true],
        ["0a", true],
        ["a", true],
        ["-orders", false],
        ["orders_1", false],
        ["orders.x", false],
        ["ord ers", false],
        ["", false],
    ])("%p: %s", (name, expected) => {
        expect(CLUSTER_NAME_PATTERN.test(name)).toBe(expected);
    });
});

describe("snapshot schemas", () => {
    test("read a Flex snapshot Atlas sent, every field kept", () => {
        expect(flexSnapshotSchema.parse(FLEX_SNAPSHOT)).toStrictEqual(FLEX_SNAPSHOT);
    });

    test("read a serverless snapshot with every field, offsets in dates included", () => {
        expect(serverlessSnapshotSchema.parse(SERVERLESS_SNAPSHOT)).toStrictEqual(SERVERLESS_SNAPSHOT);
    });

    test("read a dedicated cluster's snapshot Atlas sent, `ondemand` and every other field kept", () => {
        expect(clusterSnapshotSchema.parse(CLUSTER_SNAPSHOT)).toStrictEqual(CLUSTER_SNAPSHOT);
        expect(clusterSnapshotPageSchema.parse({ results: [CLUSTER_SNAPSHOT], totalCount: 1 }).results).toHaveLength(1);
    });

    test("read words outside the specs' enums rather than refuse the answer", () => {
        const words = { frequencyType: "fortnightly", snapshotType: "manual", status: "archiving", type: "geo" };
        expect(clusterSnapshotSchema.parse(words)).toStrictEqual(words);
        expect(serverlessSnapshotSchema.parse({ frequencyType: "ondemand" })).toStrictEqual({
            frequencyType: "ondemand",
        });
    });

    test("read a sharded cluster's snapshot with its members; a member needs its three fields", () => {
        const sharded = {
            id: "6b3a0c1d2e3f405162738495",
            type: "shardedCluster",
            configServerType: "EMBEDDED",
            members: [{ cloudProvider: "AWS", id: "6b3a0c1d2e3f405162738496", replicaSetName: "ledger-shard-0" }],
            snapshotIds: ["6b3a0c1d2e3f405162738496"],
        };
        expect(shardedClusterSnapshotSchema.parse(sharded)).toStrictEqual(sharded);
        expect(shardedClusterSnapshotSchema.safeParse({ members: [{ id: "6b3a0c1d2e3f405162738496" }] }).success).toBe(
            false,
        );
    });

    test.each<[string, Record<string, unknown>]>([
        ["an id of the wrong form", { id: "6a6f78e0" }],
        ["a date that is not ISO 8601", { createdAt: "10 Aug 2026" }],
        ["a size as a string", { storageSizeBytes: "0" }],
        ["copy regions that are not a list", { copyRegions: "us-east-1" }],
    ])("refuse a dedicated cluster's snapshot with %s", (_case, body) => {
        expect(clusterSnapshotSchema.safeParse(body).success).toBe(false);
    });

    test("read an empty object: every field is optional in the spec", () => {
        expect(serverlessSnapshotSchema.parse({})).toStrictEqual({});
        expect(flexSnapshotSchema.parse({})).toStrictEqual({});
    });

    test.each<[string, Record<string, unknown>]>([
        ["an id of the wrong form", { id: "6a6f78e0" }],
        ["a date that is not ISO 8601", { createdAt: "2 Aug 2026" }],
        ["a status of the Flex vocabulary", { status: "COMPLETED" }],
        ["a negative size", { storageSizeBytes: -1 }],
        ["a fractional size", { storageSizeBytes: 1.5 }],
        ["a size as a string", { storageSizeBytes: "73400320" }],
        ["links that are not a list", { links: { rel: "self" } }],
    ])("refuse a serverless snapshot with %s", (_case, body) => {
        expect(serverlessSnapshotSchema.safeParse(body).success).toBe(false);
    });

    test.each<[string, Record<string, unknown>]>([
        ["a status of the serverless vocabulary", { status: "completed" }],
        ["an expiration that is not a date", { expiration: "soon" }],
        ["an id with capitals", { id: "6A6F78E0CAB84DA5C4476B25" }],
    ])("refuse a Flex snapshot with %s", (_case, body) => {
        expect(flexSnapshotSchema.safeParse(body).success).toBe(false);
    });
});

describe("page schemas", () => {
    test("read a page of Flex snapshots as Atlas sent it", () => {
        const page = {
            links: [
                { href: "http://localhost:8080/api/atlas/v2/groups/b0/flexClusters/c/backup/snapshots", rel: "self" },
            ],
            results: [FLEX_SNAPSHOT],
            totalCount: 8,
        };

        expect(flexSnapshotPageSchema.parse(page)).toStrictEqual(page);
    });

    test("read a page without links or count, but never one without results", () => {
        expect(serverlessSnapshotPageSchema.parse({ results: [SERVERLESS_SNAPSHOT] })).toStrictEqual({
            results: [SERVERLESS_SNAPSHOT],
        });
        expect(serverlessSnapshotPageSchema.safeParse({ totalCount: 0 }).success).toBe(false);
    });

    test.each([
        ["a negative count", { results: [], totalCount: -1 }],
        ["a fractional count", { results: [], totalCount: 2.5 }],
        ["a result of the other shape", { results: [{ status: "COMPLETED" }] }],
    ])("refuse a page with %s", (_case, page) => {
        expect(serverlessSnapshotPageSchema.safeParse(page).success).toBe(false);
    });
});

describe("apiErrorSchema", () => {
    test.each([
        [
            "Atlas's 400 for a non-Flex cluster",
            {
                detail: "Cannot use non-flex cluster cluster-209 in the flex API.",
                error: 400,
                errorCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API",
                parameters: ["cluster-209"],
                reason: "Bad Request",
            },
        ],
        [
            "a 400 naming the fields at fault",
            {
                error: 400,
                errorCode: "INVALID_ATTRIBUTE",
                detail: null,
                reason: null,
                badRequestDetail: { fields: [{ description: "must be positive", field: "pageNum" }] },
            },
        ],
    ])("reads %s", (_case, body) => {
        expect(apiErrorSchema.parse(body)).toStrictEqual(body);
    });

    test.each([
        ["no errorCode, as the digest 401 body", { error: 401, reason: "Unauthorized", detail: "Not authorized." }],
        ["a status that is a string", { error: "404", errorCode: "CLUSTER_NOT_FOUND" }],
        ["parameters that are not a list", { error: 404, errorCode: "X", parameters: "a" }],
        [
            "a field without its description",
            { error: 400, errorCode: "X", badRequestDetail: { fields: [{ field: "a" }] } },
        ],
    ])("refuses %s", (_case, body) => {
        expect(apiErrorSchema.safeParse(body).success).toBe(false);
    });
});

describe("errorBodySchema", () => {
    test("reads every field of an ApiError the client shows", () => {
        const body = { error: 404, errorCode: "CLUSTER_NOT_FOUND", detail: "No cluster.", reason: "Not Found" };

        expect(errorBodySchema.parse(body)).toStrictEqual(body);
    });

    test("keeps each field it can read and drops, alone, each one of the wrong type", () => {
        expect(
            errorBodySchema.parse({ error: "401", errorCode: 7, detail: "Token expired.", reason: 3 }),
        ).toStrictEqual({ error: undefined, errorCode: undefined, detail: "Token expired.", reason: undefined });
        expect(errorBodySchema.parse({ error: 401, errorCode: "X", detail: [], reason: "Unauthorized" })).toStrictEqual(
            {
                error: 401,
                errorCode: "X",
                detail: undefined,
                reason: "Unauthorized",
            },
        );
    });
});

describe("tokenResponseSchema", () => {
    test("reads the token endpoint's answer", () => {
        const body = { access_token: "eyJ.x.y", token_type: "Bearer", expires_in: 3600 };

        expect(tokenResponseSchema.parse(body)).toStrictEqual(body);
    });

    test.each([
        ["an empty token", { access_token: "", token_type: "Bearer", expires_in: 3600 }],
        ["no token type", { access_token: "t", expires_in: 3600 }],
        ["a lifetime of zero", { access_token: "t", token_type: "Bearer", expires_in: 0 }],
        ["a lifetime as a string", { access_token: "t", token_type: "Bearer", expires_in: "3600" }],
    ])("refuses %s", (_case, body) => {
        expect(tokenResponseSchema.safeParse(body).success).toBe(false);
    });
});
