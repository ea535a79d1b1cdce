// What the program sees of a read step's outputs. The provider names every output in its answer, null where
// Atlas sent nothing (see `withAbsentAsNull`), so the engine hands the program a known value in a preview as in
// an update; the program then sees undefined for it, as the types say and as the get… functions return it.
import * as pulumi from "@pulumi/pulumi";

/** Replaces each of `keys`' outputs on `resource` by one that reads null as undefined; unknown stays unknown. */
export function absentAsUndefined(resource: object, keys: readonly string[]): void {
    const outputs = resource as Record<string, pulumi.Output<unknown>>;
    for (const key of keys) {
        outputs[key] = outputs[key].apply((value) => value ?? undefined);
    }
}
