// The one fixture of the suites that talk to the emulator over real HTTP: an emulator started once for a test file
// and clean before each test, clients of it with the seed's credentials, and the environment the dynamic providers
// read their settings from.
import { startEmulator } from "../../emulator";
import type { AtlasEmulator, EmulatorOptions } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import type { AtlasClientOptions } from "../../provider/atlas/client";
import { DEFAULT_LIMITS } from "../../provider/atlas/settings";
import type { ClientSettings, Credentials } from "../../provider/atlas/settings";
import * as runtime from "../../provider/dynamic/providers";
import { SEED } from "../e2e/programs";
import { issueToken } from "../emulator/support";

/** The test file's emulator, from `useEmulator`: started before its first test, closed after its last. */
export let emulator: AtlasEmulator;

/**
 * Starts an emulator (with `options`) before the file's tests and closes it after them; before each test, clears
 * the faults injected and the requests logged, so each test starts from the seed's Atlas, unless `clearBeforeEach`
 * is false: tests of one stack's life under the CLI go on from what the test before them did.
 */
export function useEmulator(options: EmulatorOptions = {}, { clearBeforeEach = true } = {}): void {
    beforeAll(async () => {
        emulator = await startEmulator(options);
    });
    afterAll(async () => {
        await emulator.close();
    });
    beforeEach(() => {
        if (clearBeforeEach) {
            emulator.clearFaults();
            emulator.clearLog();
        }
    });
}

/** The bearer token `useEmulatorWithToken` issued to the seed's service account. */
export let token: string;

/** Starts the file's emulator, as `useEmulator` does, and issues the seed's service account a token before its tests. */
export function useEmulatorWithToken(options: EmulatorOptions = {}): void {
    useEmulator(options);
    beforeAll(async () => {
        token = await issueToken(emulator);
    });
}

/** Starts a new emulator (with `options`) before each test of the file and closes it after, for tests of a fresh one. */
export function useFreshEmulator(options: EmulatorOptions = {}): void {
    beforeEach(async () => {
        emulator = await startEmulator(options);
    });
    afterEach(async () => {
        await emulator.close();
    });
}

/** The seed's service account. */
export const serviceAccount: Extract<Credentials, { kind: "serviceAccount" }> = {
    kind: "serviceAccount",
    clientId: SEED.clientId,
    clientSecret: SEED.clientSecret,
    source: "test",
};

/** The seed's programmatic API key. */
export const apiKey: Extract<Credentials, { kind: "apiKey" }> = {
    kind: "apiKey",
    publicKey: SEED.publicKey,
    privateKey: SEED.privateKey,
    source: "test",
};

/** A client of the file's emulator: the default limits and the service account, unless `settings` says otherwise. */
export function emulatorClient(settings: Partial<ClientSettings> = {}, options?: AtlasClientOptions): AtlasClient {
    return new AtlasClient(
        { ...DEFAULT_LIMITS, baseUrl: emulator.url, credentials: serviceAccount, ...settings },
        options,
    );
}

/** The environment that points a provider at the file's emulator, with the seed's service account. */
export function providerEnvironment(): Record<string, string> {
    return {
        MONGODB_ATLAS_BASE_URL: emulator.url,
        MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
    };
}

/**
 * Before each test, points the dynamic providers at the file's emulator, with the seed's service account in the
 * environment and no stack config, as the engine's provider process would be; after it, restores the environment.
 */
export function useProviderEnvironment(): void {
    const saved = { ...process.env };
    beforeEach(() => {
        process.env = { ...saved, ...providerEnvironment() };
        runtime.configure({ get: () => undefined });
    });
    afterEach(() => {
        process.env = saved;
    });
}
