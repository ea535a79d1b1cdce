// Keeps a user's secrets secret in the outputs. The engine already keeps an output secret when the input of the
// same name was; outputs that merely contain a secret argument (the links spell out the snapshot id) are
// marked secret here, in the wire form the engine reads from a provider's answer.
import type { ReadKey } from "./args";

/** The key arguments that may be marked secret. */
export const KEY_ARGUMENTS: readonly (keyof ReadKey)[] = ["projectId", "instanceName", "snapshotId"];

/** Pulumi's marker for a secret value on the wire. */
const SECRET_SIGNATURE = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/**
 * The values of the key arguments the program marked secret; `keyArguments` names them as `key` does (a dedicated
 * cluster's snapshot names its cluster `clusterName`).
 */
export function secretValuesOf(
    key: object,
    secretArguments: readonly string[],
    keyArguments: readonly string[] = KEY_ARGUMENTS,
): string[] {
    return keyArguments
        .filter((name) => secretArguments.includes(name))
        .map((name) => (key as Record<string, unknown>)[name])
        .filter((value): value is string => typeof value === "string" && value !== "");
}

/** Whether a value spells out one of `secrets` anywhere in it (the links spell out the snapshot id). */
export function containsSecret(value: unknown, secrets: readonly string[]): boolean {
    if (secrets.length === 0) return false;
    const text = JSON.stringify(value) ?? "";
    return secrets.some((secret) => text.includes(secret));
}

/** Wraps every output whose value contains one of the secret arguments' values as a secret. */
export function markSecretOutputs(
    outputs: Record<string, unknown>,
    key: ReadKey,
    secretArguments: readonly string[],
): Record<string, unknown> {
    const secrets = secretValuesOf(key, secretArguments);
    if (secrets.length === 0) {
        return outputs;
    }
    return Object.fromEntries(
        Object.entries(outputs).map(([name, value]) => [
            name,
            containsSecret(value, secrets) ? { ...SECRET_SIGNATURE, value } : value,
        ]),
    );
}
