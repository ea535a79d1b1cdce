// The client against answers that bend the API's rules, over real HTTP against the emulator: errors inside
// envelopes, lists whose pages and counts disagree, and error bodies without an errorCode.
import { AtlasClient, MAX_ITEMS_PER_PAGE } from "../../provider/atlas/client";
import type { AtlasClientOptions } from "../../provider/atlas/client";
import type { ClientSettings, Credentials } from "../../provider/atlas/settings";
import { validateArgs, validateListArgs } from "../../provider/snapshots/args";
import { readSnapshot, readSnapshotList } from "../../provider/snapshots/read";
import { SnapshotReadError } from "../../provider/snapshots/errors";
import { SEED } from "../e2e/programs";
import { http } from "../emulator/support";
import { apiKey, emulator, emulatorClient, serviceAccount, useEmulator } from "../helpers/emulatorFixture";

useEmulator();

function client(
    credentials: Credentials,
    overrides: Partial<ClientSettings> = {},
    options: AtlasClientOptions = {},
): AtlasClient {
    return emulatorClient({ maxRetryDelayMs: 5_000, credentials, ...overrides }, options);
}

const flexArgs = validateArgs({
    projectId: SEED.projectId,
    instanceName: SEED.flexCluster,
    snapshotId: SEED.flexSnapshot,
    api: "flex",
});

function requestsTo(route: string) {
    return emulator.requests().filter((r) => r.route === route);
}

describe("errors inside envelopes (ATLAS_ENVELOPE=true)", () => {
    test("an enveloped 429 with Retry-After is waited out and retried, then the snapshot is read", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 429, retryAfter: 1 });
        const started = Date.now();

        const snapshot = await readSnapshot(client(serviceAccount, { envelope: true }), flexArgs);

        expect(snapshot.status).toBe("completed");
        expect(Date.now() - started).toBeGreaterThanOrEqual(900);
        const gets = requestsTo("flexSnapshot");
        expect(gets).toHaveLength(2);
        expect(gets.every((r) => r.query.envelope === "true")).toBe(true);
    });

    test("an enveloped 503 on every attempt is retried with backoff, then reported as Atlas's 503", async () => {
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 503, times: Infinity });

        const read = readSnapshot(client(serviceAccount, { envelope: true, maxAttempts: 3 }), flexArgs);

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(/Atlas answered 503 SERVICE_UNAVAILABLE.*Atlas failed after 3 attempts/s);
        expect(requestsTo("flexSnapshot")).toHaveLength(3);
    });

    test("an enveloped 401 for a service account's token draws one fresh token, then the read succeeds", async () => {
        const atlas = client(serviceAccount, { envelope: true });
        await readSnapshot(atlas, flexArgs);
        emulator.inject({ route: "flexSnapshot", kind: "status", status: 401 });

        const snapshot = await readSnapshot(atlas, flexArgs);

        expect(snapshot.status).toBe("completed");
        expect(requestsTo("token")).toHaveLength(2);
    });

    test("an enveloped 401 carrying a new digest challenge is answered with it, then the read succeeds", async () => {
        const atlas = client(apiKey, { envelope: true });
        await readSnapshot(atlas, flexArgs);
        // The nonce in use goes stale, so only the challenge inside the envelope can sign the next request.
        emulator.staleNonces();
        const unsigned = await http(`${emulator.url}/api/atlas/v2/groups/${SEED.projectId}/flexClusters/payments`);
        const challenge = unsigned.headers["www-authenticate"] as string;
        expect(challenge).toMatch(/^Digest /);
        emulator.clearLog();
        emulator.inject({
            route: "flexSnapshot",
            kind: "status",
            status: 401,
            headers: { "WWW-Authenticate": challenge },
        });

        const snapshot = await readSnapshot(atlas, flexArgs);

        expect(snapshot.status).toBe("completed");
        const gets = requestsTo("flexSnapshot");
        expect(gets).toHaveLength(2);
        expect(gets.every((r) => r.authScheme === "digest")).toBe(true);
    });

    test("an enveloped 404 is not retried and keeps Atlas's code", async () => {
        const read = client(serviceAccount, { envelope: true }).getSnapshot(
            "flex",
            SEED.projectId,
            "no-such-cluster",
            SEED.flexSnapshot,
        );

        await expect(read).rejects.toMatchObject({
            failure: { kind: "http", status: 404, errorCode: "CLUSTER_NOT_FOUND" },
            attempts: 1,
        });
        expect(requestsTo("flexSnapshot")).toHaveLength(1);
    });
});

/** A page of Flex snapshots in Atlas's list shape: `count` of them from `start`, a `next` link when asked. */
function page(
    count: number,
    { start = 0, next = false, totalCount }: { start?: number; next?: boolean; totalCount?: number },
) {
    const href = `${emulator.url}/api/atlas/v2/groups/${SEED.projectId}/flexClusters/payments/backup/snapshots`;
    return {
        links: [{ rel: "self", href }, ...(next ? [{ rel: "next", href: `${href}?pageNum=2` }] : [])],
        results: Array.from({ length: count }, (_, i) => ({
            id: (0x6b0000000000000000000000n + BigInt(start + i)).toString(16),
            status: "COMPLETED",
            startTime: new Date(Date.UTC(2026, 0, 1) - (start + i) * 60_000).toISOString(),
        })),
        ...(totalCount === undefined ? {} : { totalCount }),
    };
}

function servePages(...pages: object[]): void {
    for (const body of pages) {
        emulator.inject({ route: "flexSnapshots", kind: "body", body });
    }
}

const list = (atlas: AtlasClient) => atlas.listSnapshots("flex", SEED.projectId, SEED.flexCluster);

