// The coalescer's rules on their own: when reads share a list, when a list stops answering, what a failure does.
// Its requests are plain functions here, so each case can say exactly what Atlas answered and when.
import type { ListContinuation } from "../../provider/atlas/client";
import type { SnapshotOutputs } from "../../provider/snapshots/outputs";
import { coalescerFor, pagesOf, SnapshotCoalescer } from "../../provider/snapshots/coalescer";
import type { InstanceSnapshots, ListFetch } from "../../provider/snapshots/coalescer";

const INSTANCE = "32b6e34b3d91647abb20e7b8/orders";
const id = (n: number) => (0x5f0000000000000000000000n + BigInt(n)).toString(16);

function snapshot(n: number, fields: Partial<SnapshotOutputs> = {}): SnapshotOutputs {
    return {
        projectId: "32b6e34b3d91647abb20e7b8",
        instanceName: "orders",
        snapshotId: id(n),
        source: "flex",
        status: "completed",
        rawStatus: "COMPLETED",
        ...fields,
    };
}

/** What Atlas holds, what each request costs, and a clock the test moves. */
class FakeAtlas {
    snapshots = [0, 1, 2, 3, 4].map((n) => snapshot(n));
    /** Atlas's count, which decides how many pages a list takes. */
    totalCount?: number;
    gets: string[] = [];
    lists = 0;
    /** The answers of `goOn` after the first page of each list. */
    continuations: boolean[] = [];
    listFailure?: Error;
    clock = 1_000_000;

    get(snapshotId: string): Promise<SnapshotOutputs> {
        this.gets.push(snapshotId);
        const found = this.snapshots.find((s) => s.snapshotId === snapshotId);
        return found ? Promise.resolve(structuredClone(found)) : Promise.reject(new Error(`404 ${snapshotId}`));
    }

    readonly fetchList: ListFetch = async (goOn: ListContinuation): Promise<InstanceSnapshots> => {
        this.lists += 1;
        await new Promise((resolve) => setImmediate(resolve));
        if (this.listFailure) {
            throw this.listFailure;
        }
        const totalCount = this.totalCount ?? this.snapshots.length;
        if (pagesOf(totalCount) > 1) {
            const goesOn = goOn({ pagesRead: 1, totalCount });
            this.continuations.push(goesOn);
            if (!goesOn) {
                // The first page holds the first two snapshots here.
                return {
                    source: "flex",
                    snapshots: structuredClone(this.snapshots.slice(0, 2)),
                    totalCount,
                    incomplete: true,
                };
            }
        }
        return { source: "flex", snapshots: structuredClone(this.snapshots), totalCount };
    };
}

function setUp(maxAgeMs = 10_000) {
    const atlas = new FakeAtlas();
    const coalescer = new SnapshotCoalescer({ maxAgeMs, now: () => atlas.clock });
    const read = (n: number, ownFailure: (error: unknown) => Error | undefined = () => undefined) =>
        coalescer.read(INSTANCE, "auto", id(n), {
            get: async () => {
                const found = await atlas.get(id(n));
                coalescer.sawSnapshot(INSTANCE, id(n), found);
                return found;
            },
            fetchList: atlas.fetchList,
            ownFailure,
        });
    const list = () => coalescer.list(INSTANCE, "auto", atlas.fetchList);
    return { atlas, coalescer, read, list };
}

describe("pagesOf", () => {
    test.each([
        [0, 1],
        [1, 1],
        [499, 1],
        [500, 2],
        [501, 2],
        [999, 2],
        [1000, 3],
        [5000, 11],
        [20_000, 41],
    ])("a list of %d snapshots takes %d requests", (totalCount, pages) => {
        expect(pagesOf(totalCount)).toBe(pages);
    });
});

describe("sharing", () => {
    test("a lone read is one GET", async () => {
        const { atlas, read } = setUp();

        expect((await read(1)).snapshotId).toBe(id(1));
        expect(atlas).toMatchObject({ gets: [id(1)], lists: 0 });
    });

    test("reads started together share one list and are counted as answered from it", async () => {
        const { atlas, coalescer, read } = setUp();

        const snapshots = await Promise.all([0, 1, 2].map((n) => read(n)));

        expect(snapshots.map((s) => s.snapshotId)).toEqual([id(0), id(1), id(2)]);
        expect(atlas).toMatchObject({ gets: [], lists: 1 });
        expect(coalescer.answeredFromList).toBe(3);
    });

    test("a read of another snapshot after a GET takes the list; the same snapshot again stays a GET", async () => {
        const { atlas, read } = setUp();

        await read(1);
        await read(1);
        await read(2);
        await read(3);

        expect(atlas).toMatchObject({ gets: [id(1), id(1)], lists: 1 });
    });

    test("a snapshot the list lacks is read by its own GET", async () => {
        const { atlas, read } = setUp();
        await Promise.all([read(0), read(1)]);
        // Taken after the list was read.
        atlas.snapshots.push(snapshot(9));

        const found = await read(9);

        expect(found.snapshotId).toBe(id(9));
        expect(atlas).toMatchObject({ lists: 1, gets: [id(9)] });
    });

    test("answers from the list are copies: changing one changes no other read's answer", async () => {
        const { read } = setUp();

        const [first] = await Promise.all([read(0), read(1)]);
        first.status = "failed";

        expect((await read(0)).status).toBe("completed");
    });
});

