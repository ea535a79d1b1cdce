// The data source's arguments are checked before any request, so bad input never reaches Atlas.
import {
    CHECK_ARGUMENTS,
    SNAPSHOT_ARGUMENTS,
    SNAPSHOT_LIST_ARGUMENTS,
    WAIT_ARGUMENTS,
    closestName,
    editDistance,
    refuseUnknownArguments,
    validateApi,
    validateArgs,
    validateAtlasId,
    validateChecks,
    validateInstanceName,
    validateStatuses,
} from "../../provider/snapshots/args";
import type {
    PlainSnapshotArgs,
    PlainSnapshotListArgs,
    SnapshotChecks,
    SnapshotWait,
} from "../../provider/snapshots/args";
import { InputError, UnknownArgumentError } from "../../provider/common/errors";
import type {
    ServerlessBackupSnapshotArgs,
    SnapshotChecksInput,
    SnapshotWaitInput,
} from "../../provider/program/resource";
import type { ServerlessBackupSnapshotsArgs } from "../../provider/program/snapshotList";

const valid = {
    projectId: "32b6e34b3d91647abb20e7b8",
    instanceName: "orders",
    snapshotId: "6a6f78e0cab84da5c4476b25",
};

/** Runs `act`, expects an InputError, and returns it. */
function inputErrorOf(act: () => unknown): InputError {
    try {
        act();
    } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return error as InputError;
    }
    throw new Error("expected an InputError, but nothing was thrown");
}

describe("validateArgs", () => {
    test("accepts valid ids and a name, and defaults to api auto with no checks", () => {
        const result = validateArgs(valid);

        expect(result).toStrictEqual({ key: valid, api: "auto", checks: {} });
    });

    test("treats null api and checks as absent", () => {
        const result = validateArgs({ ...valid, api: null, checks: null });

        expect(result.api).toBe("auto");
        expect(result.checks).toStrictEqual({});
    });

    test("accepts every check and resolves the duration", () => {
        const result = validateArgs({
            ...valid,
            api: "flex",
            checks: { status: ["completed", "inProgress"], minTimeToExpiry: "36h" },
        });

        expect(result).toStrictEqual({
            key: valid,
            api: "flex",
            checks: { status: ["completed", "inProgress"], minTimeToExpiryMs: 36 * 3_600_000, minTimeToExpiry: "36h" },
        });
    });

    test.each(["projectId", "instanceName"] as const)("refuses a missing %s", (argument) => {
        const error = inputErrorOf(() => validateArgs({ ...valid, [argument]: undefined }));

        expect(error.argument).toBe(argument);
        expect(error.message).toContain("nothing");
    });
});

describe("validateAtlasId", () => {
    test.each([
        ["23 characters", "32b6e34b3d91647abb20e7b"],
        ["25 characters", "32b6e34b3d91647abb20e7b8a"],
        ["upper-case hex", "32B6E34B3D91647ABB20E7B8"],
        ["a non-hex letter", "32b6e34b3d91647abb20e7bg"],
        ["an empty string", ""],
        ["a path segment around a valid id", "../32b6e34b3d91647abb20e7b8"],
        ["a trailing newline", "32b6e34b3d91647abb20e7b8\n"],
    ])("refuses %s, naming the argument, the value and the expected form", (_case, value) => {
        const error = inputErrorOf(() => validateAtlasId("snapshotId", value));

        expect(error.argument).toBe("snapshotId");
        expect(error.message).toBe(
            `Invalid snapshotId: ${JSON.stringify(value)}; ` +
                "expected 24 lowercase hexadecimal characters, like 32b6e34b3d91647abb20e7b8.",
        );
    });

    test.each([
        ["a number", 42, "42"],
        ["null", null, "null"],
        ["an array", ["32b6e34b3d91647abb20e7b8"], '["32b6e34b3d91647abb20e7b8"]'],
    ])("refuses %s instead of a string", (_case, value, shown) => {
        const error = inputErrorOf(() => validateAtlasId("projectId", value));

        expect(error.message).toContain(`Invalid projectId: ${shown};`);
    });

    test("accepts 24 lowercase hexadecimal characters and returns them unchanged", () => {
        expect(validateAtlasId("projectId", "0123456789abcdef01234567")).toBe("0123456789abcdef01234567");
    });
});

