// What the program sees of a read step's outputs. A read step registers only `args` and `snapshot` (see
// `ReadStepOutputs`); each output a program reads (`status`, `expiresAt`, …) is derived from them here, known in
// a preview as in an update (a field Atlas did not send is undefined, as the get… functions return it), secret
// exactly when its value spells out a key argument the program marked secret, and depending on the resource.
import * as pulumi from "@pulumi/pulumi";
import { readStepValue } from "../snapshots/outputs";
import type { ReadStepOutputs, SnapshotOutputs } from "../snapshots/outputs";
import { containsSecret, secretValuesOf } from "../snapshots/secretOutputs";

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

function answerOf(resource: RegisteredOutputs): pulumi.Output<Answer> {
    let answer = answers.get(resource);
    if (answer === undefined) {
        // Whole, `args` and `snapshot` are secret when any part is: each output is made secret again on its merit.
        answer = pulumi
            .all([pulumi.unsecret(resource.args), pulumi.unsecret(resource.snapshot)])
            .apply(([argsText, snapshotText]) => {
                const args = (readStepValue(argsText) ?? {}) as ReadStepOutputs["args"];
                const snapshot = (readStepValue(snapshotText) ?? {}) as unknown as SnapshotOutputs;
                return { args, snapshot, secrets: secretValuesOf(snapshot, args.secretArguments ?? []) };
            });
        answers.set(resource, answer);
    }
    return answer;
}

/** The output `key` of a resource, derived from its registered outputs. */
function derive(resource: RegisteredOutputs, key: keyof SnapshotOutputs | "api"): pulumi.Output<unknown> {
    if (key === "api") {
        return answerOf(resource).apply(({ args }) => args.api);
    }
    return answerOf(resource).apply(({ snapshot, secrets }) => {
        const value = snapshot[key];
        return containsSecret(value, secrets) ? pulumi.secret(value) : value;
    });
}

/**
 * Defines each of `keys`, and `api`, on `target` (a resource class's prototype, or one resource) as an output
 * derived from the resource's registered `args` and `snapshot`. Each is made when first read and kept: a program
 * reads a few outputs of each snapshot, and an output made costs promises of its own, so none is made unread.
 */
export function deriveSnapshotOutputs(target: object, keys: readonly (keyof SnapshotOutputs)[]): void {
    for (const key of [...keys, "api" as const]) {
        Object.defineProperty(target, key, {
            configurable: true,
            get(this: RegisteredOutputs) {
                const output = derive(this, key);
                Object.defineProperty(this, key, { value: output, enumerable: true, configurable: true });
                return output;
            },
        });
    }
}