describe("fresh", () => {
    test("a list answers other reads until maxAgeMs after it was asked for, then the next read asks anew", async () => {
        const { atlas, read } = setUp(10_000);
        await Promise.all([read(0), read(1)]);

        atlas.clock += 9_999;
        await read(2);
        expect(atlas).toMatchObject({ lists: 1, gets: [] });

        atlas.clock += 1;
        await read(3);
        // Expired, and no other read pending: the read is a lone GET.
        expect(atlas).toMatchObject({ lists: 1, gets: [id(3)] });
    });

    test("a list held back longer than maxAgeMs (by a rate limit) answers the reads that join it, and ages from its answer", async () => {
        const { atlas, coalescer } = setUp(10_000);
        let release = () => {};
        const heldBack = new Promise<void>((resolve) => (release = resolve));
        const slowList: ListFetch = async (goOn) => {
            await heldBack;
            return atlas.fetchList(goOn);
        };
        const read = (n: number) =>
            coalescer.read(INSTANCE, "auto", id(n), {
                get: () => atlas.get(id(n)),
                fetchList: slowList,
                ownFailure: () => undefined,
            });
        const first = Promise.all([read(0), read(1)]);
        await new Promise((resolve) => setImmediate(resolve));

        atlas.clock += 60_000;
        const joined = read(2);
        release();
        await Promise.all([first, joined]);
        expect(atlas).toMatchObject({ lists: 1, gets: [] });

        atlas.clock += 9_999;
        await read(3);
        expect(atlas).toMatchObject({ lists: 1, gets: [] });
    });

    test("a GET that finds a snapshot otherwise retires the list: the next read gets what Atlas holds now", async () => {
        const { atlas, coalescer, read, list } = setUp();
        atlas.snapshots[0] = snapshot(0, { status: "inProgress", rawStatus: "RUNNING" });
        await Promise.all([read(1), read(2)]);
        atlas.snapshots[0] = snapshot(0);
        atlas.clock += 1;
        // A wait's read of snapshot 0, by GET.
        coalescer.sawSnapshot(INSTANCE, id(0), await atlas.get(id(0)));

        const whole = await list();
        const again = await read(0);

        expect(whole.snapshots[0].status).toBe("completed");
        expect(again.status).toBe("completed");
        expect(atlas.lists).toBe(2);
    });

    test("a GET that agrees with the list leaves it answering", async () => {
        const { atlas, coalescer, read } = setUp();
        await Promise.all([read(1), read(2)]);
        atlas.clock += 1;
        coalescer.sawSnapshot(INSTANCE, id(1), await atlas.get(id(1)));

        await read(3);

        expect(atlas).toMatchObject({ lists: 1, gets: [id(1)] });
    });

    test("links aside: a GET that differs from the list only in its links leaves it answering", async () => {
        const { atlas, coalescer, read } = setUp();
        await Promise.all([read(1), read(2)]);
        atlas.clock += 1;
        coalescer.sawSnapshot(INSTANCE, id(1), snapshot(1, { links: [{ rel: "self", href: "https://x/1" }] }));

        await read(3);

        expect(atlas).toMatchObject({ lists: 1, gets: [] });
    });

    test("through another endpoint, only the status counts: the same status leaves the list, another retires it", async () => {
        const { atlas, coalescer, read } = setUp();
        await Promise.all([read(1), read(2)]);
        atlas.clock += 1;
        coalescer.sawSnapshot(INSTANCE, id(1), snapshot(1, { source: "serverless", rawStatus: "completed" }));
        await read(3);
        expect(atlas).toMatchObject({ lists: 1, gets: [] });

        coalescer.sawSnapshot(INSTANCE, id(2), snapshot(2, { source: "serverless", status: "failed" }));
        await read(4);

        expect(atlas.gets).toEqual([id(4)]);
    });

    test("a GET seen before the list was asked for says nothing against it", async () => {
        const { atlas, coalescer, read } = setUp();
        coalescer.sawSnapshot(INSTANCE, id(1), snapshot(1, { status: "inProgress" }));
        atlas.clock += 1;

        await Promise.all([read(1), read(2)]);

        expect(atlas).toMatchObject({ lists: 1, gets: [] });
    });

    test("a snapshot a GET found, missing from the whole list, retires it", async () => {
        const { atlas, coalescer, read } = setUp();
        await Promise.all([read(1), read(2)]);
        atlas.clock += 1;
        coalescer.sawSnapshot(INSTANCE, id(7), snapshot(7));

        await read(3);

        expect(atlas.gets).toEqual([id(3)]);
    });

    test("a 404 for a snapshot the list shows retires it; a 404 for one it lacks does not", async () => {
        const { atlas, coalescer, read } = setUp();
        await Promise.all([read(1), read(2)]);
        atlas.clock += 1;
        coalescer.sawSnapshot(INSTANCE, id(8), undefined);
        await read(3);
        expect(atlas).toMatchObject({ lists: 1, gets: [] });

        coalescer.sawSnapshot(INSTANCE, id(4), undefined);
        await read(0);

        expect(atlas.gets).toEqual([id(0)]);
    });

    test("a sighting of another instance says nothing of this one's list", async () => {
        const { atlas, coalescer, read } = setUp();
        await Promise.all([read(1), read(2)]);
        atlas.clock += 1;
        coalescer.sawSnapshot("32b6e34b3d91647abb20e7b8/other", id(1), snapshot(1, { status: "failed" }));

        await read(3);

        expect(atlas).toMatchObject({ lists: 1, gets: [] });
    });

    test("a list that no longer agrees by the time it answers is asked for once more by the newest choice", async () => {
        const { atlas, coalescer, list } = setUp();
        const stale = snapshot(0, { status: "inProgress" });
        let first = true;
        const fetchList: ListFetch = async (goOn) => {
            const answer = await atlas.fetchList(goOn);
            if (first) {
                first = false;
                // While the first list is on its way, a GET sees snapshot 0 completed.
                atlas.clock += 1;
                coalescer.sawSnapshot(INSTANCE, id(0), snapshot(0));
                return { ...answer, snapshots: [stale, ...answer.snapshots.slice(1)] };
            }
            return answer;
        };

        const whole = await coalescer.list(INSTANCE, "auto", fetchList);

        expect(whole.snapshots[0].status).toBe("completed");
        expect(atlas.lists).toBe(2);
        await list();
        expect(atlas.lists).toBe(2);
    });

    test("with maxAgeMs 0 nothing is shared or kept: each read a GET, each list its own request", async () => {
        const { atlas, read, list } = setUp(0);

        await Promise.all([read(0), read(1)]);
        await Promise.all([list(), list()]);

        expect(atlas).toMatchObject({ gets: [id(0), id(1)], lists: 2 });
    });
});

