import { DEFAULT_WAIT, validateArgs, validateListArgs, validateWait } from "../../provider/snapshots/args";
import { failedChecks } from "../../provider/snapshots/checks";
import { InputError } from "../../provider/common/errors";
import type { SnapshotOutputs } from "../../provider/snapshots/outputs";

const base = { projectId: "32b6e34b3d91647abb20e7b8", instanceName: "orders" };

describe("snapshotId is optional", () => {
    test.each([undefined, null])("%p means the newest snapshot", (snapshotId) => {
        expect(validateArgs({ ...base, snapshotId }).key).toEqual(base);
    });
});

describe("waitFor", () => {
    test("defaults: completed, 30m, 15s", () => {
        expect(validateWait({})).toEqual({
            status: "completed",
            timeoutMs: 1_800_000,
            intervalMs: 15_000,
            timeout: "30m",
        });
        expect(DEFAULT_WAIT).toEqual({ status: "completed", timeout: "30m", interval: "15s" });
    });

    test.each([
        [{ status: "done" }, "waitFor.status"],
        [{ status: ["completed", "failed"] }, "waitFor.status"],
        [{ timeout: "7" }, "waitFor.timeout"],
        [{ interval: "500ms" }, "waitFor.interval"],
        [{ interval: "10m", timeout: "5m" }, "waitFor.interval"],
        [{ interval: "0s" }, "waitFor.interval"],
        // Beyond a Node.js timer's 24.8 days a sleep fires after 1 ms: a poll loop, not a wait.
        [{ interval: "30d" }, "waitFor.interval"],
        [{ interval: "30d", timeout: "60d" }, "waitFor.timeout"],
        [{ timeout: "25d" }, "waitFor.timeout"],
        [{ timeout: "P4W" }, "waitFor.timeout"],
        [{ timeout: "0s" }, "waitFor.timeout"],
        ["30m", "waitFor"],
    ])("%p is refused, naming %s", (waitFor, argument) => {
        expect(() => validateWait(waitFor)).toThrow(InputError);
        expect(() => validateWait(waitFor)).toThrow(`Invalid ${argument}: `);
    });

    test.each([
        [
            { every: "1m" },
            "Unknown argument waitFor.every; expected one of waitFor.status, waitFor.timeout, waitFor.interval.",
        ],
        [{ timeOut: "1h" }, "Unknown argument waitFor.timeOut; did you mean waitFor.timeout?"],
        [
            { status: "completed", intervall: "1m" },
            "Unknown argument waitFor.intervall; did you mean waitFor.interval?",
        ],
    ])("%p is refused as unknown: %s", (waitFor, message) => {
        expect(() => validateWait(waitFor)).toThrow(InputError);
        expect(() => validateWait(waitFor)).toThrow(message);
    });

    test("waiting needs a snapshot id: the newest is chosen among finished snapshots", () => {
        expect(() => validateArgs({ ...base, waitFor: {} })).toThrow(
            /Invalid waitFor: .*expected a `snapshotId` to wait for/,
        );
    });
});

describe("checks.maxAge", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const taken = (createdAt?: string): SnapshotOutputs => ({
        ...base,
        snapshotId: "5f4e3d2c1b0a998877665544",
        source: "serverless",
        status: "completed",
        ...(createdAt ? { createdAt } : {}),
    });

    test.each([
        ["2026-11-28T00:00:00Z", []],
        ["2026-11-27T12:00:00Z", []],
        ["2026-11-27T11:00:00Z", ["it is 1d 1h old (taken 2026-11-27T11:00:00Z), older than the 1d allowed"]],
        [undefined, ["Atlas sent no creation time, so it cannot be shown to be younger than 1d"]],
    ])("a snapshot taken %p against maxAge 1d: %p", (createdAt, expected) => {
        expect(failedChecks(taken(createdAt), { maxAgeMs: 86_400_000, maxAge: "1d" }, now)).toEqual(expected);
    });

    test("is validated like the other durations", () => {
        expect(() => validateArgs({ ...base, checks: { maxAge: "-1d" } })).toThrow('Invalid checks.maxAge: "-1d"');
    });
});

describe("the list's arguments", () => {
    test("accept filters on status and age", () => {
        expect(validateListArgs({ ...base, status: ["completed", "failed"], maxAge: "7d" })).toEqual({
            key: base,
            api: "auto",
            status: ["completed", "failed"],
            maxAgeMs: 604_800_000,
        });
    });

    test.each([
        [{ ...base, projectId: "nope" }, "projectId"],
        [{ ...base, instanceName: "a/b" }, "instanceName"],
        [{ ...base, status: "done" }, "status"],
        [{ ...base, maxAge: "P" }, "maxAge"],
        [{ ...base, api: "other" }, "api"],
    ])("refuse %p, naming %s", (args, argument) => {
        expect(() => validateListArgs(args)).toThrow(`Invalid ${argument}: `);
    });
});

describe("waitFor's longest durations", () => {
    test("24 days, the longest a timer holds in whole days, is accepted for the timeout and the interval", () => {
        expect(validateWait({ timeout: "24d", interval: "24d" })).toMatchObject({
            timeoutMs: 24 * 86_400_000,
            intervalMs: 24 * 86_400_000,
        });
    });

    test("an interval longer than the timeout is refused with both values named", () => {
        expect(() => validateWait({ timeout: "5m", interval: "10m" })).toThrow(
            'Invalid waitFor.interval: "10m"; expected a duration of at least 1s and at most `waitFor.timeout` (5m).',
        );
    });

    test("a timeout beyond 24 days is refused before any request, naming the limit", () => {
        expect(() => validateWait({ timeout: "30d" })).toThrow(
            'Invalid waitFor.timeout: "30d"; expected a duration from 1s to 24d.',
        );
    });
});
