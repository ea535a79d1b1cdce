// The cluster API's snapshot routes, answered as Atlas answers them: the recorded bodies of a dedicated replica set's
// snapshot (MongoDB's CLI end-to-end recordings, copied here), the spec's shapes, a sharded cluster on both route
// families, the errors for names of other families, a snapshot's life, and the Atlas CLI's own sequence of requests.
import { startEmulator, type AtlasEmulator } from "../../emulator";
import { defaultSeed } from "../../emulator";
import {
    clusterSnapshotPageSchema,
    clusterSnapshotSchema,
    shardedClusterSnapshotPageSchema,
    shardedClusterSnapshotSchema,
} from "../../provider/atlas/schemas";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";
import {
    FLEX_ACCEPT,
    PROJECT_ID,
    SERVERLESS_ACCEPT,
    UNKNOWN_PROJECT_ID,
    getWithToken,
    http,
    issueToken,
} from "./support";

useEmulatorWithToken();

const CLUSTER_ACCEPT = "application/vnd.atlas.2023-01-01+json";
const ATLAS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const clusterPath = (name: string, rest = "") =>
    `/api/atlas/v2/groups/${PROJECT_ID}/clusters/${name}/backup/snapshots${rest}`;
const get = (path: string, accept = CLUSTER_ACCEPT) => getWithToken(emulator, path, token, accept);

// Recorded from Atlas (TestSnapshots, M10 replica set cluster-209): the POST's answer (queued), watch call 1
// (inProgress) and call 4 (completed), keys in Atlas's order, links left out.
const RECORDED = {
    queued: {
        copyRegions: [],
        description: "test-snapshot",
        expiresAt: "2026-08-11T03:26:42Z",
        frequencyType: "ondemand",
        id: "6a7944f22c88faeba59d3572",
        policyItems: [],
        replicaSetName: "cluster-209",
        snapshotType: "onDemand",
        status: "queued",
        storageSizeBytes: 0,
        type: "replicaSet",
    },
    completed: {
        cloudProvider: "AWS",
        copyRegions: [],
        createdAt: "2026-08-10T03:28:08Z",
        description: "test-snapshot",
        expiresAt: "2026-08-11T03:29:21Z",
        frequencyType: "ondemand",
        id: "6a7944f22c88faeba59d3572",
        mongodVersion: "8.0.29",
        policyItems: [],
        replicaSetName: "cluster-209",
        snapshotType: "onDemand",
        status: "completed",
        storageSizeBytes: 1582854144,
        type: "replicaSet",
    },
};
// The recorded list's self link: `includeCount=true&pageNum=1&itemsPerPage=100`, and `totalCount`, no `status`.
const RECORDED_LIST_SELF = "/backup/snapshots?includeCount=true&pageNum=1&itemsPerPage=100";

/** The body's keys, sorted; for comparing shapes, not values. */
const keys = (value: object) => Object.keys(value).sort();