describe("validateInstanceName", () => {
    test.each([
        ["a slash", "orders/backup"],
        ["a parent segment", ".."],
        ["an encoded slash", "orders%2Fbackup"],
        ["a space", "my orders"],
        ["a leading hyphen", "-orders"],
        ["unicode letters", "clüster"],
        ["an underscore", "orders_eu"],
        ["an empty string", ""],
        ["65 characters", "a".repeat(65)],
    ])("refuses %s, naming the argument, the value and the expected form", (_case, value) => {
        const error = inputErrorOf(() => validateInstanceName("instanceName", value));

        expect(error.argument).toBe("instanceName");
        expect(error.message).toContain(`Invalid instanceName: ${JSON.stringify(value)};`);
        expect(error.message).toContain("ASCII letters, digits and hyphens");
        expect(error.message).toContain("at most 64 characters");
    });

    test("refuses a name of 1,000 characters and shows only the start of it", () => {
        const error = inputErrorOf(() => validateInstanceName("instanceName", "x".repeat(1000)));

        expect(error.message).toContain(`Invalid instanceName: "${"x".repeat(40)}`);
        expect(error.message).toContain("...");
        expect(error.message.length).toBeLessThan(400);
    });

    test.each(["orders", "Cluster0", "0cluster", "cluster-209", "a", "a".repeat(64)])("accepts %s", (name) => {
        expect(validateInstanceName("instanceName", name)).toBe(name);
    });
});

describe("validateApi", () => {
    test.each([
        [undefined, "auto"],
        [null, "auto"],
        ["auto", "auto"],
        ["flex", "flex"],
        ["serverless", "serverless"],
    ])("takes %p as %s", (value, expected) => {
        expect(validateApi(value)).toBe(expected);
    });

    test.each(["other", "Flex", "", 1])("refuses %p, listing the choices", (value) => {
        const error = inputErrorOf(() => validateApi(value));

        expect(error.argument).toBe("api");
        expect(error.message).toBe(
            `Invalid api: ${JSON.stringify(value)}; expected one of "auto", "flex", "serverless".`,
        );
    });
});

describe("validateStatuses", () => {
    test("turns a single status into a list of one", () => {
        expect(validateStatuses("checks.status", "completed")).toStrictEqual(["completed"]);
    });

    test("keeps a list of statuses", () => {
        expect(validateStatuses("checks.status", ["queued", "inProgress"])).toStrictEqual(["queued", "inProgress"]);
    });

    test.each([
        ["a Flex status", "COMPLETED"],
        ["a status in the wrong case", "Completed"],
        ["an unknown status", "done"],
        ["a list with one unknown status", ["completed", "done"]],
        ["an empty list", []],
        ["a number", 1],
    ])("refuses %s, naming the accepted statuses", (_case, value) => {
        const error = inputErrorOf(() => validateStatuses("checks.status", value));

        expect(error.argument).toBe("checks.status");
        expect(error.message).toBe(
            `Invalid checks.status: ${JSON.stringify(value)}; ` +
                "expected a status or a list of statuses among queued, inProgress, completed, failed.",
        );
    });
});

describe("validateChecks", () => {
    test("takes absent checks as no checks", () => {
        expect(validateChecks(undefined)).toStrictEqual({});
    });

    test("refuses an unknown check, naming it and the checks there are", () => {
        const error = inputErrorOf(() => validateChecks({ status: "completed", maxSize: "7d" }));

        expect(error.argument).toBe("checks.maxSize");
        expect(error.message).toBe(
            "Unknown argument checks.maxSize; expected one of checks.status, checks.minTimeToExpiry, checks.maxAge.",
        );
    });

    test("refuses a misspelt check, naming the check it most likely means", () => {
        const error = inputErrorOf(() => validateChecks({ minTimeToExpiration: "7d" }));

        expect(error).toBeInstanceOf(UnknownArgumentError);
        expect(error.message).toBe("Unknown argument checks.minTimeToExpiration; did you mean checks.minTimeToExpiry?");
    });

    test.each([
        ["a string", "completed"],
        ["a list", ["completed"]],
        ["a number", 7],
    ])("refuses checks given as %s", (_case, value) => {
        const error = inputErrorOf(() => validateChecks(value));

        expect(error.argument).toBe("checks");
        expect(error.message).toContain("expected an object with any of `status`, `minTimeToExpiry` and `maxAge`");
    });

    test("refuses an invalid status check through validateArgs", () => {
        const error = inputErrorOf(() => validateArgs({ ...valid, checks: { status: "done" } }));

        expect(error.argument).toBe("checks.status");
        expect(error.message).toContain('"done"');
    });

    test("refuses a duration without a unit, naming checks.minTimeToExpiry", () => {
        const error = inputErrorOf(() => validateChecks({ minTimeToExpiry: "7" }));

        expect(error.argument).toBe("checks.minTimeToExpiry");
        expect(error.message).toContain('Invalid checks.minTimeToExpiry: "7";');
    });

    test("keeps a single status check as a list and the duration as written", () => {
        expect(validateChecks({ status: "completed", minTimeToExpiry: "P7D" })).toStrictEqual({
            status: ["completed"],
            minTimeToExpiryMs: 7 * 86_400_000,
            minTimeToExpiry: "P7D",
        });
    });
});

