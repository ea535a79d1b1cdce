// What the program can tell about its inputs before the engine resolves them: whether a value is already known,
// and which of the key arguments the user marked secret.
import * as pulumi from "@pulumi/pulumi";

/** Whether an input is a plain value already, so it can be validated before the program goes further. */
export function isKnown(value: unknown): boolean {
    return value !== undefined && value !== null && !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * The names among `names` whose input is an output marked secret, so the provider can keep outputs secret;
 * undefined when there are none, so the state of most resources carries nothing for it.
 */
export function secretArgumentNames<K extends string>(
    args: Partial<Record<K, pulumi.Input<unknown>>>,
    names: readonly K[],
): pulumi.Output<string[] | undefined> {
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
