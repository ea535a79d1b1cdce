// The Atlas client against the emulator over real HTTP: both credentials, token reuse, versions, envelope,
// the Flex-to-serverless fallback and the sunset.
import { AtlasClient } from "../../provider/atlas/client";
import type { ClientSettings, Credentials } from "../../provider/atlas/settings";
import { validateArgs } from "../../provider/snapshots/args";
import { readSnapshot } from "../../provider/snapshots/read";
import { CheckFailedError, SnapshotReadError } from "../../provider/snapshots/errors";
import { SEED } from "../e2e/programs";
import { apiKey, emulator, emulatorClient, serviceAccount, useEmulator } from "../helpers/emulatorFixture";

useEmulator();
beforeEach(() => {
    emulator.setSunset("active");
});

function client(credentials: Credentials, overrides: Partial<ClientSettings> = {}): AtlasClient {
    return emulatorClient({ credentials, ...overrides });
}

function args(instanceName: string, snapshotId: string, extra: Record<string, unknown> = {}) {
    return validateArgs({ projectId: SEED.projectId, instanceName, snapshotId, ...extra });
}

describe("authentication", () => {
    test("a service account fetches one token and reuses it for every request", async () => {
        const atlas = client(serviceAccount);

        for (let i = 0; i < 5; i++) {
            await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);
        }

        const log = emulator.requests();
        expect(log.filter((r) => r.route === "token")).toHaveLength(1);
        expect(log.filter((r) => r.route === "flexSnapshot").every((r) => r.authScheme === "bearer")).toBe(true);
        expect(atlas.counters.tokensFetched).toBe(1);
    });

    test("concurrent first reads share one token request", async () => {
        const atlas = client(serviceAccount);

        await Promise.all(
            Array.from({ length: 20 }, () =>
                atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot),
            ),
        );

        expect(emulator.requests().filter((r) => r.route === "token")).toHaveLength(1);
    });

    test("an API key answers the digest challenge once, then reuses the nonce: N reads cost N + 1 requests", async () => {
        const atlas = client(apiKey);

        for (let i = 0; i < 10; i++) {
            await atlas.getSnapshot("serverless", SEED.projectId, SEED.serverlessInstance, SEED.completedSnapshot);
        }

        const log = emulator.requests();
        expect(log).toHaveLength(11);
        expect(log.filter((r) => r.status === 401)).toHaveLength(1);
    });

    test("concurrent first reads with an API key draw one digest challenge between them: N reads, N + 1 requests", async () => {
        const atlas = client(apiKey);

        await Promise.all(
            Array.from({ length: 50 }, () =>
                atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot),
            ),
        );

        const log = emulator.requests();
        expect(log.filter((r) => r.status === 401)).toHaveLength(1);
        expect(log).toHaveLength(51);
    });

    test("an expired token is replaced once, then the read succeeds", async () => {
        const atlas = client(serviceAccount);
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);

        emulator.expireTokens();
        const answer = await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);

        expect(answer.api).toBe("flex");
        expect(emulator.requests().filter((r) => r.route === "token")).toHaveLength(2);
    });

    test("a stale nonce is answered with the new challenge, then the read succeeds", async () => {
        const atlas = client(apiKey);
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);

        emulator.staleNonces();
        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);

        expect(emulator.requests().filter((r) => r.status === 401)).toHaveLength(2);
    });

    test("a wrong private key fails with 401 and names the credential's source without its value", async () => {
        const atlas = client({ ...apiKey, privateKey: "00000000-0000-0000-0000-000000000000", source: "env X" });

        const read = readSnapshot(atlas, args(SEED.flexCluster, SEED.flexSnapshot, { api: "flex" }));

        await expect(read).rejects.toThrow(SnapshotReadError);
        await expect(read).rejects.toThrow(/401.*the API key from env X/s);
        await expect(read).rejects.not.toThrow(/00000000-0000-0000-0000-000000000000/);
    });

    test("a key limited to another project gets 403 with the role and access list to check", async () => {
        const limited: Credentials = {
            kind: "apiKey",
            publicKey: "limitedk",
            privateKey: "7c0b2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f",
            source: "test",
        };

        const read = readSnapshot(client(limited), args(SEED.flexCluster, SEED.flexSnapshot, { api: "flex" }));

        await expect(read).rejects.toThrow(/403.*Project Read Only.*access list/s);
    });
});

