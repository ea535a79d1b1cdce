// One client per base URL and credential in a process, so reads share a token, a nonce and a concurrency bound.
import { AtlasClient } from "../../../provider/atlas/client";
import { clientFor } from "../../../provider/atlas/clients";
import { DEFAULT_LIMITS } from "../../../provider/atlas/settings";
import type { ClientSettings } from "../../../provider/atlas/settings";

const settings: ClientSettings = {
    ...DEFAULT_LIMITS,
    baseUrl: "https://cloud.mongodb.com",
    credentials: { kind: "accessToken", accessToken: "token-one", source: "test" },
};

describe("clientFor", () => {
    test("hands out one client for equal settings, however often it is asked", () => {
        const first = clientFor(settings);

        expect(first).toBeInstanceOf(AtlasClient);
        expect(first.settings).toStrictEqual(settings);
        expect(clientFor({ ...settings })).toBe(first);
        expect(clientFor(structuredClone(settings))).toBe(first);
    });

    test.each<[string, Partial<ClientSettings>]>([
        ["another credential", { credentials: { kind: "accessToken", accessToken: "token-two", source: "test" } }],
        ["another base URL", { baseUrl: "https://cloud.mongodbgov.com" }],
        ["other limits", { maxConcurrency: 2 }],
        ["envelopes", { envelope: true }],
    ])("hands out a client of its own for %s", (_case, change) => {
        const other = clientFor({ ...settings, ...change });

        expect(other).not.toBe(clientFor(settings));
        expect(other.settings).toMatchObject(change);
        expect(clientFor({ ...settings, ...change })).toBe(other);
    });
});
