// Values as they cross the gRPC boundary between the engine and the provider plugin. The Node.js provider host
// hands `invoke` the engine's struct as it is, so a secret argument arrives wrapped in Pulumi's secret marker.
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { KEY_ARGUMENTS } from "../snapshots/secretOutputs";
import { CLUSTER_KEY_ARGUMENTS } from "../clusters/args";

/** Whether `value` is a secret as the engine sends it: `{<sig>: <secret sig>, value}`. */
export function isWireSecret(value: unknown): value is { value: unknown } {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
    );
}

/** `value` with every secret marker removed, and whether any was found. */
export function unwrapSecrets(value: unknown): { value: unknown; secret: boolean } {
    if (isWireSecret(value)) {
        return { value: unwrapSecrets(value.value).value, secret: true };
    }
    if (Array.isArray(value)) {
        const items = value.map(unwrapSecrets);
        return { value: items.map((item) => item.value), secret: items.some((item) => item.secret) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([key, item]) => [key, unwrapSecrets(item)] as const);
        return {
            value: Object.fromEntries(entries.map(([key, item]) => [key, item.value])),
            secret: entries.some(([, item]) => item.secret),
        };
    }
    return { value, secret: false };
}

/** The arguments that name what is read, in either family: their values are kept out of outputs and messages. */
const SECRET_KEY_ARGUMENTS: readonly string[] = [...KEY_ARGUMENTS, ...CLUSTER_KEY_ARGUMENTS];

/** A function's arguments as plain values, and the names of the key arguments (`projectId`, …) given as secrets. */
export function plainArguments(args: Record<string, unknown>): {
    plain: Record<string, unknown>;
    secretArguments: string[];
} {
    const plain: Record<string, unknown> = {};
    const secretArguments: string[] = [];
    for (const [name, wire] of Object.entries(args)) {
        const { value, secret } = unwrapSecrets(wire);
        plain[name] = value;
        if (secret && SECRET_KEY_ARGUMENTS.includes(name)) {
            secretArguments.push(name);
        }
    }
    return { plain, secretArguments };
}

/**
 * `value` without undefined fields, at any depth: the protobuf struct the host builds from a function's result
 * has no representation for them, and an output Atlas did not send is absent rather than null.
 */
export function withoutUndefined(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withoutUndefined);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, item]) => item !== undefined)
                .map(([key, item]) => [key, withoutUndefined(item)]),
        );
    }
    return value;
}
