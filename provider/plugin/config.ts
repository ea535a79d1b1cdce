// The plugin's own provider configuration. The engine starts a provider plugin with its namespace of the stack's
// config in `PULUMI_CONFIG`, a JSON object keyed without the namespace (`{"clientId": …, "clientSecret": …}`,
// secrets decrypted): so `pulumi config set --secret atlas-backup-snapshots:clientSecret …` reaches YAML, Go and
// Python programs' reads as `mongodbatlas:clientSecret` reaches TypeScript programs'. The Node.js SDK's provider
// server answers the engine's Configure call without handing its arguments on, so the environment is where the
// plugin finds them.
import type { ConfigReader } from "../atlas/settings";
import { ConfigurationError } from "../common/errors";

/** The plugin's config namespace: its package name. */
export const PLUGIN_CONFIG_NAMESPACE = "atlas-backup-snapshots";

/** The keys the plugin reads from its namespace; the limits come from the environment, as for every program. */
export const PLUGIN_CONFIG_KEYS = [
    "clientId",
    "clientSecret",
    "accessToken",
    "publicKey",
    "privateKey",
    "baseUrl",
    "isMongodbgovCloud",
] as const;

/**
 * The plugin's configuration from `PULUMI_CONFIG` (`text`), as a `ConfigReader` of the plugin's namespace; empty when
 * the engine set none. A value that is not text (a number, a boolean set with `--type`) is read as its JSON text.
 */
export function pluginConfig(text: string | undefined = process.env.PULUMI_CONFIG): ConfigReader {
    let values: Record<string, unknown> = {};
    if (text !== undefined && text.trim() !== "") {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            // Never the text itself: it holds the decrypted secrets.
            throw new ConfigurationError(
                `The engine's PULUMI_CONFIG for the ${PLUGIN_CONFIG_NAMESPACE} plugin is not JSON; run the program ` +
                    "with the Pulumi CLI, which sets it, or unset it.",
            );
        }
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
            values = parsed as Record<string, unknown>;
        }
    }
    const prefix = `${PLUGIN_CONFIG_NAMESPACE}:`;
    return {
        namespace: PLUGIN_CONFIG_NAMESPACE,
        get(key: string): string | undefined {
            if (!key.startsWith(prefix)) return undefined;
            const name = key.slice(prefix.length);
            // The engine keys its own namespace bare; a full key is read too, should it ever send one.
            const value = values[name] ?? values[key];
            if (value === undefined || value === null) return undefined;
            return typeof value === "string" ? value : JSON.stringify(value);
        },
    };
}