describe("editDistance", () => {
    test.each([
        ["", "", 0],
        ["", "api", 3],
        ["api", "", 3],
        ["api", "api", 0],
        ["snapshotid", "snapshotId", 1],
        ["kitten", "sitting", 3],
        ["checks", "chekcs", 2],
        ["waitfor", "wait", 3],
        ["maxage", "mxaage", 2],
        ["flaw", "lawn", 2],
    ])("from %p to %p is %p", (a, b, distance) => {
        expect(editDistance(a, b)).toBe(distance);
        expect(editDistance(b, a)).toBe(distance);
    });
});

describe("closestName", () => {
    test.each([
        ["snapshotID", "snapshotId"],
        ["SNAPSHOTID", "snapshotId"],
        ["snapshot_id", "snapshotId"],
        ["snapshotIds", "snapshotId"],
        ["snapshot", "snapshotId"],
        ["projectID", "projectId"],
        ["groupId", undefined],
        ["instance", "instanceName"],
        ["instance_name", "instanceName"],
        ["name", undefined],
        ["chekcs", "checks"],
        ["check", "checks"],
        ["wait", "waitFor"],
        ["waitfor", "waitFor"],
        ["wait_for", "waitFor"],
        ["API", "api"],
        ["apis", "api"],
        ["id", undefined],
        ["ap", "api"],
        ["status", undefined],
        ["", undefined],
    ])("takes %p for %p among the snapshot's arguments", (name, closest) => {
        expect(closestName(name, SNAPSHOT_ARGUMENTS)).toBe(closest);
    });

    test("prefers the nearest of two close names", () => {
        expect(closestName("abcdefghi", ["abcdefxyz", "abcdefghj"])).toBe("abcdefghj");
        expect(closestName("abcdefghi", ["abcdefghj", "abcdefxyz"])).toBe("abcdefghj");
    });

    test("keeps the first of two names as near", () => {
        expect(closestName("abcd", ["abce", "abcf"])).toBe("abce");
    });

    test("takes a name that begins the misspelt one, or that it begins, from four letters on", () => {
        expect(closestName("max", ["maxAgeInDays"])).toBeUndefined();
        expect(closestName("maxA", ["maxAgeInDays"])).toBe("maxAgeInDays");
        expect(closestName("maxAgeInDays", ["max"])).toBeUndefined();
        expect(closestName("maxAgeInDays", ["maxA"])).toBe("maxA");
        expect(closestName("snapshotIdentifier", ["snapshotId"])).toBe("snapshotId");
        expect(closestName("apiChoice", ["api"])).toBeUndefined();
    });

    test.each([
        ["maxage", "maxAge"],
        ["statuses", "status"],
        ["instance", "instanceName"],
        ["project", "projectId"],
    ])("takes %p for %p among the list's arguments", (name, closest) => {
        expect(closestName(name, SNAPSHOT_LIST_ARGUMENTS)).toBe(closest);
    });
});