describe("a dedicated replica set's snapshots", () => {
    test("a completed snapshot has exactly the recorded fields, in Atlas's key order, and both recorded links", async () => {
        const answer = await get(clusterPath("analytics", "/6b2c1e0a9f3d4b5a6c7d8e03"));

        expect(answer.status).toBe(200);
        expect(answer.headers["content-type"]).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
        const { links, ...body } = answer.json;
        expect(Object.keys(body)).toEqual(keys(RECORDED.completed));
        expect(body).toMatchObject({
            cloudProvider: "AWS",
            createdAt: expect.stringMatching(ATLAS_TIME),
            frequencyType: "ondemand",
            snapshotType: "onDemand",
            status: "completed",
            type: "replicaSet",
            replicaSetName: "atlas-analytics-shard-0",
        });
        expect(links).toEqual([
            { href: `${emulator.url}${clusterPath("analytics", "/6b2c1e0a9f3d4b5a6c7d8e03")}`, rel: "self" },
            {
                href: `${emulator.url}/api/atlas/v2/groups/${PROJECT_ID}/clusters/analytics`,
                rel: "https://cloud.mongodb.com/cluster",
            },
        ]);
        expect(clusterSnapshotSchema.safeParse(answer.json).success).toBe(true);
    });

    test("the list pages as the recorded list does: self link with the paging, totalCount, every body in the spec", async () => {
        const answer = await get(clusterPath("analytics") + "?includeCount=true&itemsPerPage=100&pageNum=1");

        expect(answer.status).toBe(200);
        expect(keys(answer.json)).toEqual(["links", "results", "totalCount"]);
        expect(answer.json.links).toEqual([
            { href: `${emulator.url}${clusterPath("analytics")}${RECORDED_LIST_SELF.slice(17)}`, rel: "self" },
        ]);
        expect(answer.json.totalCount).toBe(5);
        expect(clusterSnapshotPageSchema.safeParse(answer.json).success).toBe(true);
        const ids = answer.json.results.map((s: { id: string }) => s.id);
        expect(ids).toContain("6b2c1e0a9f3d4b5a6c7d8e01");

        const second = await get(clusterPath("analytics") + "?itemsPerPage=2&pageNum=2");
        expect(second.json.results).toHaveLength(2);
        expect(second.json.links.map((l: { rel: string }) => l.rel)).toEqual(["previous", "self", "next"]);
        expect((await get(clusterPath("analytics") + "?itemsPerPage=501")).status).toBe(400);
    });

    test("a snapshot still running has no createdAt and a size of 0", async () => {
        const answer = await get(clusterPath("analytics", "/6b2c1e0a9f3d4b5a6c7d8e05"));

        expect(answer.json.status).toBe("inProgress");
        expect(answer.json).not.toHaveProperty("createdAt");
        expect(answer.json.storageSizeBytes).toBe(0);
    });

    test("a resource version after 2023-01-01 is answered with it; one before, 406", async () => {
        expect((await get(clusterPath("analytics"), FLEX_ACCEPT)).status).toBe(200);
        const early = await get(clusterPath("analytics"), "application/vnd.atlas.2022-01-01+json");
        expect(early.status).toBe(406);
        expect(early.json.errorCode).toBe("INVALID_VERSION_DATE");
    });

    test("envelope=true wraps a snapshot as the other routes do", async () => {
        const answer = await get(clusterPath("analytics", "/6b2c1e0a9f3d4b5a6c7d8e01?envelope=true"));
        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ status: 200, content: { id: "6b2c1e0a9f3d4b5a6c7d8e01" } });
    });
});

describe("a sharded cluster's snapshots", () => {
    test("the replica-set routes serve them with type shardedCluster and without members", async () => {
        const answer = await get(clusterPath("ledger", "/6b2c1e0a9f3d4b5a6c7d8f10"));

        expect(answer.status).toBe(200);
        expect(answer.json.type).toBe("shardedCluster");
        for (const field of ["members", "replicaSetName", "cloudProvider", "snapshotIds"]) {
            expect(answer.json).not.toHaveProperty(field);
        }
        expect(clusterSnapshotSchema.safeParse(answer.json).success).toBe(true);
    });

    test("the sharded routes add the members, their snapshot ids and the config server", async () => {
        const one = await get(clusterPath("ledger", "/shardedCluster/6b2c1e0a9f3d4b5a6c7d8f10"));

        expect(one.status).toBe(200);
        expect(shardedClusterSnapshotSchema.safeParse(one.json).success).toBe(true);
        expect(one.json).toMatchObject({
            configServerType: "EMBEDDED",
            type: "shardedCluster",
            members: [
                { cloudProvider: "AWS", id: "6b2c1e0a9f3d4b5a6c7d8f11", replicaSetName: "atlas-ledger-shard-0" },
                { cloudProvider: "AWS", id: "6b2c1e0a9f3d4b5a6c7d8f12", replicaSetName: "atlas-ledger-shard-1" },
                { cloudProvider: "AWS", id: "6b2c1e0a9f3d4b5a6c7d8f13", replicaSetName: "atlas-ledger-config-0" },
            ],
            snapshotIds: ["6b2c1e0a9f3d4b5a6c7d8f11", "6b2c1e0a9f3d4b5a6c7d8f12", "6b2c1e0a9f3d4b5a6c7d8f13"],
        });

        const list = await get(clusterPath("ledger", "/shardedClusters?itemsPerPage=1"));
        expect(list.status).toBe(200);
        expect(shardedClusterSnapshotPageSchema.safeParse(list.json).success).toBe(true);
        // The spec gives this route no paging: every snapshot comes at once, paging parameters or not.
        expect(list.json.results).toHaveLength(3);
        expect(list.json.totalCount).toBe(3);
    });

    test("the sharded routes refuse a replica set, naming the route to use", async () => {
        const answer = await get(clusterPath("analytics", "/shardedClusters"));

        expect(answer.status).toBe(400);
        expect(answer.json.errorCode).toBe("INCORRECT_BACKUP_API_ENDPOINT");
        expect(answer.json.detail).toContain(`(${clusterPath("analytics")})`);
    });
});

