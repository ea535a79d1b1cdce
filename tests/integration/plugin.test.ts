// The provider plugin's functions against the emulator over real HTTP: the same reads, outputs and messages as
// the TypeScript functions, credentials from the environment, and the schema declaring what they return.
import { getServerlessBackupSnapshot as getInProgram } from "../../provider/program/get";
import { AtlasBackupSnapshotsProvider, packageVersion } from "../../provider/plugin/provider";
import { FUNCTIONS } from "../../provider/plugin/functions";
import { CHECK_ARGUMENTS, SNAPSHOT_ARGUMENTS, SNAPSHOT_LIST_ARGUMENTS } from "../../provider/snapshots/args";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { SEED } from "../e2e/programs";
import { rejectionOf } from "../helpers/caught";
import { emulator, useEmulator, useProviderEnvironment } from "../helpers/emulatorFixture";

const GET = "atlas-backup-snapshots:index:getServerlessBackupSnapshot";
const LIST = "atlas-backup-snapshots:index:getServerlessBackupSnapshots";

useEmulator();
useProviderEnvironment();

/** The schema as the engine receives it. */
function schema() {
    return JSON.parse(new AtlasBackupSnapshotsProvider().schema);
}

/** The engine's wire form of a secret value. */
function secret(value: unknown) {
    return { [specialSigKey]: specialSecretSig, value };
}

function invokeError(token: string, args: Record<string, unknown>): Promise<Error> {
    return rejectionOf(() => new AtlasBackupSnapshotsProvider().invoke(token, args), token);
}

describe("the schema", () => {
    test("declares exactly the functions the plugin serves, stamped with the package's version", () => {
        const served = schema();

        expect(Object.keys(served.functions).sort()).toEqual(Object.keys(FUNCTIONS).sort());
        expect(served.name).toBe("atlas-backup-snapshots");
        expect(served.version).toBe(packageVersion());
        expect(new AtlasBackupSnapshotsProvider().version).toBe(packageVersion());
    });

    test("declares as inputs the arguments the functions take, and no other: the rest are refused", () => {
        const served = schema();
        const inputs = (token: string) => Object.keys(served.functions[token].inputs.properties).sort();

        // waitFor is taken only to be refused with its own explanation, so the schema leaves it out.
        expect(inputs(GET)).toEqual(SNAPSHOT_ARGUMENTS.filter((name) => name !== "waitFor").sort());
        expect(inputs(LIST)).toEqual([...SNAPSHOT_LIST_ARGUMENTS].sort());
        expect(Object.keys(served.types["atlas-backup-snapshots:index:SnapshotChecks"].properties).sort()).toEqual(
            [...CHECK_ARGUMENTS].sort(),
        );
    });

    test("declares the same fields for a snapshot returned alone and in a list", () => {
        const served = schema();
        const single = served.functions[GET].outputs;
        const listed = served.types["atlas-backup-snapshots:index:Snapshot"];

        expect(single.properties).toEqual(listed.properties);
        expect(single.required).toEqual(listed.required);
    });
});

