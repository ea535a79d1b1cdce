// Where the client's credentials, base URL and limits come from: stack config first, then the environment.
import {
    DEFAULT_LIMITS,
    isLoopbackHost,
    redactUserinfo,
    resolveBaseUrl,
    resolveCredentials,
    resolveSettings,
} from "../../../provider/atlas/settings";
import type { ConfigReader } from "../../../provider/atlas/settings";
import { ConfigurationError } from "../../../provider/common/errors";
import { errorOf } from "../../helpers/caught";

type Env = Record<string, string | undefined>;

/** A stack config holding `values` under their full keys, as Pulumi's `Config.get` would answer. */
function stackConfig(values: Record<string, string> = {}): ConfigReader {
    return { get: (key: string) => values[key] };
}

const SECRETS = {
    accessToken: "SECRET-ACCESS-TOKEN-1a2b",
    clientId: "mdb_sa_id_SECRET-CLIENT-ID-3c4d",
    clientSecret: "mdb_sa_sk_SECRET-CLIENT-SECRET-5e6f",
    publicKey: "SECRETPUB",
    privateKey: "SECRET-PRIVATE-KEY-7a8b",
};

function expectNoSecretIn(text: string): void {
    for (const secret of Object.values(SECRETS)) {
        expect(text).not.toContain(secret);
    }
}