describe("worth it", () => {
    test("a list whose pages outnumber the reads waiting stops after its first page; the others GET", async () => {
        const { atlas, read } = setUp();
        atlas.totalCount = 5000;

        const snapshots = await Promise.all([0, 1, 3, 4].map((n) => read(n)));

        expect(snapshots.map((s) => s.snapshotId)).toEqual([0, 1, 3, 4].map(id));
        expect(atlas.continuations).toEqual([false]);
        // The first page held 0 and 1.
        expect(atlas.gets.sort()).toEqual([id(3), id(4)]);
    });

    test("once the size is known, reads fewer than its pages go straight to GETs", async () => {
        const { atlas, read } = setUp();
        atlas.totalCount = 5000;
        await Promise.all([read(0), read(1)]);
        atlas.gets = [];

        await Promise.all([read(2), read(3), read(4)]);

        expect(atlas).toMatchObject({ lists: 1, gets: [id(2), id(3), id(4)] });
    });

    test("a list goes on when the pages left are no more than the reads waiting", async () => {
        const { atlas, read } = setUp();
        // Two pages: one left after the first, and two reads waiting.
        atlas.totalCount = 500;

        await Promise.all([read(2), read(3)]);

        expect(atlas.continuations).toEqual([true]);
        expect(atlas.gets).toEqual([]);
    });

    test("as many pages as reads: the list goes on, counting its first page too", async () => {
        const { atlas, read } = setUp();
        atlas.totalCount = 1000;

        await Promise.all([read(2), read(3)]);

        expect(atlas.continuations).toEqual([true]);
    });

    test("one page more than the reads waiting: the list stops", async () => {
        const { atlas, read } = setUp();
        atlas.totalCount = 1500;

        await Promise.all([read(2), read(3)]);

        expect(atlas.continuations).toEqual([false]);
    });

    test("a count Atlas did not send never stops a list", async () => {
        const { coalescer } = setUp();
        const answers: boolean[] = [];
        const fetchList: ListFetch = async (goOn) => {
            answers.push(goOn({ pagesRead: 1 }));
            return { source: "flex", snapshots: [snapshot(2), snapshot(3)], totalCount: 2 };
        };
        const get = () => Promise.reject(new Error("no GET expected"));

        await Promise.all(
            [2, 3].map((n) => coalescer.read(INSTANCE, "auto", id(n), { get, fetchList, ownFailure: () => undefined })),
        );

        expect(answers).toEqual([true]);
    });

    test("the newest choice reads every page, whatever they cost, and reads beside it share them", async () => {
        const { atlas, read, list } = setUp();
        atlas.totalCount = 20_000;

        const [whole, ...reads] = await Promise.all([list(), read(3), read(4)]);

        expect(whole.incomplete).toBeUndefined();
        expect(reads.map((s) => s.snapshotId)).toEqual([id(3), id(4)]);
        expect(atlas).toMatchObject({ lists: 1, gets: [], continuations: [true] });
    });

    test("the newest choice joining a list that reads wait for makes it go on to its last page", async () => {
        const { atlas, read, list } = setUp();
        atlas.totalCount = 20_000;

        const reads = Promise.all([read(3), read(4)]);
        await new Promise((resolve) => setImmediate(resolve));
        const whole = await list();
        await reads;

        expect(whole.snapshots).toHaveLength(5);
        expect(atlas).toMatchObject({ lists: 1, gets: [], continuations: [true] });
    });

    test("the newest choice after a list that stopped early asks for the whole list", async () => {
        const { atlas, read, list } = setUp();
        atlas.totalCount = 5000;
        await Promise.all([read(0), read(1)]);

        const whole = await list();

        expect(whole.snapshots).toHaveLength(5);
        expect(atlas.lists).toBe(2);
    });
});

