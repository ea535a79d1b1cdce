// Reads of one instance that arrive together share one list request: counts and results against the emulator.
import { defaultSeed } from "../../emulator";
import type { Seed } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import type { ClientSettings, Credentials } from "../../provider/atlas/settings";
import { validateArgs } from "../../provider/snapshots/args";
import type { PlainSnapshotArgs } from "../../provider/snapshots/args";
import { SnapshotReadError } from "../../provider/snapshots/errors";
import { getServerlessBackupSnapshot } from "../../provider/program/get";
import { fetchSnapshot, readSnapshot } from "../../provider/snapshots/read";
import type { ApiChoice } from "../../provider/snapshots/outputs";
import { coalescerFor } from "../../provider/snapshots/coalescer";
import { SEED } from "../e2e/programs";
import {
    apiKey,
    emulator,
    emulatorClient,
    providerEnvironment,
    serviceAccount,
    useEmulator,
} from "../helpers/emulatorFixture";

const hex = (prefix: bigint, i: number) => (prefix + BigInt(i)).toString(16);
const SERVERLESS_IDS = Array.from({ length: 100 }, (_, i) => hex(0x6b0000000000000000000000n, i));
const FLEX_IDS = Array.from({ length: 100 }, (_, i) => hex(0x6c0000000000000000000000n, i));
const SMALL = Array.from({ length: 20 }, (_, i) => `small-${i}`);
const smallIds = (instance: number) =>
    Array.from({ length: 5 }, (_, i) => hex(0x6d0000000000000000000000n, instance * 5 + i));
const MISSING = "6b00000000000000000fffff";
const HUGE_IDS = Array.from({ length: 5000 }, (_, i) => hex(0x6e0000000000000000000000n, i));

/** The default seed plus a serverless instance and a Flex cluster of 100 snapshots, and 20 Flex clusters of 5. */
const seed = {
    ...defaultSeed,
    projects: defaultSeed.projects.map((project, index) =>
        index !== 0
            ? project
            : {
                  ...project,
                  serverlessInstances: [
                      ...(project.serverlessInstances ?? []),
                      {
                          name: "many",
                          snapshots: SERVERLESS_IDS.map((id, i) => ({
                              id,
                              createdAt: `now-${i + 1}h`,
                              expiresAt: `now+${30 - (i % 30)}d`,
                              frequencyType: "hourly",
                              mongodVersion: "8.0.17",
                              serverlessInstanceName: "many",
                              snapshotType: "scheduled",
                              status: (i % 7 === 0 ? "failed" : "completed") as "failed" | "completed",
                              storageSizeBytes: 1000 + i,
                          })),
                      },
                  ],
                  flexClusters: [
                      ...(project.flexClusters ?? []),
                      {
                          name: "many-flex",
                          snapshots: FLEX_IDS.map((id, i) => ({
                              id,
                              status: i % 9 === 0 ? "RUNNING" : "COMPLETED",
                              scheduledTime: `now-${i + 1}h`,
                              startTime: `now-${i + 1}h`,
                              finishTime: `now-${i}h`,
                              expiration: `now+${30 - (i % 30)}d`,
                              mongoDBVersion: "8.0.17",
                          })),
                      },
                      {
                          name: "huge-flex",
                          snapshots: HUGE_IDS.map((id, i) => ({
                              id,
                              status: "COMPLETED",
                              startTime: `now-${i + 1}m`,
                              expiration: "now+7d",
                          })),
                      },
                      ...SMALL.map((name, n) => ({
                          name,
                          snapshots: smallIds(n).map((id, i) => ({
                              id,
                              status: "COMPLETED",
                              startTime: `now-${i + 1}h`,
                              expiration: "now+7d",
                          })),
                      })),
                  ],
              },
    ),
} as Seed;

useEmulator({ seed, tokenRateLimitPerMinute: 10_000 });

function client(
    credentials: Credentials = serviceAccount,
    limits: Partial<Omit<ClientSettings, "baseUrl" | "credentials">> = {},
): AtlasClient {
    return emulatorClient({ ...limits, credentials });
}

function args(instanceName: string, snapshotId: string, api: ApiChoice = "auto"): PlainSnapshotArgs {
    return { projectId: SEED.projectId, instanceName, snapshotId, api };
}

/** API requests (not token requests) in the emulator's log. */
function apiRequests() {
    return emulator.requests().filter((r) => r.route !== "token" && r.route !== "revoke");
}

