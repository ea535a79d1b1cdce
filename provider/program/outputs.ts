// What the program sees of a read step's outputs. A read step registers only `args` and `snapshot` (see
// `ReadStepOutputs`); each output a program reads (`status`, `expiresAt`, …) is derived from them here, known in
// a preview as in an update (a field Atlas did not send is undefined, as the get… functions return it), secret
// exactly when its value spells out a key argument the program marked secret, and depending on the resource.
import * as pulumi from "@pulumi/pulumi";
import { readStepValue } from "../snapshots/outputs";
import type { ReadStepOutputs, SnapshotOutputs } from "../snapshots/outputs";
import { KEY_ARGUMENTS, containsSecret, secretValuesOf } from "../snapshots/secretOutputs";

/** The outputs a read step registers, as the SDK resolves them onto the resource: JSON text each. */
interface RegisteredOutputs {
    args: pulumi.Output<string>;
    snapshot: pulumi.Output<string>;
}

/** The registered outputs combined once a resource, for the outputs derived from them. */
interface Answer {
    args: ReadStepOutputs["args"];
    snapshot: SnapshotOutputs;
    /** The values of the key arguments marked secret. */
    secrets: string[];
}

const answers = new WeakMap<object, pulumi.Output<Answer>>();

/** The names of a resource's key arguments, as its program and its snapshot name them. */
type KeyArguments = readonly string[];

function answerOf(resource: RegisteredOutputs, keyArguments: KeyArguments): pulumi.Output<Answer> {
    let answer = answers.get(resource);
    if (answer === undefined) {
        // Whole, `args` and `snapshot` are secret when any part is: each output is made secret again on its merit.
        answer = pulumi
            .all([pulumi.unsecret(resource.args), pulumi.unsecret(resource.snapshot)])
            .apply(([argsText, snapshotText]) => {
                const args = (readStepValue(argsText) ?? {}) as ReadStepOutputs["args"];
                const snapshot = (readStepValue(snapshotText) ?? {}) as unknown as SnapshotOutputs;
                const secrets = secretValuesOf(snapshot, args.secretArguments ?? [], keyArguments);
                return { args, snapshot, secrets };
            });
        answers.set(resource, answer);
    }
    return answer;
}

/** The output `key` of a resource, derived from its registered outputs. */
function derive(resource: RegisteredOutputs, key: string, keyArguments: KeyArguments): pulumi.Output<unknown> {
    if (key === "api") {
        return answerOf(resource, keyArguments).apply(({ args }) => args.api);
    }
    return answerOf(resource, keyArguments).apply(({ snapshot, secrets }) => {
        const value = (snapshot as unknown as Record<string, unknown>)[key];
        return containsSecret(value, secrets) ? pulumi.secret(value) : value;
    });
}

/**
 * Defines each of `keys` on `target` (a resource class's prototype, or one resource) as an output derived from
 * the resource's registered `args` and `snapshot` (`api` from `args`, the others from `snapshot`). Each is made
 * when first read and kept: a program reads a few outputs of each snapshot, and an output made costs promises of
 * its own, so none is made unread. `keyArguments` names the key arguments a program may mark secret.
 */
export function deriveSnapshotOutputs(
    target: object,
    keys: readonly string[],
    keyArguments: KeyArguments = KEY_ARGUMENTS,
): void {
    for (const key of keys) {
        Object.defineProperty(target, key, {
            configurable: true,
            get(this: RegisteredOutputs) {
                const output = derive(this, key, keyArguments);
                Object.defineProperty(this, key, { value: output, enumerable: true, configurable: true });
                return output;
            },
        });
    }
}