describe("refuseUnknownArguments", () => {
    function refusal(args: unknown, known: readonly string[], within?: string): UnknownArgumentError {
        const error = inputErrorOf(() => refuseUnknownArguments(args, known, within));
        expect(error).toBeInstanceOf(UnknownArgumentError);
        return error as UnknownArgumentError;
    }

    test("names a misspelt snapshotId and the argument it means, never its value", () => {
        const error = refusal(
            { ...valid, snapshotId: undefined, snapshotID: "6a6f78e0cab84da5c4476b25" },
            SNAPSHOT_ARGUMENTS,
        );

        expect(error.message).toBe("Unknown argument snapshotID; did you mean snapshotId?");
        expect(error.argument).toBe("snapshotID");
        expect(error.closest).toBe("snapshotId");
        expect(error.name).toBe("UnknownArgumentError");
    });

    test("lists every argument when none is close", () => {
        const error = refusal({ ...valid, region: "eu-west-1" }, SNAPSHOT_ARGUMENTS);

        expect(error.message).toBe(
            "Unknown argument region; expected one of projectId, instanceName, snapshotId, api, checks, waitFor.",
        );
        expect(error.closest).toBeUndefined();
    });

    test("refuses a key given as undefined too: the typo is there all the same", () => {
        expect(refusal({ ...valid, snapshotID: undefined }, SNAPSHOT_ARGUMENTS).argument).toBe("snapshotID");
    });

    test("names the list's arguments for the list", () => {
        expect(refusal({ projectId: valid.projectId, maxage: "7d" }, SNAPSHOT_LIST_ARGUMENTS).message).toBe(
            "Unknown argument maxage; did you mean maxAge?",
        );
        expect(
            refusal({ projectId: valid.projectId, snapshotId: valid.snapshotId }, SNAPSHOT_LIST_ARGUMENTS).message,
        ).toBe("Unknown argument snapshotId; expected one of projectId, instanceName, api, status, maxAge.");
    });

    test("prefixes nested arguments with where they are", () => {
        expect(refusal({ statsu: "completed" }, CHECK_ARGUMENTS, "checks").message).toBe(
            "Unknown argument checks.statsu; did you mean checks.status?",
        );
        expect(refusal({ every: "1m" }, WAIT_ARGUMENTS, "waitFor").message).toBe(
            "Unknown argument waitFor.every; expected one of waitFor.status, waitFor.timeout, waitFor.interval.",
        );
    });

    test("accepts every known argument, and no argument", () => {
        const all = { ...valid, api: "auto", checks: {}, waitFor: {} };

        expect(() => refuseUnknownArguments(all, SNAPSHOT_ARGUMENTS)).not.toThrow();
        expect(() => refuseUnknownArguments({}, SNAPSHOT_ARGUMENTS)).not.toThrow();
    });

    test.each([undefined, null, "snapshotID", 7, ["snapshotID"]])(
        "leaves %p, which is no object of arguments, to the checks of its form",
        (args) => {
            expect(() => refuseUnknownArguments(args, SNAPSHOT_ARGUMENTS)).not.toThrow();
        },
    );

    test("looks at own keys only", () => {
        const inherited = Object.create({ snapshotID: "6a6f78e0cab84da5c4476b25" }) as Record<string, unknown>;
        inherited.projectId = valid.projectId;

        expect(() => refuseUnknownArguments(inherited, SNAPSHOT_ARGUMENTS)).not.toThrow();
    });
});

describe("validateArgs, the dynamic provider's validator", () => {
    test("reads past the keys the package registers itself and the outputs a refresh hands back", () => {
        // The provider's read gets the program's inputs with the output keys, `secretArguments` and `__provider`,
        // and on a refresh the last outputs; the constructors refuse unknown keys before they get there.
        const props = {
            ...valid,
            api: "auto",
            source: "flex",
            status: "completed",
            links: [],
            secretArguments: ["projectId"],
            __provider: "exports.handler = () => ...",
        };

        expect(validateArgs(props as never).key).toEqual(valid);
    });
});

describe("the known arguments", () => {
    // Each record must name every member of its types to compile, so an argument added to a type and not to the
    // list it is checked against fails here instead of being refused as unknown.
    const snapshot: Record<keyof PlainSnapshotArgs | keyof ServerlessBackupSnapshotArgs, true> = {
        projectId: true,
        instanceName: true,
        snapshotId: true,
        api: true,
        checks: true,
        waitFor: true,
    };
    const list: Record<keyof PlainSnapshotListArgs | keyof ServerlessBackupSnapshotsArgs, true> = {
        projectId: true,
        instanceName: true,
        api: true,
        status: true,
        maxAge: true,
    };
    const checks: Record<keyof SnapshotChecks | keyof SnapshotChecksInput, true> = {
        status: true,
        minTimeToExpiry: true,
        maxAge: true,
    };
    const wait: Record<keyof SnapshotWait | keyof SnapshotWaitInput, true> = {
        status: true,
        timeout: true,
        interval: true,
    };

    test.each([
        ["the snapshot's", snapshot, SNAPSHOT_ARGUMENTS],
        ["the list's", list, SNAPSHOT_LIST_ARGUMENTS],
        ["checks'", checks, CHECK_ARGUMENTS],
        ["waitFor's", wait, WAIT_ARGUMENTS],
    ])("are every member of %s argument types", (_which, members, known) => {
        expect([...known].sort()).toEqual(Object.keys(members).sort());
    });
});
