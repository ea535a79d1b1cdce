// The outputs a program reads, derived from the two a read step registers: a field Atlas did not send is known
// and undefined, as the get… functions return it; each output is secret exactly when it spells out a key argument
// the program marked secret, whatever the secrecy of the whole answer.
import * as pulumi from "@pulumi/pulumi";
import { fromFlex, fromServerless } from "../../provider/snapshots/mapping";
import { OUTPUT_KEYS } from "../../provider/snapshots/outputs";
import type { ReadStepArguments, SnapshotOutputs } from "../../provider/snapshots/outputs";
import { deriveSnapshotOutputs } from "../../provider/program/outputs";

const key = { projectId: "32b6e34b3d91647abb20e7b8", instanceName: "orders", snapshotId: "5f4e3d2c1b0a998877665546" };

/** The value, known-ness and secrecy of an output, as a program would observe them. */
async function observe(output: pulumi.Output<unknown>) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK keeps these on the instance only
    const inner = output as any;
    return { value: await inner.promise(), known: await inner.isKnown, secret: await inner.isSecret };
}

/** A resource as the SDK leaves it after a read step: `args` and `snapshot` registered, here secret when asked. */
function resourceOf(args: ReadStepArguments, snapshot: SnapshotOutputs, secret = false) {
    const wrap = <T>(value: T) => (secret ? pulumi.secret(value) : pulumi.output(value));
    const resource: Record<string, pulumi.Output<unknown>> = { args: wrap(args), snapshot: wrap(snapshot) };
    deriveSnapshotOutputs(resource, [...OUTPUT_KEYS, "api"]);
    return resource;
}

describe("deriveSnapshotOutputs", () => {
    test("each output is the snapshot's field; one Atlas did not send is known and undefined", async () => {
        const snapshot = fromFlex(key, { id: key.snapshotId, status: "COMPLETED", expiration: "2026-12-31T00:00:00Z" });
        const resource = resourceOf({ ...key, api: "auto" }, snapshot);

        for (const name of OUTPUT_KEYS) {
            expect([name, await observe(resource[name])]).toEqual([
                name,
                { value: snapshot[name], known: true, secret: false },
            ]);
        }
        expect(await observe(resource.storageSizeBytes)).toEqual({ value: undefined, known: true, secret: false });
        expect(await observe(resource.api)).toEqual({ value: "auto", known: true, secret: false });
    });

    test("a value that is falsy but sent (0 bytes, an empty list of links) is kept", async () => {
        const snapshot = { ...fromServerless(key, { id: key.snapshotId }), storageSizeBytes: 0, links: [] };
        const resource = resourceOf({ ...key, api: "serverless" }, snapshot);

        expect((await observe(resource.storageSizeBytes)).value).toBe(0);
        expect((await observe(resource.links)).value).toEqual([]);
    });

    test("with a secret instance name, secret are the outputs that spell it out, and only those", async () => {
        const snapshot = fromServerless(key, {
            id: key.snapshotId,
            status: "completed",
            serverlessInstanceName: key.instanceName,
            links: [{ rel: "self", href: `https://cloud.mongodb.com/x/serverless/${key.instanceName}/y` }],
        });
        const resource = resourceOf({ ...key, api: "auto", secretArguments: ["instanceName"] }, snapshot, true);

        const secret = [];
        for (const name of OUTPUT_KEYS) {
            const observed = await observe(resource[name]);
            expect(observed.value).toEqual(snapshot[name]);
            if (observed.secret) secret.push(name);
        }
        expect(secret.sort()).toEqual(["instanceName", "links", "serverlessInstanceName"]);
        expect((await observe(resource.status)).secret).toBe(false);
    });
});
