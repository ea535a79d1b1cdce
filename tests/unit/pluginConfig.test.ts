// The plugin's own provider configuration: what the engine hands it in PULUMI_CONFIG, read as the stack config of
// its namespace, ahead of the environment, and named in messages without a value.
import { resolveSettings } from "../../provider/atlas/settings";
import { ConfigurationError } from "../../provider/common/errors";
import { PLUGIN_CONFIG_KEYS, pluginConfig } from "../../provider/plugin/config";
import { AtlasBackupSnapshotsProvider } from "../../provider/plugin/provider";

// What the engine set for a stack with `pulumi config set --secret atlas-backup-snapshots:clientSecret …` and the
// other two keys (observed under the Pulumi CLI 3.274.1: keys without the namespace, the secret decrypted).
const ENGINE_CONFIG = JSON.stringify({
    baseUrl: "http://127.0.0.1:8080",
    clientId: "mdb_sa_id_from_config",
    clientSecret: "mdb_sa_sk_from_config",
});

test("reads the plugin's namespace as stack config, ahead of the environment", () => {
    const settings = resolveSettings(pluginConfig(ENGINE_CONFIG), {
        MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_from_env",
        MONGODB_ATLAS_CLIENT_SECRET: "mdb_sa_sk_from_env",
        MONGODB_ATLAS_BASE_URL: "https://cloud.mongodb.com",
    });

    expect(settings.baseUrl).toBe("http://127.0.0.1:8080");
    expect(settings.credentials).toEqual({
        kind: "serviceAccount",
        clientId: "mdb_sa_id_from_config",
        clientSecret: "mdb_sa_sk_from_config",
        source: "stack config atlas-backup-snapshots:clientId and stack config atlas-backup-snapshots:clientSecret",
    });
});

test("the environment stays the fallback for what the config does not set", () => {
    const settings = resolveSettings(pluginConfig(JSON.stringify({ clientId: "id" })), {
        MONGODB_ATLAS_CLIENT_SECRET: "secret-from-env",
    });

    expect(settings.credentials.source).toBe(
        "stack config atlas-backup-snapshots:clientId and environment variable MONGODB_ATLAS_CLIENT_SECRET",
    );
    expect(resolveSettings(pluginConfig(undefined), { MONGODB_ATLAS_ACCESS_TOKEN: "t" }).credentials.kind).toBe(
        "accessToken",
    );
});

test("a value set with a type (isMongodbgovCloud true) is read as its text", () => {
    const settings = resolveSettings(pluginConfig(JSON.stringify({ isMongodbgovCloud: true, accessToken: "t" })), {});

    expect(settings.baseUrl).toBe("https://cloud.mongodbgov.com");
});

test("reads only its own namespace: the official provider's keys are not the plugin's", () => {
    const config = pluginConfig(ENGINE_CONFIG);

    expect(config.get("mongodbatlas:clientId")).toBeUndefined();
    expect(config.get("atlas-backup-snapshots:clientId")).toBe("mdb_sa_id_from_config");
});

test("missing credentials name the plugin's keys, and half a credential names where it was found", () => {
    const call = () => resolveSettings(pluginConfig(JSON.stringify({ clientId: "mdb_sa_id_x" })), {});

    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(/found a service account client id \(stack config atlas-backup-snapshots:clientId\)/);
    expect(call).toThrow(
        /atlas-backup-snapshots:clientId and atlas-backup-snapshots:clientSecret, or MONGODB_ATLAS_CLIENT_ID/,
    );
});

test("a PULUMI_CONFIG that is not JSON fails without printing it", () => {
    const call = () => pluginConfig('{"clientSecret": "mdb_sa_sk_leak"');

    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(/PULUMI_CONFIG .* is not JSON/);
    expect(call).not.toThrow(/mdb_sa_sk_leak/);
});

test("the schema declares exactly the keys the plugin reads, secret where they hold a secret", () => {
    const { config } = JSON.parse(new AtlasBackupSnapshotsProvider().schema);

    expect(Object.keys(config.variables).sort()).toEqual([...PLUGIN_CONFIG_KEYS].sort());
    const secret = Object.keys(config.variables).filter((key) => config.variables[key].secret === true);
    expect(secret.sort()).toEqual(["accessToken", "clientSecret", "privateKey"]);
});
