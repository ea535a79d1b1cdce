// The real surroundings of a wait: the system clock, timers that really pause, and progress on the output.
import { REAL_WAIT_ENVIRONMENT } from "../../provider/snapshots/waiting";

describe("the real wait environment", () => {
    afterEach(() => {
        jest.useRealTimers();
        jest.restoreAllMocks();
    });

    test("reads the system clock", () => {
        const before = Date.now();

        const now = REAL_WAIT_ENVIRONMENT.now();

        expect(now).toBeGreaterThanOrEqual(before);
        expect(now).toBeLessThanOrEqual(Date.now());
    });

    test("sleeps for the whole interval and no longer", async () => {
        jest.useFakeTimers();
        let woke = false;

        const sleeping = REAL_WAIT_ENVIRONMENT.sleep(15_000).then(() => {
            woke = true;
        });
        await jest.advanceTimersByTimeAsync(14_999);
        const beforeTheInterval = woke;
        await jest.advanceTimersByTimeAsync(1);
        await sleeping;

        expect(beforeTheInterval).toBe(false);
        expect(woke).toBe(true);
    });

    test("reports progress as a line on the process's output, which the Pulumi CLI shows", () => {
        const written: unknown[][] = [];
        jest.spyOn(console, "log").mockImplementation((...line: unknown[]) => {
            written.push(line);
        });

        REAL_WAIT_ENVIRONMENT.report("Waiting for snapshot 6a721bebc2973a98f1546fc4 to be completed");

        expect(written).toEqual([["Waiting for snapshot 6a721bebc2973a98f1546fc4 to be completed"]]);
    });
});
