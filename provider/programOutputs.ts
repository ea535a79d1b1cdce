// What the program sees of a read step's outputs. A read step registers only `args` and `snapshot` (see
// `ReadStepOutputs`); each output a program reads (`status`, `expiresAt`, …) is derived from them here, known in
// a preview as in an update (a field Atlas did not send is undefined, as the get… functions return it), secret
// exactly when its value spells out a key argument the program marked secret, and depending on the resource.
import * as pulumi from "@pulumi/pulumi";
import type { ReadStepArguments, SnapshotOutputs } from "./outputs";
import { containsSecret, secretValuesOf } from "./secretOutputs";

/** The outputs a read step registers, as the SDK resolves them onto the resource. */
interface RegisteredOutputs {
    args: pulumi.Output<ReadStepArguments>;
    snapshot: pulumi.Output<SnapshotOutputs>;
}

/**
 * Sets each of `keys` on `resource` as an output derived from its registered `snapshot`, and `api` from its
 * registered `args`.
 */
export function deriveSnapshotOutputs(resource: object, keys: readonly (keyof SnapshotOutputs)[]): void {
    const registered = resource as RegisteredOutputs;
    const outputs = resource as Record<string, pulumi.Output<unknown>>;
    // Whole, `args` and `snapshot` are secret when any part is: each output is made secret again on its own merit.
    const answer = pulumi
        .all([pulumi.unsecret(registered.args), pulumi.unsecret(registered.snapshot)])
        .apply(([args, snapshot]) => ({
            args,
            snapshot,
            secrets: secretValuesOf(args, args.secretArguments ?? []),
        }));
    for (const key of keys) {
        outputs[key] = answer.apply(({ snapshot, secrets }) => {
            const value = snapshot[key];
            return containsSecret(value, secrets) ? pulumi.secret(value) : value;
        });
    }
    outputs.api = answer.apply(({ args }) => args.api);
}