describe("resolveCredentials: which credential wins", () => {
    test("prefers an access token over a service account and an API key", () => {
        const env: Env = {
            MONGODB_ATLAS_ACCESS_TOKEN: SECRETS.accessToken,
            MONGODB_ATLAS_CLIENT_ID: SECRETS.clientId,
            MONGODB_ATLAS_CLIENT_SECRET: SECRETS.clientSecret,
            MONGODB_ATLAS_PUBLIC_API_KEY: SECRETS.publicKey,
            MONGODB_ATLAS_PRIVATE_API_KEY: SECRETS.privateKey,
        };

        expect(resolveCredentials(undefined, env)).toStrictEqual({
            kind: "accessToken",
            accessToken: SECRETS.accessToken,
            source: "environment variable MONGODB_ATLAS_ACCESS_TOKEN",
        });
    });

    test("prefers an access token from the environment over a service account in stack config", () => {
        const config = stackConfig({
            "mongodbatlas:clientId": SECRETS.clientId,
            "mongodbatlas:clientSecret": SECRETS.clientSecret,
        });

        const credentials = resolveCredentials(config, { MONGODB_ATLAS_ACCESS_TOKEN: SECRETS.accessToken });

        expect(credentials.kind).toBe("accessToken");
    });

    test("prefers a service account over an API key", () => {
        const env: Env = {
            MONGODB_ATLAS_CLIENT_ID: SECRETS.clientId,
            MONGODB_ATLAS_CLIENT_SECRET: SECRETS.clientSecret,
            MONGODB_ATLAS_PUBLIC_API_KEY: SECRETS.publicKey,
            MONGODB_ATLAS_PRIVATE_API_KEY: SECRETS.privateKey,
        };

        expect(resolveCredentials(undefined, env)).toStrictEqual({
            kind: "serviceAccount",
            clientId: SECRETS.clientId,
            clientSecret: SECRETS.clientSecret,
            source: "environment variable MONGODB_ATLAS_CLIENT_ID and environment variable MONGODB_ATLAS_CLIENT_SECRET",
        });
    });

    test("uses an API key when nothing else is set", () => {
        const config = stackConfig({
            "mongodbatlas:publicKey": SECRETS.publicKey,
            "mongodbatlas:privateKey": SECRETS.privateKey,
        });

        expect(resolveCredentials(config, {})).toStrictEqual({
            kind: "apiKey",
            publicKey: SECRETS.publicKey,
            privateKey: SECRETS.privateKey,
            source: "stack config mongodbatlas:publicKey and stack config mongodbatlas:privateKey",
        });
    });

    test.each([
        ["accessToken", "MONGODB_ATLAS_ACCESS_TOKEN"],
        ["clientId", "MONGODB_ATLAS_CLIENT_ID"],
        ["publicKey", "MONGODB_ATLAS_PUBLIC_API_KEY"],
    ])("takes mongodbatlas:%s from stack config over %s", (key, variable) => {
        const config = stackConfig({
            [`mongodbatlas:${key}`]: "from-config",
            "mongodbatlas:clientSecret": "secret-from-config",
            "mongodbatlas:privateKey": "private-from-config",
        });

        const credentials = resolveCredentials(config, { [variable]: "from-env" });

        expect(Object.values(credentials)).toContain("from-config");
        expect(Object.values(credentials)).not.toContain("from-env");
        expect(credentials.source).toContain(`stack config mongodbatlas:${key}`);
    });

    test("resolves each setting on its own: a client id from stack config with a secret from the environment", () => {
        const config = stackConfig({ "mongodbatlas:clientId": SECRETS.clientId });

        const credentials = resolveCredentials(config, {
            MONGODB_ATLAS_CLIENT_ID: "other-id",
            MONGODB_ATLAS_CLIENT_SECRET: SECRETS.clientSecret,
        });

        expect(credentials).toStrictEqual({
            kind: "serviceAccount",
            clientId: SECRETS.clientId,
            clientSecret: SECRETS.clientSecret,
            source: "stack config mongodbatlas:clientId and environment variable MONGODB_ATLAS_CLIENT_SECRET",
        });
    });

    test("reads MONGODB_ATLAS_PUBLIC_API_KEY before MONGODB_ATLAS_PUBLIC_KEY, and the same for private keys", () => {
        const env: Env = {
            MONGODB_ATLAS_PUBLIC_API_KEY: "new-public",
            MONGODB_ATLAS_PUBLIC_KEY: "old-public",
            MONGODB_ATLAS_PRIVATE_API_KEY: "new-private",
            MONGODB_ATLAS_PRIVATE_KEY: "old-private",
        };

        expect(resolveCredentials(undefined, env)).toStrictEqual({
            kind: "apiKey",
            publicKey: "new-public",
            privateKey: "new-private",
            source: "environment variable MONGODB_ATLAS_PUBLIC_API_KEY and environment variable MONGODB_ATLAS_PRIVATE_API_KEY",
        });
    });

    test("falls back to MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY", () => {
        const env: Env = { MONGODB_ATLAS_PUBLIC_KEY: "old-public", MONGODB_ATLAS_PRIVATE_KEY: "old-private" };

        expect(resolveCredentials(undefined, env)).toStrictEqual({
            kind: "apiKey",
            publicKey: "old-public",
            privateKey: "old-private",
            source: "environment variable MONGODB_ATLAS_PUBLIC_KEY and environment variable MONGODB_ATLAS_PRIVATE_KEY",
        });
    });

    test("ignores empty and blank values, as if unset", () => {
        const config = stackConfig({ "mongodbatlas:accessToken": "  " });
        const env: Env = {
            MONGODB_ATLAS_ACCESS_TOKEN: "",
            MONGODB_ATLAS_CLIENT_ID: SECRETS.clientId,
            MONGODB_ATLAS_CLIENT_SECRET: SECRETS.clientSecret,
        };

        expect(resolveCredentials(config, env).kind).toBe("serviceAccount");
    });

    test("trims surrounding whitespace from a credential (design choice: a pasted newline is dropped)", () => {
        const credentials = resolveCredentials(undefined, { MONGODB_ATLAS_ACCESS_TOKEN: ` ${SECRETS.accessToken}\n` });

        expect(credentials).toMatchObject({ accessToken: SECRETS.accessToken });
    });

    test("uses a complete API key when the service account is only half set (design choice: no error)", () => {
        const env: Env = {
            MONGODB_ATLAS_CLIENT_ID: SECRETS.clientId,
            MONGODB_ATLAS_PUBLIC_API_KEY: SECRETS.publicKey,
            MONGODB_ATLAS_PRIVATE_API_KEY: SECRETS.privateKey,
        };

        expect(resolveCredentials(undefined, env).kind).toBe("apiKey");
    });

    test("never puts a credential value in the source", () => {
        const config = stackConfig({
            "mongodbatlas:clientId": SECRETS.clientId,
            "mongodbatlas:privateKey": SECRETS.privateKey,
        });
        const env: Env = {
            MONGODB_ATLAS_CLIENT_SECRET: SECRETS.clientSecret,
            MONGODB_ATLAS_PUBLIC_KEY: SECRETS.publicKey,
        };

        const serviceAccount = resolveCredentials(config, env);
        const apiKey = resolveCredentials(undefined, { ...env, MONGODB_ATLAS_PRIVATE_KEY: SECRETS.privateKey });
        const token = resolveCredentials(stackConfig({ "mongodbatlas:accessToken": SECRETS.accessToken }), {});

        for (const { source } of [serviceAccount, apiKey, token]) {
            expectNoSecretIn(source);
        }
    });
});

