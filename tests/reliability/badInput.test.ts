// Bad input is refused before any request (the emulator's log stays empty), with a message naming the argument,
// the value and the form expected. Both paths are covered: the provider's read and the get… function.
import { getServerlessBackupSnapshot } from "../../provider";
import { readStepValue } from "../../provider/snapshots/outputs";
import * as runtime from "../../provider/dynamic/providers";
import { snapshotResourceId } from "../../provider/snapshots/resourceId";
import { SEED } from "../e2e/programs";
import { emulator, useEmulator, useProviderEnvironment } from "../helpers/emulatorFixture";

useEmulator();
useProviderEnvironment();

const good = { projectId: SEED.projectId, instanceName: SEED.flexCluster, snapshotId: SEED.flexSnapshot };

/** Reads through the provider's runtime, as the engine does, and through the get function; both must refuse. */
async function refusals(args: Record<string, unknown>): Promise<string[]> {
    const messages: string[] = [];
    const id = `${args.projectId}/${args.instanceName}/${args.snapshotId}`;
    await runtime.read(id, args).then(
        () => messages.push("provider read succeeded"),
        (error: Error) => messages.push(error.message),
    );
    await getServerlessBackupSnapshot(args as never).then(
        () => messages.push("get succeeded"),
        (error: Error) => messages.push(error.message),
    );
    return messages;
}

test.each([
    ["projectId", "23 characters", "32b6e34b3d91647abb20e7b"],
    ["projectId", "25 characters", "32b6e34b3d91647abb20e7b8a"],
    ["projectId", "upper-case hex", "32B6E34B3D91647ABB20E7B8"],
    ["projectId", "non-hex", "zzb6e34b3d91647abb20e7b8"],
    ["projectId", "empty", ""],
    ["snapshotId", "23 characters", "6a6f78e0cab84da5c4476b2"],
    ["snapshotId", "25 characters", "6a6f78e0cab84da5c4476b25f"],
    ["snapshotId", "upper-case hex", "6A6F78E0CAB84DA5C4476B25"],
    ["snapshotId", "non-hex", "6a6f78e0cab84da5c4476bzz"],
    ["snapshotId", "empty", ""],
    ["instanceName", "a slash", "pay/ments"],
    ["instanceName", "dot-dot", ".."],
    ["instanceName", "an encoded slash", "pay%2Fments"],
    ["instanceName", "a space", "pay ments"],
    ["instanceName", "a leading hyphen", "-payments"],
    ["instanceName", "unicode", "päyments"],
    ["instanceName", "1,000 characters", "p".repeat(1000)],
    ["instanceName", "empty", ""],
    ["api", "an unknown api", "other"],
])("%s with %s is refused before any request", async (argument, _description, value) => {
    const messages = await refusals({ ...good, [argument]: value });

    for (const message of messages) {
        expect(message).toContain(`Invalid ${argument}: `);
        expect(message).toMatch(/expected /);
        expect(message.length).toBeLessThan(400);
    }
    expect(emulator.requests()).toEqual([]);
});

test.each(["7", "-1d", "P", "PT", "7 days", ""])(
    "checks.minTimeToExpiry %p is refused before any request",
    async (value) => {
        const messages = await refusals({ ...good, checks: { minTimeToExpiry: value } });

        for (const message of messages) {
            expect(message).toContain(`Invalid checks.minTimeToExpiry: ${JSON.stringify(value)}`);
            expect(message).toContain('"90m", "36h", "7d"');
        }
        expect(emulator.requests()).toEqual([]);
    },
);

test.each([
    ["not a URL", { MONGODB_ATLAS_BASE_URL: "cloud mongodb com" }, /Invalid Atlas base URL .*absolute URL/],
    [
        "plain http to a remote host",
        { MONGODB_ATLAS_BASE_URL: "http://cloud.mongodb.com" },
        /cross the network in clear/,
    ],
    [
        "a public key without a private key",
        { MONGODB_ATLAS_CLIENT_ID: "", MONGODB_ATLAS_CLIENT_SECRET: "", MONGODB_ATLAS_PUBLIC_API_KEY: "emulpubk" },
        /Incomplete Atlas credentials: found an API public key \(environment variable MONGODB_ATLAS_PUBLIC_API_KEY\) without its private key/,
    ],
    [
        "a client id without its secret",
        { MONGODB_ATLAS_CLIENT_SECRET: "" },
        /service account client id .* without its secret/,
    ],
    [
        "no credentials at all",
        { MONGODB_ATLAS_CLIENT_ID: "", MONGODB_ATLAS_CLIENT_SECRET: "" },
        /No Atlas credentials found/,
    ],
    ["a zero attempt count", { ATLAS_MAX_ATTEMPTS: "0" }, /Invalid ATLAS_MAX_ATTEMPTS: "0"/],
    ["a concurrency above the limit", { ATLAS_MAX_CONCURRENCY: "1000" }, /Invalid ATLAS_MAX_CONCURRENCY: "1000"/],
])("%s is refused before any request", async (_case, env, expected) => {
    Object.assign(process.env, env);

    const messages = await refusals(good);

    expect(messages).toHaveLength(2);
    for (const message of messages) {
        expect(message).toMatch(expected);
    }
    expect(emulator.requests()).toEqual([]);
});

test("an id that does not match the arguments is refused by the provider before any request", async () => {
    const read = runtime.read(snapshotResourceId({ ...good, snapshotId: SEED.completedSnapshot }), good);

    await expect(read).rejects.toThrow(/Invalid id: .*expected the resource id of its arguments/);
    expect(emulator.requests()).toEqual([]);
});

test("stack config takes precedence over the environment in the provider", async () => {
    runtime.configure({ get: (key) => (key === "mongodbatlas:baseUrl" ? "http://cloud.mongodb.com" : undefined) });

    await expect(runtime.read(snapshotResourceId(good), good)).rejects.toThrow(
        /from stack config mongodbatlas:baseUrl: credentials would cross the network in clear/,
    );
    expect(emulator.requests()).toEqual([]);
});

test("the same arguments, well formed, read the snapshot through both paths", async () => {
    const viaProvider = await runtime.read(snapshotResourceId(good), good);
    const viaGet = await getServerlessBackupSnapshot(good);

    expect(readStepValue(viaProvider.props.snapshot)).toMatchObject({ status: "completed", source: "flex" });
    expect(viaGet).toMatchObject({ status: "completed", source: "flex" });
});
