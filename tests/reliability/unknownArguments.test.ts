// A misspelt argument is refused at every entry point before any request (the emulator's log stays empty), naming
// it and the argument it most likely means: ignored, a misspelt `snapshotId` would read the newest snapshot instead.
// The dynamic provider's read, which gets keys the package registers itself, still reads past them.
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import {
    ServerlessBackupSnapshot,
    ServerlessBackupSnapshots,
    UnknownArgumentError,
    getServerlessBackupSnapshot,
    getServerlessBackupSnapshotOutput,
    getServerlessBackupSnapshots,
    getServerlessBackupSnapshotsOutput,
} from "../../provider";
import { AtlasBackupSnapshotsProvider } from "../../provider/plugin/provider";
import { SNAPSHOT_PROVIDER_SOURCE } from "../../provider/program/dynamicProvider";
import { createHash } from "crypto";
import { readStepValue } from "../../provider/snapshots/outputs";
import { snapshotListResourceId, snapshotResourceId } from "../../provider/snapshots/resourceId";
import * as runtime from "../../provider/dynamic/providers";
import { SEED } from "../e2e/programs";
import { rejectionOf } from "../helpers/caught";
import { emulator, useEmulator, useProviderEnvironment } from "../helpers/emulatorFixture";

const GET = "atlas-backup-snapshots:index:getServerlessBackupSnapshot";
const LIST = "atlas-backup-snapshots:index:getServerlessBackupSnapshots";

useEmulator();
useProviderEnvironment();

const instance = { projectId: SEED.projectId, instanceName: SEED.serverlessInstance };
/** A snapshot named with a misspelt `snapshotId`: ignored, the newest completed snapshot would be read instead. */
const misspelt = { ...instance, snapshotID: SEED.expiringSnapshot };
const MISSPELT = "Unknown argument snapshotID; did you mean snapshotId?";

/** What `act` threw synchronously, which must be a RunError whose cause is the unknown-argument error. */
function thrownAtCall(act: () => unknown): Error {
    try {
        act();
    } catch (error) {
        expect(pulumi.RunError.isInstance(error)).toBe(true);
        expect((error as Error & { cause?: unknown }).cause).toBeInstanceOf(UnknownArgumentError);
        return error as Error;
    }
    throw new Error("nothing was thrown");
}

describe("the program's entry points", () => {
    test("ServerlessBackupSnapshot refuses a misspelt snapshotId in its constructor, before registering", () => {
        const error = thrownAtCall(() => new ServerlessBackupSnapshot("typo", misspelt as never));

        expect(error.message).toBe(MISSPELT);
        expect(emulator.requests()).toEqual([]);
    });

    test("ServerlessBackupSnapshot lists its arguments for a name close to none, whatever the other values", () => {
        const unknownValue = pulumi.output(Promise.resolve(SEED.projectId));
        const error = thrownAtCall(
            () => new ServerlessBackupSnapshot("typo", { ...instance, projectId: unknownValue, region: "eu" } as never),
        );

        expect(error.message).toBe(
            "Unknown argument region; expected one of projectId, instanceName, snapshotId, api, checks, waitFor.",
        );
    });

    test("ServerlessBackupSnapshots refuses an argument of the single snapshot", () => {
        const error = thrownAtCall(
            () => new ServerlessBackupSnapshots("typo", { ...instance, snapshotId: SEED.completedSnapshot } as never),
        );

        expect(error.message).toBe(
            "Unknown argument snapshotId; expected one of projectId, instanceName, api, status, maxAge.",
        );
    });

    test("ServerlessBackupSnapshots names the filter a misspelt one means", () => {
        const error = thrownAtCall(() => new ServerlessBackupSnapshots("typo", { ...instance, maxage: "7d" } as never));

        expect(error.message).toBe("Unknown argument maxage; did you mean maxAge?");
    });

    test("getServerlessBackupSnapshot rejects a misspelt snapshotId before any request", async () => {
        await expect(getServerlessBackupSnapshot(misspelt as never)).rejects.toThrow(MISSPELT);
        expect(emulator.requests()).toEqual([]);
    });

    test("getServerlessBackupSnapshotOutput refuses it at the call, while its inputs are still outputs", () => {
        const error = thrownAtCall(() =>
            getServerlessBackupSnapshotOutput({
                projectId: pulumi.output(SEED.projectId),
                instanceName: pulumi.secret(SEED.serverlessInstance),
                snapshotID: pulumi.output(SEED.expiringSnapshot),
            } as never),
        );

        expect(error.message).toBe(MISSPELT);
        expect(emulator.requests()).toEqual([]);
    });

    test("getServerlessBackupSnapshotOutput refuses it also when the arguments come as one output", async () => {
        const result = getServerlessBackupSnapshotOutput(pulumi.output(misspelt) as never);
        // An Output offers no rejection of its own: its value's promise, and those of whether it is known and
        // secret, carry the failure.
        const inner = result as unknown as {
            promise(): Promise<unknown>;
            isKnown: Promise<boolean>;
            isSecret: Promise<boolean>;
        };
        const [settled] = await Promise.allSettled([inner.promise(), inner.isKnown, inner.isSecret]);

        expect(settled).toMatchObject({ status: "rejected", reason: { message: MISSPELT } });
        expect(emulator.requests()).toEqual([]);
    });

    test("getServerlessBackupSnapshots rejects a misspelt filter before any request", async () => {
        await expect(getServerlessBackupSnapshots({ ...instance, Status: "completed" } as never)).rejects.toThrow(
            "Unknown argument Status; did you mean status?",
        );
        expect(emulator.requests()).toEqual([]);
    });

    test("getServerlessBackupSnapshotsOutput refuses it at the call", () => {
        const error = thrownAtCall(() =>
            getServerlessBackupSnapshotsOutput({ ...instance, maxAgeDays: pulumi.output(7) } as never),
        );

        expect(error.message).toBe("Unknown argument maxAgeDays; did you mean maxAge?");
    });

    test("a misspelt check is named with the check it means", async () => {
        const args = { ...instance, snapshotId: SEED.completedSnapshot, checks: { statsu: "completed" } };
        const message = "Unknown argument checks.statsu; did you mean checks.status?";

        expect(thrownAtCall(() => new ServerlessBackupSnapshot("typo", args as never)).message).toBe(message);
        await expect(getServerlessBackupSnapshot(args as never)).rejects.toThrow(message);
        expect(emulator.requests()).toEqual([]);
    });
});