describe("getServerlessBackupSnapshot through the plugin", () => {
    test("reads a serverless snapshot with the environment's service account, every output declared", async () => {
        const { outputs } = await new AtlasBackupSnapshotsProvider().invoke(GET, {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: SEED.completedSnapshot,
        });

        expect(outputs).toMatchObject({
            snapshotId: SEED.completedSnapshot,
            source: "serverless",
            status: "completed",
            storageSizeBytes: 73400320,
        });
        const declared = Object.keys(schema().functions[GET].outputs.properties);
        expect(Object.keys(outputs).filter((key) => !declared.includes(key))).toEqual([]);
        expect(Object.values(outputs).filter((value) => value === undefined)).toEqual([]);
    });

    test("reads a Flex cluster's newest completed snapshot without an id, every output declared", async () => {
        const { outputs } = await new AtlasBackupSnapshotsProvider().invoke(GET, {
            projectId: SEED.projectId,
            instanceName: SEED.flexCluster,
        });

        expect(outputs).toMatchObject({ source: "flex", status: "completed", rawStatus: "COMPLETED" });
        expect(outputs.finishTime).toEqual(expect.any(String));
        const declared = Object.keys(schema().functions[GET].outputs.properties);
        expect(Object.keys(outputs).filter((key) => !declared.includes(key))).toEqual([]);
    });

    test("declares in its schema exactly the fields a serverless and a Flex read produce", async () => {
        const provider = new AtlasBackupSnapshotsProvider();
        const reads = await Promise.all([
            provider.invoke(GET, {
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                snapshotId: SEED.completedSnapshot,
            }),
            provider.invoke(GET, {
                projectId: SEED.projectId,
                instanceName: SEED.flexCluster,
                snapshotId: SEED.flexSnapshot,
            }),
        ]);

        const produced = new Set(reads.flatMap(({ outputs }) => Object.keys(outputs)));
        expect([...produced].sort()).toEqual(Object.keys(schema().functions[GET].outputs.properties).sort());
    });

    test("fails a check with the very message the TypeScript function gives", async () => {
        const args = {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: SEED.completedSnapshot,
            checks: { minTimeToExpiry: "60d" },
        };

        const fromPlugin = await invokeError(GET, args);
        const fromProgram = await getInProgram(args).then(
            () => new Error("the TypeScript function did not fail"),
            (error: Error) => error,
        );

        expect(fromPlugin.message).toContain(`Snapshot ${SEED.completedSnapshot} of "orders"`);
        expect(fromPlugin.message).toContain("less than the 60d required");
        // Only the time left, counted from each read's own clock, may differ.
        const timeLeft = /expires in [^(]+\(/;
        expect(fromPlugin.message.replace(timeLeft, "expires in … (")).toBe(
            fromProgram.message.replace(timeLeft, "expires in … ("),
        );
    });

    test("refuses a malformed argument before any request, naming it and the form expected", async () => {
        const error = await invokeError(GET, {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: "5F4E3D2C1B0A998877665544",
        });

        expect(error.message).toBe(
            'Invalid snapshotId: "5F4E3D2C1B0A998877665544"; expected 24 lowercase hexadecimal characters, like ' +
                "32b6e34b3d91647abb20e7b8.",
        );
        expect(emulator.requests()).toEqual([]);
    });

    test("refuses waitFor, which a function that cannot tell a preview from an update must not honour", async () => {
        const error = await invokeError(GET, {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: SEED.inProgressSnapshot,
            waitFor: { timeout: "5m" },
        });

        expect(error.message).toMatch(/^Invalid waitFor: \{"timeout":"5m"\}; expected no waitFor in the provider/);
        expect(emulator.requests()).toEqual([]);
    });

    test("keeps every output that spells out a secret key argument secret", async () => {
        const { outputs } = await new AtlasBackupSnapshotsProvider().invoke(GET, {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: secret(SEED.completedSnapshot),
        });

        expect(outputs.snapshotId).toEqual(secret(SEED.completedSnapshot));
        expect(outputs.links).toEqual(secret(expect.any(Array)));
        expect(outputs.status).toBe("completed");
    });

    test("shows [secret] where a secret key argument would stand in a failure's message", async () => {
        const error = await invokeError(GET, {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            snapshotId: secret(SEED.completedSnapshot),
            checks: { minTimeToExpiry: "60d" },
        });

        expect(error.message).toContain('Snapshot [secret] of "orders"');
        expect(error.message).not.toContain(SEED.completedSnapshot);
    });

    test("names the missing credential when the environment has none, before any request", async () => {
        const saved = process.env.MONGODB_ATLAS_CLIENT_SECRET;
        delete process.env.MONGODB_ATLAS_CLIENT_SECRET;
        try {
            const error = await invokeError(GET, {
                projectId: SEED.projectId,
                instanceName: SEED.serverlessInstance,
                snapshotId: SEED.completedSnapshot,
            });

            expect(error.message).toMatch(/^Incomplete Atlas credentials: found a service account client id/);
            expect(error.message).toContain("MONGODB_ATLAS_CLIENT_SECRET");
            expect(emulator.requests()).toEqual([]);
        } finally {
            process.env.MONGODB_ATLAS_CLIENT_SECRET = saved;
        }
    });

    test("answers an unknown token with the tokens it serves", async () => {
        const error = await invokeError("atlas-backup-snapshots:index:getSnapshot", {});

        expect(error.message).toContain("Unknown function atlas-backup-snapshots:index:getSnapshot");
        expect(error.message).toContain(GET);
        expect(error.message).toContain("pulumi package gen-sdk");
    });
});

describe("getServerlessBackupSnapshots through the plugin", () => {
    test("lists an instance's snapshots filtered by status, newest first, with Atlas's count", async () => {
        const { outputs } = await new AtlasBackupSnapshotsProvider().invoke(LIST, {
            projectId: SEED.projectId,
            instanceName: SEED.serverlessInstance,
            status: "completed",
        });

        expect(outputs.source).toBe("serverless");
        expect(outputs.totalCount).toBe(5);
        const created = outputs.snapshots.map((s: { createdAt: string }) => Date.parse(s.createdAt));
        expect(created).toEqual([...created].sort((a, b) => b - a));
        expect(outputs.snapshots.every((s: { status: string }) => s.status === "completed")).toBe(true);
        expect(emulator.requests().every((r) => r.method === "GET" || r.route === "token")).toBe(true);
    });
});