describe("paging", () => {
    test("a full page is followed even when totalCount, an estimate, says that was all", async () => {
        servePages(page(MAX_ITEMS_PER_PAGE, { totalCount: 500 }), page(3, { start: 500, totalCount: 500 }));

        const answer = await list(client(serviceAccount));

        expect(answer.snapshots).toHaveLength(503);
        expect(answer.totalCount).toBe(500);
        expect(requestsTo("flexSnapshots").map((r) => r.query.pageNum)).toEqual(["1", "2"]);
    });

    test("a short page that links a next one is followed", async () => {
        servePages(page(2, { next: true, totalCount: 9 }), page(1, { start: 2, totalCount: 9 }));

        const answer = await list(client(serviceAccount));

        expect(answer.snapshots.map((s) => s.id)).toHaveLength(3);
        expect(answer.totalCount).toBe(9);
        expect(requestsTo("flexSnapshots")).toHaveLength(2);
    });

    test("an empty page ends the list even when it links a next one", async () => {
        servePages(page(MAX_ITEMS_PER_PAGE, { next: true }), page(0, { next: true }));

        const answer = await list(client(serviceAccount));

        expect(answer.snapshots).toHaveLength(500);
        expect(requestsTo("flexSnapshots")).toHaveLength(2);
    });

    test("a short page without a next link ends the list", async () => {
        servePages(
            page(MAX_ITEMS_PER_PAGE, { next: true, totalCount: 5000 }),
            page(7, { start: 500, totalCount: 5000 }),
        );

        const answer = await list(client(serviceAccount));

        expect(answer.snapshots).toHaveLength(507);
        expect(answer.totalCount).toBe(5000);
        expect(requestsTo("flexSnapshots")).toHaveLength(2);
    });

    test("a list that never ends fails loudly at the page cap, naming it", async () => {
        servePages(...[0, 1, 2, 3].map((n) => page(MAX_ITEMS_PER_PAGE, { start: n * MAX_ITEMS_PER_PAGE, next: true })));
        const atlas = client(serviceAccount, {}, { maxPages: 3 });

        const read = readSnapshotList(
            atlas,
            validateListArgs({ projectId: SEED.projectId, instanceName: SEED.flexCluster, api: "flex" }),
        );

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(
            /unexpected answer from Atlas: the list did not end within 3 pages of 500: every page was full or linked a next one \(1500 snapshots read\)/,
        );
        expect(requestsTo("flexSnapshots")).toHaveLength(3);
    });
});

describe("a server that ignores pageNum", () => {
    test("the same full page again fails at once as an unexpected answer naming the page, not at the cap", async () => {
        emulator.inject({
            route: "flexSnapshots",
            kind: "body",
            body: page(MAX_ITEMS_PER_PAGE, { next: true }),
            times: Infinity,
        });

        const read = readSnapshotList(
            client(serviceAccount),
            validateListArgs({ projectId: SEED.projectId, instanceName: SEED.flexCluster, api: "flex" }),
        );

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(
            `(GET /api/atlas/v2/groups/${SEED.projectId}/flexClusters/${SEED.flexCluster}/backup/snapshots): ` +
                "unexpected answer from Atlas: page 2 (pageNum=2) repeated page 1 (the same 500 snapshots): the " +
                "server ignored pageNum, as a caching proxy in front of Atlas may; reading stopped after 500 snapshots.",
        );
        expect(requestsTo("flexSnapshots").map((r) => r.query.pageNum)).toStrictEqual(["1", "2"]);
    });

    test("a page repeated later on is named by its number, and a short repeated page is caught too", async () => {
        servePages(
            page(MAX_ITEMS_PER_PAGE, { next: true }),
            page(3, { start: MAX_ITEMS_PER_PAGE, next: true }),
            page(3, { start: MAX_ITEMS_PER_PAGE, next: true }),
        );

        await expect(list(client(serviceAccount))).rejects.toThrow(
            /page 3 \(pageNum=3\) repeated page 2 \(the same 3 snapshots\).*reading stopped after 503 snapshots/,
        );
        expect(requestsTo("flexSnapshots")).toHaveLength(3);
    });

    test("pages that share some snapshots are not a repeat: only the same page twice is", async () => {
        const first = page(MAX_ITEMS_PER_PAGE, { next: true });
        const overlapping = page(MAX_ITEMS_PER_PAGE, { start: MAX_ITEMS_PER_PAGE - 1 });
        servePages(first, overlapping, page(0, {}));

        const answer = await list(client(serviceAccount));

        expect(answer.snapshots).toHaveLength(1000);
    });
});

describe("error bodies without an errorCode", () => {
    test("the code comes from X-Error-Code and Atlas's detail is still shown", async () => {
        emulator.inject({
            route: "flexSnapshot",
            kind: "body",
            status: 404,
            body: { error: 404, reason: "Not Found", detail: "No cluster named payments exists in this group." },
            headers: { "X-Error-Code": "CLUSTER_NOT_FOUND" },
        });

        const read = readSnapshot(client(serviceAccount), flexArgs);

        await expect(read).rejects.toThrow(
            /Atlas answered 404 CLUSTER_NOT_FOUND: No cluster named payments exists in this group\. No cluster named "payments"/,
        );
    });

    test("Atlas's digest 401 body ({error, reason, detail}) is read: its detail is shown", async () => {
        emulator.inject({
            route: "flexSnapshot",
            kind: "body",
            status: 401,
            body: '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource."\n}',
        });
        const token: Credentials = { kind: "accessToken", accessToken: "expired-token", source: "env X" };

        const read = readSnapshot(client(token), flexArgs);

        await expect(read).rejects.toThrow(
            /Atlas answered 401: You are not authorized for this resource\. Atlas refused the access token from env X/,
        );
    });
});