describe("resolveCredentials: missing and half-set credentials", () => {
    test("refuses when nothing is set, naming every way to set a credential", () => {
        const error = errorOf(() => resolveCredentials(stackConfig(), {}));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toMatch(/^No Atlas credentials found\. /);
        for (const name of [
            "mongodbatlas:clientId",
            "MONGODB_ATLAS_CLIENT_SECRET",
            "mongodbatlas:accessToken",
            "MONGODB_ATLAS_ACCESS_TOKEN",
            "mongodbatlas:privateKey",
            "MONGODB_ATLAS_PUBLIC_API_KEY",
        ]) {
            expect(error.message).toContain(name);
        }
    });

    test.each([
        [
            "a client id without its secret",
            stackConfig(),
            { MONGODB_ATLAS_CLIENT_ID: SECRETS.clientId },
            "found a service account client id (environment variable MONGODB_ATLAS_CLIENT_ID) without its secret",
        ],
        [
            "a secret without its client id",
            stackConfig({ "mongodbatlas:clientSecret": SECRETS.clientSecret }),
            {},
            "found a service account secret (stack config mongodbatlas:clientSecret) without its client id",
        ],
        [
            "a public key without its private key",
            stackConfig(),
            { MONGODB_ATLAS_PUBLIC_KEY: SECRETS.publicKey },
            "found an API public key (environment variable MONGODB_ATLAS_PUBLIC_KEY) without its private key",
        ],
        [
            "a private key without its public key",
            stackConfig({ "mongodbatlas:privateKey": SECRETS.privateKey }),
            {},
            "found an API private key (stack config mongodbatlas:privateKey) without its public key",
        ],
    ])("refuses %s, naming what is missing and where the half came from", (_case, config, env, expected) => {
        const error = errorOf(() => resolveCredentials(config, env));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain(`Incomplete Atlas credentials: ${expected}.`);
        expectNoSecretIn(error.message);
    });
});