describe("reads that arrive together", () => {
    test("100 snapshots of one instance cost at most 2 API requests and 1 token with a service account", async () => {
        const shared = client();

        const snapshots = await Promise.all(
            SERVERLESS_IDS.map((id) => fetchSnapshot(shared, validateArgs(args("many", id)))),
        );

        expect(snapshots.map((s) => s.snapshotId)).toEqual(SERVERLESS_IDS);
        expect(apiRequests().length).toBeLessThanOrEqual(2);
        expect(shared.counters.tokensFetched).toBe(1);
        expect(coalescerFor(shared).answeredFromList).toBeGreaterThanOrEqual(98);
    });

    test("the same with an API key costs at most 4 requests, the digest challenge included", async () => {
        const shared = client(apiKey);

        await Promise.all(SERVERLESS_IDS.map((id) => fetchSnapshot(shared, validateArgs(args("many", id)))));

        expect(emulator.requests().length).toBeLessThanOrEqual(4);
    });

    test("20 instances of 5 snapshots cost at most 2 requests an instance", async () => {
        const shared = client();

        await Promise.all(
            SMALL.flatMap((name, n) => smallIds(n).map((id) => fetchSnapshot(shared, validateArgs(args(name, id))))),
        );

        for (const name of SMALL) {
            const forInstance = apiRequests().filter((r) => r.path.includes(`/${name}/`));
            expect(forInstance.length).toBeLessThanOrEqual(2);
        }
    });

    test.each<[string, ApiChoice, string, string]>([
        ["many-flex", "auto", FLEX_IDS[3], "flexSnapshot"],
        ["many", "serverless", SERVERLESS_IDS[3], "serverlessSnapshot"],
    ])("a single read of %s through api %s stays exactly one GET", async (instance, api, id, route) => {
        const snapshot = await fetchSnapshot(client(), validateArgs(args(instance, id, api)));

        expect(snapshot.snapshotId).toBe(id);
        expect(apiRequests().map((r) => r.route)).toEqual([route]);
    });

    test("reads of one instance one after another: the first is a GET, the others share one list", async () => {
        const shared = client();

        for (const id of FLEX_IDS.slice(0, 5)) {
            expect((await fetchSnapshot(shared, validateArgs(args("many-flex", id, "flex")))).snapshotId).toBe(id);
        }

        expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshot", "flexSnapshots"]);
    });

    test("reading the same snapshot again stays a GET", async () => {
        const shared = client();

        await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[7], "flex")));
        await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[7], "flex")));

        expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshot", "flexSnapshot"]);
    });

    test("once an instance's list is cached, later reads of it send nothing", async () => {
        const shared = client();
        await Promise.all(FLEX_IDS.slice(0, 3).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id)))));
        const before = apiRequests().length;

        const later = await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[50])));

        expect(later.snapshotId).toBe(FLEX_IDS[50]);
        expect(apiRequests().length).toBe(before);
    });

    test("getServerlessBackupSnapshot called 100 times for one instance costs at most 3 requests", async () => {
        const saved = { ...process.env };
        Object.assign(process.env, providerEnvironment());
        try {
            const results = await Promise.all(
                FLEX_IDS.map((id) => getServerlessBackupSnapshot(args("many-flex", id, "flex"))),
            );

            expect(results.map((s) => s.snapshotId)).toEqual(FLEX_IDS);
            expect(emulator.requests().length).toBeLessThanOrEqual(3);
        } finally {
            process.env = saved;
        }
    });
});

describe("coalesced results are the results of one-by-one reads", () => {
    test.each<[string, ApiChoice]>([
        ["many", "auto"],
        ["many", "serverless"],
        ["many-flex", "auto"],
        ["many-flex", "flex"],
    ])("%s through api %s, field for field", async (instance, api) => {
        const ids = instance === "many" ? SERVERLESS_IDS : FLEX_IDS;
        const picked = ids.filter((_, i) => i % 10 === 0);
        // Each read alone, on a client of its own: each is its own GET.
        const oneByOne = [];
        for (const id of picked) {
            oneByOne.push(await fetchSnapshot(client(), validateArgs(args(instance, id, api))));
        }
        emulator.clearLog();

        const shared = client();
        const together = await Promise.all(
            picked.map((id) => fetchSnapshot(shared, validateArgs(args(instance, id, api)))),
        );

        expect(together).toStrictEqual(oneByOne);
        expect(apiRequests().length).toBeLessThanOrEqual(api === "auto" && instance === "many" ? 4 : 2);
    });
});

