// What the program can tell about its inputs before the engine resolves them: whether a value is already known,
// and which of the key arguments the user marked secret.
import * as pulumi from "@pulumi/pulumi";

/** Whether an input is a plain value already, so it can be validated before the program goes further. */
export function isKnown(value: unknown): boolean {
    return value !== undefined && value !== null && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/** Whether an input holds no output and no promise at any depth, so all of it is known now. */
export function isPlain(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) return false;
    if (Array.isArray(value)) return value.every(isPlain);
    if (typeof value === "object" && value !== null) return Object.values(value).every(isPlain);
    return true;
}

/**
 * The names among `names` whose input is an output marked secret, so the provider can keep outputs secret;
 * undefined when there are none, so the state of most resources carries nothing for it. Plainly undefined when
 * none of them is an output at all: a secret is always an output, and an output costs the SDK promises.
 */
export function secretArgumentNames<K extends string>(
    args: Partial<Record<K, pulumi.Input<unknown>>>,
    names: readonly K[],
): pulumi.Output<string[] | undefined> | undefined {
    if (!names.some((name) => pulumi.Output.isInstance(args[name]))) return undefined;
    return pulumi.output<string[] | undefined>(
        Promise.all(
            names.map((name) => {
                const value = args[name];
                return pulumi.Output.isInstance(value) ? pulumi.isSecret(value as pulumi.Output<unknown>) : false;
            }),
        ).then((flags) => {
            const secret = names.filter((_, index) => flags[index]);
            return secret.length > 0 ? secret : undefined;
        }),
    );
}