describe("resolveBaseUrl", () => {
    test("defaults to Atlas's commercial cloud", () => {
        expect(resolveBaseUrl(stackConfig(), {})).toBe("https://cloud.mongodb.com");
    });

    test.each([
        ["true", "https://cloud.mongodbgov.com"],
        ["TRUE", "https://cloud.mongodbgov.com"],
        ["false", "https://cloud.mongodb.com"],
    ])("takes isMongodbgovCloud=%s to %s", (flag, expected) => {
        expect(resolveBaseUrl(stackConfig({ "mongodbatlas:isMongodbgovCloud": flag }), {})).toBe(expected);
    });

    test("prefers an explicit base URL over isMongodbgovCloud", () => {
        const config = stackConfig({
            "mongodbatlas:isMongodbgovCloud": "true",
            "mongodbatlas:baseUrl": "https://atlas.example.com",
        });

        expect(resolveBaseUrl(config, {})).toBe("https://atlas.example.com");
    });

    test("prefers stack config baseUrl over MONGODB_ATLAS_BASE_URL", () => {
        const config = stackConfig({ "mongodbatlas:baseUrl": "https://from-config.example.com" });

        expect(resolveBaseUrl(config, { MONGODB_ATLAS_BASE_URL: "https://from-env.example.com" })).toBe(
            "https://from-config.example.com",
        );
    });

    test.each([
        ["https://cloud.mongodb.com/", "https://cloud.mongodb.com"],
        ["https://atlas.example.com/prefix//", "https://atlas.example.com/prefix"],
        ["https://10.0.0.8:8443", "https://10.0.0.8:8443"],
        ["http://localhost:8080/", "http://localhost:8080"],
        ["http://127.0.0.1:9000", "http://127.0.0.1:9000"],
        ["http://[::1]:8080", "http://[::1]:8080"],
    ])("accepts %s as %s", (configured, expected) => {
        expect(resolveBaseUrl(undefined, { MONGODB_ATLAS_BASE_URL: configured })).toBe(expected);
    });

    test("refuses a value that is not a URL, naming the value and where it came from", () => {
        const error = errorOf(() => resolveBaseUrl(undefined, { MONGODB_ATLAS_BASE_URL: "cloud.mongodb.com" }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toBe(
            'Invalid Atlas base URL "cloud.mongodb.com" from environment variable MONGODB_ATLAS_BASE_URL: ' +
                "expected an absolute URL such as https://cloud.mongodb.com.",
        );
    });

    test.each([
        "http://cloud.mongodb.com",
        "http://10.0.0.8:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.example.com",
        "ftp://localhost",
    ])("refuses %s, which would send credentials in clear", (configured) => {
        const error = errorOf(() =>
            resolveBaseUrl(stackConfig({ "mongodbatlas:baseUrl": configured }), { MONGODB_ATLAS_BASE_URL: "" }),
        );

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain(`Refusing Atlas base URL ${JSON.stringify(configured)}`);
        expect(error.message).toContain("from stack config mongodbatlas:baseUrl");
        expect(error.message).toContain("Use https://");
    });

    test.each([
        ["a user and password", "https://user:SECRET-URL-PASSWORD@atlas.example.com"],
        ["a query", "https://atlas.example.com/?token=SECRET-URL-PASSWORD"],
        ["a fragment", "https://atlas.example.com/#SECRET-URL-PASSWORD"],
    ])("refuses a URL carrying %s without repeating it", (_case, configured) => {
        const error = errorOf(() => resolveBaseUrl(undefined, { MONGODB_ATLAS_BASE_URL: configured }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain("must not carry credentials, a query or a fragment");
        expect(error.message).not.toContain("SECRET-URL-PASSWORD");
    });

    test("never repeats a password carried in a plain-http URL to a remote host", () => {
        const error = errorOf(() =>
            resolveBaseUrl(undefined, { MONGODB_ATLAS_BASE_URL: "http://user:SECRET-URL-PASSWORD@atlas.example.com" }),
        );

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).not.toContain("SECRET-URL-PASSWORD");
    });
});

describe("isLoopbackHost", () => {
    test.each([
        ["localhost", true],
        ["LOCALHOST", true],
        ["127.0.0.1", true],
        ["127.1.2.3", true],
        ["[::1]", true],
        ["::1", true],
        ["localhost.example.com", false],
        ["127.0.0.1.example.com", false],
        ["128.0.0.1", false],
        ["cloud.mongodb.com", false],
    ])("takes %s as loopback: %s", (host, expected) => {
        expect(isLoopbackHost(host)).toBe(expected);
    });
});

describe("resolveSettings: limits", () => {
    const withKey: Env = { MONGODB_ATLAS_ACCESS_TOKEN: SECRETS.accessToken };

    test("uses the defaults when no limit is set", () => {
        const settings = resolveSettings(undefined, withKey);

        expect(settings).toStrictEqual({
            baseUrl: "https://cloud.mongodb.com",
            credentials: {
                kind: "accessToken",
                accessToken: SECRETS.accessToken,
                source: "environment variable MONGODB_ATLAS_ACCESS_TOKEN",
            },
            requestTimeoutMs: 10_000,
            maxAttempts: 4,
            maxConcurrency: 16,
            maxRetryDelayMs: 30_000,
            rateLimitBudgetMs: 180_000,
            envelope: false,
            listMaxAgeMs: 30_000,
        });
        expect(DEFAULT_LIMITS).toStrictEqual({
            requestTimeoutMs: 10_000,
            maxAttempts: 4,
            maxConcurrency: 16,
            maxRetryDelayMs: 30_000,
            rateLimitBudgetMs: 180_000,
            envelope: false,
            listMaxAgeMs: 30_000,
        });
    });

    test.each([
        ["ATLAS_MAX_ATTEMPTS", "1", "maxAttempts", 1],
        ["ATLAS_MAX_ATTEMPTS", "10", "maxAttempts", 10],
        ["ATLAS_MAX_ATTEMPTS", " 3 ", "maxAttempts", 3],
        ["ATLAS_MAX_CONCURRENCY", "1", "maxConcurrency", 1],
        ["ATLAS_MAX_CONCURRENCY", "256", "maxConcurrency", 256],
        ["ATLAS_REQUEST_TIMEOUT", "1s", "requestTimeoutMs", 1_000],
        ["ATLAS_REQUEST_TIMEOUT", "2m", "requestTimeoutMs", 120_000],
        ["ATLAS_REQUEST_TIMEOUT", "PT45S", "requestTimeoutMs", 45_000],
        ["ATLAS_MAX_RETRY_DELAY", "1s", "maxRetryDelayMs", 1_000],
        ["ATLAS_MAX_RETRY_DELAY", "5m", "maxRetryDelayMs", 300_000],
        ["ATLAS_LIST_MAX_AGE", "0s", "listMaxAgeMs", 0],
        ["ATLAS_RATE_LIMIT_BUDGET", "0s", "rateLimitBudgetMs", 0],
        ["ATLAS_RATE_LIMIT_BUDGET", "90s", "rateLimitBudgetMs", 90_000],
        ["ATLAS_RATE_LIMIT_BUDGET", "10m", "rateLimitBudgetMs", 600_000],
        ["ATLAS_LIST_MAX_AGE", "2s", "listMaxAgeMs", 2_000],
        ["ATLAS_LIST_MAX_AGE", "10m", "listMaxAgeMs", 600_000],
    ] as const)("accepts %s=%p as %s %d", (variable, raw, setting, expected) => {
        const settings = resolveSettings(undefined, { ...withKey, [variable]: raw });

        expect(settings[setting]).toBe(expected);
    });

    test.each([
        ["ATLAS_MAX_ATTEMPTS", "0", 10],
        ["ATLAS_MAX_ATTEMPTS", "11", 10],
        ["ATLAS_MAX_ATTEMPTS", "-1", 10],
        ["ATLAS_MAX_ATTEMPTS", "2.5", 10],
        ["ATLAS_MAX_ATTEMPTS", "four", 10],
        ["ATLAS_MAX_ATTEMPTS", "1e1", 10],
        ["ATLAS_MAX_CONCURRENCY", "0", 256],
        ["ATLAS_MAX_CONCURRENCY", "257", 256],
        ["ATLAS_MAX_CONCURRENCY", "sixteen", 256],
        ["ATLAS_MAX_CONCURRENCY", "0x10", 256],
    ])("refuses %s=%p, naming the variable, the value and the range 1 to %d", (variable, raw, max) => {
        const error = errorOf(() => resolveSettings(undefined, { ...withKey, [variable]: raw }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toBe(
            `Invalid ${variable}: ${JSON.stringify(raw)}; expected a whole number from 1 to ${max}.`,
        );
    });

    test.each([
        ["ATLAS_REQUEST_TIMEOUT", "0s"],
        ["ATLAS_REQUEST_TIMEOUT", "999ms"],
        ["ATLAS_REQUEST_TIMEOUT", "11m"],
        ["ATLAS_MAX_RETRY_DELAY", "0s"],
        ["ATLAS_MAX_RETRY_DELAY", "30d"],
    ])("refuses %s=%p, outside 1s to 10m", (variable, raw) => {
        const error = errorOf(() => resolveSettings(undefined, { ...withKey, [variable]: raw }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toBe(
            `Invalid ${variable}: ${JSON.stringify(raw)}; expected a duration from 1s to 10m, such as "30s" or "2m".`,
        );
    });

    test.each([
        ["ATLAS_LIST_MAX_AGE", "11m"],
        ["ATLAS_LIST_MAX_AGE", "30d"],
        ["ATLAS_LIST_MAX_AGE", "-1s"],
        ["ATLAS_LIST_MAX_AGE", "ten"],
        ["ATLAS_RATE_LIMIT_BUDGET", "11m"],
        ["ATLAS_RATE_LIMIT_BUDGET", "-1s"],
        ["ATLAS_RATE_LIMIT_BUDGET", "3 minutes"],
    ])("refuses %s=%p, outside 0s to 10m", (variable, raw) => {
        const error = errorOf(() => resolveSettings(undefined, { ...withKey, [variable]: raw }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toBe(
            `Invalid ${variable}: ${JSON.stringify(raw)}; expected a duration from 0s to 10m, such as "30s" or "2m".`,
        );
    });

    test.each([
        ["ATLAS_REQUEST_TIMEOUT", "1s", 1000],
        ["ATLAS_REQUEST_TIMEOUT", "10m", 600000],
        ["ATLAS_MAX_RETRY_DELAY", "PT1S", 1000],
    ])("accepts %s=%p at the edge of its range", (variable, raw, ms) => {
        const settings = resolveSettings(undefined, { ...withKey, [variable]: raw });

        expect(variable === "ATLAS_REQUEST_TIMEOUT" ? settings.requestTimeoutMs : settings.maxRetryDelayMs).toBe(ms);
    });

    test.each([
        ["ATLAS_REQUEST_TIMEOUT", "10000"],
        ["ATLAS_REQUEST_TIMEOUT", "ten seconds"],
        ["ATLAS_MAX_RETRY_DELAY", "-5s"],
        ["ATLAS_MAX_RETRY_DELAY", "30"],
    ])("refuses %s=%p, naming the variable and the accepted duration forms", (variable, raw) => {
        const error = errorOf(() => resolveSettings(undefined, { ...withKey, [variable]: raw }));

        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain(`Invalid ${variable}: ${JSON.stringify(raw)};`);
        expect(error.message).toContain('a duration from 1s to 10m, such as "30s" or "2m"');
    });

    test.each([
        ["true", true],
        ["TRUE", true],
        ["false", false],
        ["1", false],
    ])("reads ATLAS_ENVELOPE=%s as %s", (raw, expected) => {
        expect(resolveSettings(undefined, { ...withKey, ATLAS_ENVELOPE: raw }).envelope).toBe(expected);
    });

    test("refuses a bad base URL without mentioning any credential", () => {
        const env: Env = {
            MONGODB_ATLAS_BASE_URL: "http://atlas.example.com",
            MONGODB_ATLAS_CLIENT_ID: SECRETS.clientId,
            MONGODB_ATLAS_CLIENT_SECRET: SECRETS.clientSecret,
        };

        const error = errorOf(() => resolveSettings(undefined, env));

        expect(error).toBeInstanceOf(ConfigurationError);
        expectNoSecretIn(error.message);
    });
});

describe("messages at their edges", () => {
    test("the refusal of no credentials ends naming the API key's private variable", () => {
        const error = errorOf(() => resolveCredentials(undefined, {}));

        expect(error.message).toMatch(/or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY\)\.$/);
    });

    test.each([
        ["http://user:pw@atlas.example.com/x", "http://***@atlas.example.com/x"],
        [
            "see https://a@b.example.com and ftp://c:d@e.example.com",
            "see https://***@b.example.com and ftp://***@e.example.com",
        ],
        ["https://atlas.example.com/a@b", "https://atlas.example.com/a@b"],
        ["no URL here @ all", "no URL here @ all"],
    ])("redactUserinfo shows %p as %p", (text, expected) => {
        expect(redactUserinfo(text)).toBe(expected);
    });

    test.each([
        ["127.255.255.254", true],
        ["127.10.100.1", true],
        ["127.0.0", false],
        ["127.0.0.1.2", false],
        ["127.0.0.1000", false],
    ])("isLoopbackHost takes %s as loopback: %s", (host, expected) => {
        expect(isLoopbackHost(host)).toBe(expected);
    });
});
