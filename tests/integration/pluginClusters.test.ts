// The provider plugin's dedicated-cluster functions against the emulator over real HTTP: the TypeScript functions'
// reads and messages, every output declared in the schema, secrets kept secret.
import { getCloudBackupSnapshot as getInProgram } from "../../provider/program/clusterGet";
import { CLUSTER_SNAPSHOT_ARGUMENTS, CLUSTER_SNAPSHOT_LIST_ARGUMENTS } from "../../provider/clusters/args";
import { AtlasBackupSnapshotsProvider } from "../../provider/plugin/provider";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { rejectionOf } from "../helpers/caught";
import { emulator, useEmulator, useProviderEnvironment } from "../helpers/emulatorFixture";

const GET = "atlas-backup-snapshots:index:getCloudBackupSnapshot";
const LIST = "atlas-backup-snapshots:index:getCloudBackupSnapshots";
const PROJECT = "32b6e34b3d91647abb20e7b8";

useEmulator();
useProviderEnvironment();

const schema = () => JSON.parse(new AtlasBackupSnapshotsProvider().schema);
const invoke = (token: string, args: Record<string, unknown>) => new AtlasBackupSnapshotsProvider().invoke(token, args);
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("the schema", () => {
    test("declares the functions' arguments (waitFor refused, so left out) and one snapshot type for both", () => {
        const served = schema();
        const inputs = (token: string) => Object.keys(served.functions[token].inputs.properties).sort();

        expect(inputs(GET)).toEqual(CLUSTER_SNAPSHOT_ARGUMENTS.filter((name) => name !== "waitFor").sort());
        expect(inputs(LIST)).toEqual([...CLUSTER_SNAPSHOT_LIST_ARGUMENTS].sort());
        expect(served.functions[GET].outputs.properties).toEqual(
            served.types["atlas-backup-snapshots:index:CloudBackupSnapshot"].properties,
        );
    });
});

describe("getCloudBackupSnapshot through the plugin", () => {
    test("reads a replica set's and a sharded cluster's newest completed snapshots, every field declared", async () => {
        const [replicaSet, sharded] = await Promise.all([
            invoke(GET, { projectId: PROJECT, clusterName: "analytics" }),
            invoke(GET, { projectId: PROJECT, clusterName: "ledger" }),
        ]);

        expect(replicaSet.outputs).toMatchObject({
            clusterName: "analytics",
            snapshotId: "6b2c1e0a9f3d4b5a6c7d8e01",
            status: "completed",
            type: "replicaSet",
            cloudProvider: "AWS",
        });
        expect(sharded.outputs).toMatchObject({
            clusterName: "ledger",
            type: "shardedCluster",
            configServerType: "EMBEDDED",
        });
        expect(sharded.outputs.members).toHaveLength(3);
        const declared = Object.keys(schema().functions[GET].outputs.properties);
        for (const { outputs } of [replicaSet, sharded]) {
            expect(Object.keys(outputs).filter((key) => !declared.includes(key))).toEqual([]);
        }
    });

    test("fails a check with the very message the TypeScript function gives", async () => {
        const args = {
            projectId: PROJECT,
            clusterName: "analytics",
            snapshotId: "6b2c1e0a9f3d4b5a6c7d8e03",
            checks: { maxAge: "1d" },
        };

        const fromPlugin = await rejectionOf(() => invoke(GET, args), GET);
        const fromProgram = await getInProgram(args).then(
            () => new Error("the TypeScript function did not fail"),
            (error: Error) => error,
        );

        expect(fromPlugin.message).toContain('Snapshot 6b2c1e0a9f3d4b5a6c7d8e03 of "analytics"');
        const age = /taken [^(]+\(/;
        expect(fromPlugin.message.replace(age, "taken … (")).toBe(fromProgram.message.replace(age, "taken … ("));
    });

    test("refuses `instanceName` and waitFor before any request", async () => {
        const misnamed = await rejectionOf(() => invoke(GET, { projectId: PROJECT, instanceName: "analytics" }), GET);
        expect(misnamed.message).toMatch(/^Unknown argument instanceName/);
        const waiting = await rejectionOf(
            () =>
                invoke(GET, {
                    projectId: PROJECT,
                    clusterName: "analytics",
                    snapshotId: "6b2c1e0a9f3d4b5a6c7d8e05",
                    waitFor: {},
                }),
            GET,
        );
        expect(waiting.message).toMatch(/^Invalid waitFor: .*CloudBackupSnapshot/);
        expect(emulator.requests()).toEqual([]);
    });

    test("keeps outputs that spell out a secret cluster name secret, and the message says [secret]", async () => {
        const { outputs } = await invoke(GET, { projectId: PROJECT, clusterName: secret("analytics") });

        expect(outputs.clusterName).toEqual(secret("analytics"));
        expect(outputs.links).toEqual(secret(expect.any(Array)));
        expect(outputs.status).toBe("completed");

        const error = await rejectionOf(
            () => invoke(GET, { projectId: PROJECT, clusterName: secret("analytics"), checks: { maxAge: "1h" } }),
            GET,
        );
        expect(error.message).toContain('of "[secret]"');
        expect(error.message).not.toContain("analytics");
    });
});

describe("getCloudBackupSnapshots through the plugin", () => {
    test("lists a cluster's snapshots, filtered, with Atlas's count", async () => {
        const { outputs } = await invoke(LIST, { projectId: PROJECT, clusterName: "analytics", status: "completed" });

        expect(outputs).toMatchObject({ projectId: PROJECT, clusterName: "analytics", totalCount: 5 });
        expect((outputs.snapshots as { status: string }[]).map((s) => s.status)).toEqual([
            "completed",
            "completed",
            "completed",
        ]);
    });

    test("a Flex cluster's name is sent to getServerlessBackupSnapshots", async () => {
        const error = await rejectionOf(() => invoke(LIST, { projectId: PROJECT, clusterName: "payments" }), LIST);

        expect(error.message).toMatch(/"payments" is a Flex cluster.*ServerlessBackupSnapshot/s);
    });
});