describe("versions and envelopes", () => {
    test("each endpoint is asked for its own resource version", async () => {
        const atlas = client(serviceAccount);

        await atlas.getSnapshot("flex", SEED.projectId, SEED.flexCluster, SEED.flexSnapshot);
        await atlas.getSnapshot("serverless", SEED.projectId, SEED.serverlessInstance, SEED.completedSnapshot);

        const accepts = emulator
            .requests()
            .filter((r) => r.route !== "token")
            .map((r) => r.accept);
        expect(accepts).toEqual(["application/vnd.atlas.2024-11-13+json", "application/vnd.atlas.2023-01-01+json"]);
    });

    test("envelope=true answers are unwrapped to the same snapshot", async () => {
        const plain = await client(serviceAccount).getSnapshot(
            "serverless",
            SEED.projectId,
            SEED.serverlessInstance,
            SEED.completedSnapshot,
        );
        const enveloped = await client(serviceAccount, { envelope: true }).getSnapshot(
            "serverless",
            SEED.projectId,
            SEED.serverlessInstance,
            SEED.completedSnapshot,
        );

        expect(enveloped).toEqual(plain);
        expect(emulator.requests().some((r) => r.query.envelope === "true")).toBe(true);
    });

    test("an error inside an envelope is still an error with Atlas's code", async () => {
        const read = client(serviceAccount, { envelope: true }).getSnapshot(
            "flex",
            SEED.projectId,
            "no-such-cluster",
            SEED.flexSnapshot,
        );

        await expect(read).rejects.toMatchObject({
            failure: { kind: "http", status: 404, errorCode: "CLUSTER_NOT_FOUND" },
        });
    });
});

describe("choosing the endpoint", () => {
    test("auto reads a Flex cluster from the Flex endpoint alone", async () => {
        const snapshot = await readSnapshot(client(serviceAccount), args(SEED.flexCluster, SEED.flexSnapshot));

        expect(snapshot).toMatchObject({ source: "flex", status: "completed", rawStatus: "COMPLETED" });
        expect(emulator.requests().some((r) => r.route === "serverlessSnapshot")).toBe(false);
    });

    test("auto falls back to the serverless endpoint when Flex says the instance is not a Flex cluster", async () => {
        const snapshot = await readSnapshot(
            client(serviceAccount),
            args(SEED.serverlessInstance, SEED.completedSnapshot),
        );

        expect(snapshot).toMatchObject({ source: "serverless", status: "completed", storageSizeBytes: 73400320 });
    });

    test("a migrated Flex cluster reads the same through either endpoint, in one vocabulary", async () => {
        const viaFlex = await readSnapshot(
            client(serviceAccount),
            args(SEED.migratedCluster, SEED.migratedSnapshot, { api: "flex" }),
        );
        const viaServerless = await readSnapshot(
            client(serviceAccount),
            args(SEED.migratedCluster, SEED.migratedSnapshot, { api: "serverless" }),
        );

        expect(viaFlex.status).toBe(viaServerless.status);
        expect(viaFlex.expiresAt).toBe(viaServerless.expiresAt);
        expect(viaFlex.createdAt).toBe(viaServerless.createdAt);
        expect(viaFlex.source).toBe("flex");
        expect(viaServerless.source).toBe("serverless");
    });

    test.each(["404", "410"] as const)(
        "after the sunset (%s), a serverless instance's read explains both answers and the sunset",
        async (mode) => {
            emulator.setSunset(mode);

            const read = readSnapshot(client(serviceAccount), args(SEED.serverlessInstance, SEED.completedSnapshot));

            await expect(read).rejects.toThrow(/CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API.*sunset on 2026-01-22/s);
            await expect(read).rejects.toThrow(new RegExp(`answered ${mode}`));
        },
    );

    test("checks are enforced on the mapped snapshot", async () => {
        const read = readSnapshot(
            client(serviceAccount),
            args(SEED.serverlessInstance, SEED.inProgressSnapshot, { checks: { status: "completed" } }),
        );

        await expect(read).rejects.toThrow(CheckFailedError);
        await expect(read).rejects.toThrow(/status is inProgress, expected completed/);
    });

    test("a missing snapshot names the snapshot, not the instance", async () => {
        const read = readSnapshot(
            client(serviceAccount),
            args(SEED.flexCluster, "0123456789abcdef01234567", { api: "flex" }),
        );

        await expect(read).rejects.toThrow(/Snapshot 0123456789abcdef01234567 was not found/);
        await expect(read).rejects.toBeInstanceOf(SnapshotReadError);
    });
});