describe("errors stay each read's own", () => {
    test("a snapshot the list lacks is read by its own GET, and its 404 fails it alone, with a lone read's message", async () => {
        let alone: unknown;
        try {
            await fetchSnapshot(client(), validateArgs(args("many", MISSING, "serverless")));
        } catch (error) {
            alone = error;
        }
        emulator.clearLog();
        const shared = client();

        const results = await Promise.allSettled(
            [...SERVERLESS_IDS.slice(0, 5), MISSING].map((id) =>
                fetchSnapshot(shared, validateArgs(args("many", id, "serverless"))),
            ),
        );

        expect(results.slice(0, 5).every((r) => r.status === "fulfilled")).toBe(true);
        const failed = results[5];
        expect(failed.status).toBe("rejected");
        expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(SnapshotReadError);
        expect((failed as PromiseRejectedResult).reason.message).toBe((alone as Error).message);
        expect(apiRequests().filter((r) => r.route === "serverlessSnapshot" && r.path.endsWith(MISSING))).toHaveLength(
            1,
        );
    });

    test("when the list request fails, every read falls back to its own GET and gets its own answer", async () => {
        emulator.inject({ route: "serverlessSnapshots", kind: "status", status: 403, times: 100 });
        const shared = client();

        const snapshots = await Promise.all(
            SERVERLESS_IDS.slice(0, 4).map((id) => fetchSnapshot(shared, validateArgs(args("many", id, "serverless")))),
        );

        expect(snapshots.map((s) => s.snapshotId)).toEqual(SERVERLESS_IDS.slice(0, 4));
        expect(apiRequests().filter((r) => r.route === "serverlessSnapshots")).toHaveLength(1);
        expect(apiRequests().filter((r) => r.route === "serverlessSnapshot")).toHaveLength(4);
    });

    test("a read that waits polls by GET, never from the cached list", async () => {
        const shared = client();
        await Promise.all(FLEX_IDS.slice(0, 3).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id)))));
        emulator.clearLog();

        const waited = { ...args("many-flex", FLEX_IDS[1], "flex"), waitFor: { status: "completed" as const } };
        await readSnapshot(shared, validateArgs(waited));

        expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshot"]);
    });
});

describe("a shared list is never older than what the process has seen", () => {
    const newest = (atlas: AtlasClient) =>
        fetchSnapshot(atlas, validateArgs({ projectId: SEED.projectId, instanceName: "many-flex", api: "flex" }));

    test("a wait's last read retires the list: the newest is then the snapshot waited for, and it reads completed", async () => {
        const shared = client();
        // FLEX_IDS[0], the newest, is RUNNING: the newest completed one is FLEX_IDS[1].
        for (const id of FLEX_IDS.slice(1, 3)) {
            await fetchSnapshot(shared, validateArgs(args("many-flex", id, "flex")));
        }
        expect((await newest(shared)).snapshotId).toBe(FLEX_IDS[1]);
        emulator.setSnapshotStatus(SEED.projectId, "many-flex", FLEX_IDS[0], "COMPLETED");
        try {
            const waited = { ...args("many-flex", FLEX_IDS[0], "flex"), waitFor: { status: "completed" as const } };
            await readSnapshot(shared, validateArgs(waited));
            emulator.clearLog();

            const chosen = await newest(shared);
            const again = await readSnapshot(
                shared,
                validateArgs({ ...args("many-flex", FLEX_IDS[0], "flex"), checks: { status: "completed" } }),
            );

            expect(chosen.snapshotId).toBe(FLEX_IDS[0]);
            expect(chosen.status).toBe("completed");
            expect(again.status).toBe("completed");
            expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshots"]);
        } finally {
            emulator.setSnapshotStatus(SEED.projectId, "many-flex", FLEX_IDS[0], "RUNNING");
        }
    });

    test("a GET through another endpoint choice retires the list of every choice for the instance", async () => {
        const shared = client();
        await Promise.all(FLEX_IDS.slice(1, 3).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id)))));
        emulator.setSnapshotStatus(SEED.projectId, "many-flex", FLEX_IDS[0], "COMPLETED");
        try {
            await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[0], "flex")));
            emulator.clearLog();

            const later = await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[0])));

            // The list no longer agrees with the GET, so the read asks Atlas afresh.
            expect(later.status).toBe("completed");
            expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshot"]);
        } finally {
            emulator.setSnapshotStatus(SEED.projectId, "many-flex", FLEX_IDS[0], "RUNNING");
        }
    });

    test("a list answers other reads for ATLAS_LIST_MAX_AGE after it was asked for, then is asked for anew", async () => {
        const shared = client(serviceAccount, { listMaxAgeMs: 1000 });
        await Promise.all(FLEX_IDS.slice(1, 3).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id)))));
        emulator.setSnapshotStatus(SEED.projectId, "many-flex", FLEX_IDS[0], "COMPLETED");
        try {
            const soon = await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[0])));
            await new Promise((resolve) => setTimeout(resolve, 1100));
            emulator.clearLog();

            const later = await fetchSnapshot(shared, validateArgs(args("many-flex", FLEX_IDS[0])));

            expect(soon.status).toBe("inProgress");
            expect(later.status).toBe("completed");
            expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshot"]);
        } finally {
            emulator.setSnapshotStatus(SEED.projectId, "many-flex", FLEX_IDS[0], "RUNNING");
        }
    });

    test("with ATLAS_LIST_MAX_AGE at 0s no list is shared: each read is its own GET", async () => {
        const shared = client(serviceAccount, { listMaxAgeMs: 0 });

        await Promise.all(FLEX_IDS.slice(0, 5).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id)))));
        await newest(shared);
        await newest(shared);

        expect(apiRequests().map((r) => r.route)).toEqual([
            ...Array(5).fill("flexSnapshot"),
            "flexSnapshots",
            "flexSnapshots",
        ]);
    });
});