describe("the provider plugin's functions", () => {
    function invokeError(token: string, args: Record<string, unknown>): Promise<Error> {
        return rejectionOf(() => new AtlasBackupSnapshotsProvider().invoke(token, args), token);
    }

    test("getServerlessBackupSnapshot refuses a misspelt snapshotId before any request", async () => {
        const error = await invokeError(GET, misspelt);

        expect(error).toBeInstanceOf(UnknownArgumentError);
        expect(error.message).toBe(MISSPELT);
        expect(emulator.requests()).toEqual([]);
    });

    test("a misspelt argument given as a secret is named, its value never shown", async () => {
        const secretValue = { [specialSigKey]: specialSecretSig, value: SEED.expiringSnapshot };
        const error = await invokeError(GET, { ...instance, snapshotID: secretValue });

        expect(error.message).toBe(MISSPELT);
        expect(error.message).not.toContain(SEED.expiringSnapshot);
    });

    test("the misspelt name is refused before the plugin's refusal of waitFor", async () => {
        const error = await invokeError(GET, { ...misspelt, waitFor: { status: "completed" } });

        expect(error.message).toBe(MISSPELT);
    });

    test("getServerlessBackupSnapshots refuses an argument it does not take before any request", async () => {
        const error = await invokeError(LIST, { ...instance, snapshotId: SEED.completedSnapshot });

        expect(error.message).toBe(
            "Unknown argument snapshotId; expected one of projectId, instanceName, api, status, maxAge.",
        );
        expect(emulator.requests()).toEqual([]);
    });
});

describe("the dynamic provider's read", () => {
    test("reads past the keys the constructor registers itself, and refreshes from the outputs it returned", async () => {
        // What the engine handed `read` for a read step of 0.1.0: the inputs, every output key registered as
        // undefined, the api default, secretArguments and the serialized provider.
        const inputs = {
            ...instance,
            snapshotId: SEED.completedSnapshot,
            status: undefined,
            source: undefined,
            links: undefined,
            api: "auto",
            secretArguments: undefined,
            __provider: SNAPSHOT_PROVIDER_SOURCE,
        };
        const id = snapshotResourceId({ ...instance, snapshotId: SEED.completedSnapshot });

        const first = await runtime.read(id, inputs);
        const refreshed = await runtime.read(id, { ...first.props, __provider: SNAPSHOT_PROVIDER_SOURCE });

        expect(readStepValue(first.props.snapshot)).toMatchObject({ status: "completed", source: "serverless" });
        expect(readStepValue(refreshed.props.snapshot)).toMatchObject({
            status: "completed",
            snapshotId: SEED.completedSnapshot,
        });
    });

    test("refreshes a state written by version 0.1.0: its digest id, and keys this version no longer writes", async () => {
        const digest = (plain: string) => `sha256:${createHash("sha256").update(plain).digest("hex")}`;
        const key = { ...instance, snapshotId: SEED.completedSnapshot };
        const lastOutputs = { ...key, api: "auto", source: "serverless", status: "completed", retired: "kept" };

        const snapshot = await runtime.read(digest(snapshotResourceId(key)), lastOutputs);
        const list = await runtime.readList(digest(snapshotListResourceId(instance)), {
            ...instance,
            api: "auto",
            source: "serverless",
            snapshots: [],
            totalCount: 0,
            retired: "kept",
        });

        expect(readStepValue(snapshot.props.snapshot)).toMatchObject({
            status: "completed",
            snapshotId: SEED.completedSnapshot,
        });
        expect((list.props as { totalCount: number }).totalCount).toBeGreaterThan(0);
    });
});
