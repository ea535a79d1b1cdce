// A counting semaphore that bounds the requests one process has in flight to Atlas.
import { ConcurrencyLimit } from "../../../provider/atlas/concurrency";

/** A promise the test settles by hand. */
function deferred<T = void>() {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Tasks that each wait on their own deferred, counting how many run at once. */
function trackedTasks(count: number) {
    const gates = Array.from({ length: count }, () => deferred<number>());
    const started: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const tasks = gates.map((gate, index) => async () => {
        started.push(index);
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
            return await gate.promise;
        } finally {
            inFlight -= 1;
        }
    });
    return { gates, tasks, started, inFlight: () => inFlight, mostInFlight: () => mostInFlight };
}

describe("ConcurrencyLimit", () => {
    test("never runs more than its limit at once, and runs every task in arrival order", async () => {
        const limit = new ConcurrencyLimit(2);
        const tracked = trackedTasks(6);

        const results = tracked.tasks.map((task) => limit.run(task));
        await settle();
        expect(tracked.started).toStrictEqual([0, 1]);

        for (const [index, gate] of tracked.gates.entries()) {
            gate.resolve(index * 10);
            await settle();
            expect(tracked.inFlight()).toBeLessThanOrEqual(2);
        }

        await expect(Promise.all(results)).resolves.toStrictEqual([0, 10, 20, 30, 40, 50]);
        expect(tracked.started).toStrictEqual([0, 1, 2, 3, 4, 5]);
        expect(tracked.mostInFlight()).toBe(2);
    });

    test("starts a waiting task as soon as a slot frees", async () => {
        const limit = new ConcurrencyLimit(1);
        const tracked = trackedTasks(2);

        const results = tracked.tasks.map((task) => limit.run(task));
        await settle();
        expect(tracked.started).toStrictEqual([0]);

        tracked.gates[0].resolve(1);
        await settle();

        expect(tracked.started).toStrictEqual([0, 1]);
        tracked.gates[1].resolve(2);
        await expect(Promise.all(results)).resolves.toStrictEqual([1, 2]);
    });

    test("frees a slot when a task rejects, and passes the rejection on", async () => {
        const limit = new ConcurrencyLimit(1);
        const tracked = trackedTasks(3);

        const [first, second, third] = tracked.tasks.map((task) => limit.run(task));
        tracked.gates[0].reject(new Error("Atlas answered 503"));
        await expect(first).rejects.toThrow("Atlas answered 503");
        await settle();
        expect(tracked.started).toStrictEqual([0, 1]);

        tracked.gates[1].reject(new Error("reset"));
        await expect(second).rejects.toThrow("reset");
        tracked.gates[2].resolve(3);

        await expect(third).resolves.toBe(3);
        expect(tracked.mostInFlight()).toBe(1);
    });

    test("frees a slot when a task throws before returning a promise", async () => {
        const limit = new ConcurrencyLimit(1);

        await expect(
            limit.run(() => {
                throw new Error("synchronous");
            }),
        ).rejects.toThrow("synchronous");

        await expect(limit.run(async () => "next")).resolves.toBe("next");
    });

    test("runs up to its limit at once without waiting", async () => {
        const limit = new ConcurrencyLimit(3);
        const tracked = trackedTasks(3);

        const results = tracked.tasks.map((task) => limit.run(task));
        await settle();

        expect(tracked.inFlight()).toBe(3);
        tracked.gates.forEach((gate, index) => gate.resolve(index));
        await expect(Promise.all(results)).resolves.toStrictEqual([0, 1, 2]);
    });

    test("holds a hundred tasks to a limit of four and finishes them all", async () => {
        const limit = new ConcurrencyLimit(4);
        let inFlight = 0;
        let mostInFlight = 0;

        const results = await Promise.all(
            Array.from({ length: 100 }, (_, index) =>
                limit.run(async () => {
                    inFlight += 1;
                    mostInFlight = Math.max(mostInFlight, inFlight);
                    await settle();
                    inFlight -= 1;
                    return index;
                }),
            ),
        );

        expect(results).toStrictEqual(Array.from({ length: 100 }, (_, index) => index));
        expect(mostInFlight).toBe(4);
    });
});