describe("errors", () => {
    test.each([
        [
            "a Flex cluster",
            "payments",
            400,
            "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API",
            "Flex cluster payments cannot be used in the Cluster API.",
        ],
        [
            "a serverless instance",
            "orders",
            400,
            "CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API",
            "Serverless instance orders cannot be used in the Cluster API.",
        ],
        [
            "an unknown name",
            "nothing",
            404,
            "CLUSTER_NOT_FOUND",
            `No cluster named nothing exists in group ${PROJECT_ID}.`,
        ],
    ])("%s on the cluster API", async (_case, name, status, errorCode, detail) => {
        for (const path of [clusterPath(name), clusterPath(name, "/6b2c1e0a9f3d4b5a6c7d8e01")]) {
            const answer = await get(path);
            expect([answer.status, answer.json.errorCode, answer.json.detail]).toEqual([status, errorCode, detail]);
            expect(answer.headers["x-error-code"]).toBe(errorCode);
            expect(answer.json.parameters?.[0]).toBe(name);
        }
    });

    test("a snapshot the cluster does not have: 404 SNAPSHOT_NOT_FOUND", async () => {
        const answer = await get(clusterPath("analytics", "/0123456789abcdef01234567"));
        expect(answer.status).toBe(404);
        expect(answer.json).toMatchObject({
            errorCode: "SNAPSHOT_NOT_FOUND",
            detail: "No snapshot with ID 0123456789abcdef01234567 exists for cluster analytics.",
        });
    });

    test("an unknown project, a malformed id and a missing credential answer as on the other routes", async () => {
        const unknown = await get(`/api/atlas/v2/groups/${UNKNOWN_PROJECT_ID}/clusters/analytics/backup/snapshots`);
        expect(unknown.json.errorCode).toBe("GROUP_NOT_FOUND");
        const malformed = await get(clusterPath("analytics", "/not-an-id"));
        expect([malformed.status, malformed.json.errorCode]).toEqual([400, "INVALID_PARAMETER"]);
        const bare = await http(`${emulator.url}${clusterPath("analytics")}`);
        expect(bare.status).toBe(401);
    });

    test("the Flex routes refuse a dedicated cluster's name as non-Flex, as recorded", async () => {
        for (const name of ["analytics", "ledger"]) {
            const answer = await get(
                `/api/atlas/v2/groups/${PROJECT_ID}/flexClusters/${name}/backup/snapshots`,
                FLEX_ACCEPT,
            );
            expect([answer.status, answer.json.errorCode]).toEqual([400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API"]);
        }
    });
});

describe("a snapshot's life", () => {
    let own: AtlasEmulator;
    let ownToken: string;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();

    beforeAll(async () => {
        own = await startEmulator({
            seed: {
                credentials: defaultSeed.credentials,
                projects: [
                    {
                        id: PROJECT_ID,
                        clusters: [
                            {
                                name: "cluster-209",
                                replicaSetName: "cluster-209",
                                snapshots: [
                                    {
                                        id: "6a7944f22c88faeba59d3572",
                                        description: "test-snapshot",
                                        expiresAt: "now+1d",
                                        frequencyType: "ondemand",
                                        mongodVersion: "8.0.29",
                                        snapshotType: "onDemand",
                                        startsAt: at(1500),
                                        completesAt: at(3000),
                                        storageSizeBytes: 1582854144,
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
        });
        ownToken = await issueToken(own);
    });
    afterAll(() => own.close());

    test("queued, then in progress, then completed, with the fields Atlas sends at each step", async () => {
        const read = async () =>
            (await getWithToken(own, clusterPath("cluster-209", "/6a7944f22c88faeba59d3572"), ownToken, CLUSTER_ACCEPT))
                .json;
        const withoutLinks = ({ links: _links, ...body }: Record<string, unknown>) => body;

        const queued = withoutLinks(await read());
        expect(keys(queued)).toEqual(keys(RECORDED.queued));
        expect(queued).toMatchObject({ status: "queued", storageSizeBytes: 0 });

        await new Promise((resolve) => setTimeout(resolve, 1700));
        const running = withoutLinks(await read());
        expect(running).toMatchObject({ status: "inProgress", storageSizeBytes: 0, mongodVersion: "8.0.29" });
        expect(running).not.toHaveProperty("createdAt");

        await new Promise((resolve) => setTimeout(resolve, 1600));
        const completed = withoutLinks(await read());
        expect(keys(completed)).toEqual(keys(RECORDED.completed));
        expect(completed).toMatchObject({ status: "completed", storageSizeBytes: 1582854144, cloudProvider: "AWS" });
    });

    test("the control API sets a dedicated cluster's snapshot's status, in the cluster API's words", async () => {
        const control = (body: unknown) =>
            http(`${own.url}/__emulator/snapshots/status`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify(body),
            });
        const body = { projectId: PROJECT_ID, instanceName: "cluster-209", snapshotId: "6a7944f22c88faeba59d3572" };

        expect((await control({ ...body, status: "failed" })).status).toBe(204);
        const answer = await getWithToken(
            own,
            clusterPath("cluster-209", "/6a7944f22c88faeba59d3572"),
            ownToken,
            CLUSTER_ACCEPT,
        );
        expect(answer.json.status).toBe("failed");
        expect((await control({ ...body, status: "FAILED" })).status).toBe(400);
    });
});

describe("MongoDB's Atlas CLI against the emulator", () => {
    // `atlas backups snapshots list <cluster>` and `describe <id> --clusterName <cluster>`: the Flex API first, and the
    // cluster API only when Flex answers one of these codes (internal/cli/backup/snapshots/snapshots.go).
    const FALLBACK = ["CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", "FEATURE_UNSUPPORTED", "CLUSTER_NOT_FOUND"];
    const QUERY = "?includeCount=true&itemsPerPage=100&pageNum=1";
    const headers = { "User-Agent": "AtlasCLI/1.46.0 (linux; amd64)" };
    const cliGet = (path: string, accept: string) => getWithToken(emulator, path, token, accept, headers);

    async function list(name: string) {
        const flex = await cliGet(
            `/api/atlas/v2/groups/${PROJECT_ID}/flexClusters/${name}/backup/snapshots${QUERY}`,
            FLEX_ACCEPT,
        );
        if (flex.status === 200) return { api: "flex", answer: flex };
        if (!FALLBACK.includes(flex.json.errorCode)) return { api: "error", answer: flex };
        return { api: "cluster", answer: await cliGet(clusterPath(name) + QUERY, CLUSTER_ACCEPT) };
    }

    test("list: a dedicated cluster's snapshots come from the cluster API after Flex's 400", async () => {
        const { api, answer } = await list("analytics");

        expect(api).toBe("cluster");
        expect(answer.status).toBe(200);
        expect(answer.json.results.map((s: { type: string }) => s.type)).toEqual(Array(5).fill("replicaSet"));
        // The CLI's table reads ID TYPE STATUS CREATED AT EXPIRES AT from each result.
        for (const snapshot of answer.json.results) {
            expect(snapshot).toHaveProperty("id");
            expect(snapshot).toHaveProperty("status");
        }
    });

    test("describe: the cluster API answers for the id after Flex's 400", async () => {
        const id = "6b2c1e0a9f3d4b5a6c7d8e01";
        const flex = await cliGet(
            `/api/atlas/v2/groups/${PROJECT_ID}/flexClusters/analytics/backup/snapshots/${id}`,
            FLEX_ACCEPT,
        );
        expect(FALLBACK).toContain(flex.json.errorCode);

        const answer = await cliGet(clusterPath("analytics", `/${id}`), CLUSTER_ACCEPT);
        expect([answer.status, answer.json.id, answer.json.status]).toEqual([200, id, "completed"]);
    });

    test("a Flex cluster is listed by the Flex API, and the cluster API is never asked", async () => {
        emulator.clearLog();
        const { api } = await list("payments");

        expect(api).toBe("flex");
        expect(emulator.requests().map((entry) => entry.route)).toEqual(["flexSnapshots"]);
    });

    test("the serverless API still refuses a dedicated cluster's name", async () => {
        const answer = await get(
            `/api/atlas/v2/groups/${PROJECT_ID}/serverless/analytics/backup/snapshots`,
            SERVERLESS_ACCEPT,
        );
        expect(answer.status).toBe(404);
    });
});