describe("bounded", () => {
    test("a list failure the read must not start over from fails every read that waited, without a GET", async () => {
        const { atlas, read } = setUp();
        atlas.listFailure = new Error("503 after 4 attempts");

        const results = await Promise.allSettled(
            [0, 1].map((n) => read(n, (error) => new Error(`snapshot ${id(n)}: ${(error as Error).message}`))),
        );

        expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual([
            `snapshot ${id(0)}: 503 after 4 attempts`,
            `snapshot ${id(1)}: 503 after 4 attempts`,
        ]);
        expect(atlas.gets).toEqual([]);
    });

    test("any other list failure leaves each read to its own GET", async () => {
        const { atlas, read } = setUp();
        atlas.listFailure = new Error("400");

        const snapshots = await Promise.all([read(0), read(1)]);

        expect(snapshots.map((s) => s.snapshotId)).toEqual([id(0), id(1)]);
        expect(atlas.gets).toEqual([id(0), id(1)]);
    });

    test("a failed list is not kept: the next reads ask for it again", async () => {
        const { atlas, read } = setUp();
        atlas.listFailure = new Error("400");
        await Promise.all([read(0), read(1)]);
        atlas.listFailure = undefined;
        atlas.gets = [];

        await Promise.all([read(2), read(3)]);

        expect(atlas).toMatchObject({ lists: 2, gets: [] });
    });

    test("a failed newest choice fails with the list's own error, and the next one asks again", async () => {
        const { atlas, list } = setUp();
        atlas.listFailure = new Error("503");

        await expect(list()).rejects.toThrow("503");
        atlas.listFailure = undefined;

        expect((await list()).snapshots).toHaveLength(5);
        expect(atlas.lists).toBe(2);
    });
});

describe("what the coalescer remembers", () => {
    test("lists of one instance through two endpoint choices are two lists", async () => {
        const { atlas, coalescer } = setUp();

        await coalescer.list(INSTANCE, "auto", atlas.fetchList);
        await coalescer.list(INSTANCE, "flex", atlas.fetchList);
        await coalescer.list(INSTANCE, "flex", atlas.fetchList);

        expect(atlas.lists).toBe(2);
    });

    test("a client's coalescer is one per client, with the client's list age", async () => {
        const atlas = new FakeAtlas();
        const client = { settings: { listMaxAgeMs: 0 } };

        expect(coalescerFor(client)).toBe(coalescerFor(client));
        expect(coalescerFor(client)).not.toBe(coalescerFor({ settings: { listMaxAgeMs: 0 } }));
        await coalescerFor(client).list(INSTANCE, "auto", atlas.fetchList);
        await coalescerFor(client).list(INSTANCE, "auto", atlas.fetchList);
        expect(atlas.lists).toBe(2);
    });
});