describe("a list is read only when its pages cost no more than the GETs they replace", () => {
    const picked = [HUGE_IDS[10], HUGE_IDS[2000], HUGE_IDS[4000], HUGE_IDS[4999]];
    const listPages = () => apiRequests().filter((r) => r.route === "flexSnapshots").length;

    test("4 reads of a cluster of 5,000 snapshots cost its first page and 4 GETs, not 11 pages", async () => {
        const oneByOne = [];
        for (const id of picked) {
            oneByOne.push(await fetchSnapshot(client(), validateArgs(args("huge-flex", id, "flex"))));
        }
        emulator.clearLog();
        const shared = client();

        const together = await Promise.all(
            picked.map((id) => fetchSnapshot(shared, validateArgs(args("huge-flex", id, "flex")))),
        );

        // The first page (the oldest 500, as Atlas lists them) answers the reads it holds; the others GET.
        expect(together).toStrictEqual(oneByOne);
        expect(listPages()).toBe(1);
        expect(apiRequests().filter((r) => r.route === "flexSnapshot")).toHaveLength(3);
    });

    test("once its size is known, later reads of it go straight to their own GETs", async () => {
        const shared = client();
        await Promise.all(picked.map((id) => fetchSnapshot(shared, validateArgs(args("huge-flex", id, "flex")))));
        emulator.clearLog();

        await Promise.all(
            HUGE_IDS.slice(100, 103).map((id) => fetchSnapshot(shared, validateArgs(args("huge-flex", id, "flex")))),
        );

        expect(apiRequests().map((r) => r.route)).toEqual(Array(3).fill("flexSnapshot"));
    });

    test("the newest snapshot of it still reads every page, and reads waiting beside it share them", async () => {
        const shared = client();
        const whole = { projectId: SEED.projectId, instanceName: "huge-flex", api: "flex" as const };

        const [chosen, ...rest] = await Promise.all([
            fetchSnapshot(shared, validateArgs(whole)),
            ...picked.map((id) => fetchSnapshot(shared, validateArgs(args("huge-flex", id, "flex")))),
        ]);

        expect(chosen.snapshotId).toBe(HUGE_IDS[0]);
        expect(rest.map((s) => s.snapshotId)).toEqual(picked);
        expect(listPages()).toBe(11);
        expect(apiRequests()).toHaveLength(11);
    });
});

describe("a read's time stays within one read's bound", () => {
    test("reads that shared a list which failed after its retries fail with that failure, without a GET of their own", async () => {
        emulator.inject({ route: "flexSnapshots", kind: "status", status: 503, times: 100 });
        const shared = client(serviceAccount, { maxAttempts: 2 });

        const results = await Promise.allSettled(
            FLEX_IDS.slice(0, 4).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id, "flex")))),
        );

        expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshots", "flexSnapshots"]);
        results.forEach((result, i) => {
            expect(result.status).toBe("rejected");
            const error = (result as PromiseRejectedResult).reason as SnapshotReadError;
            expect(error).toBeInstanceOf(SnapshotReadError);
            expect(error.message).toMatch(
                new RegExp(
                    `^Could not read snapshot ${FLEX_IDS[i]} of "many-flex" in project ${SEED.projectId}\\. ` +
                        `The Flex snapshot API \\(GET /api/atlas/v2/groups/${SEED.projectId}/flexClusters/many-flex/backup/snapshots\\): ` +
                        "Atlas answered 503",
                ),
            );
            expect(error.message).toContain("after 2 attempts");
        });
    });

    test("a list refused outright leaves each read to its own GET, which answers it", async () => {
        emulator.inject({ route: "flexSnapshots", kind: "status", status: 400, times: 1 });
        const shared = client();

        const snapshots = await Promise.all(
            FLEX_IDS.slice(1, 4).map((id) => fetchSnapshot(shared, validateArgs(args("many-flex", id, "flex")))),
        );

        expect(snapshots.map((s) => s.snapshotId)).toEqual(FLEX_IDS.slice(1, 4));
        expect(apiRequests().map((r) => r.route)).toEqual(["flexSnapshots", ...Array(3).fill("flexSnapshot")]);
    });
});
