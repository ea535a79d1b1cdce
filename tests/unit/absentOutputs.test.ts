// An output Atlas did not send: null in the read step's answer, so the engine hands it over as known in a preview
// as in an update, and undefined for the program, as the types and the get… functions have it.
import * as pulumi from "@pulumi/pulumi";
import { fromFlex, fromServerless } from "../../provider/mapping";
import { OUTPUT_KEYS, withAbsentAsNull } from "../../provider/outputs";
import { absentAsUndefined } from "../../provider/programOutputs";

const key = { projectId: "32b6e34b3d91647abb20e7b8", instanceName: "orders", snapshotId: "5f4e3d2c1b0a998877665546" };

/** The value, known-ness and secrecy of an output, as a program would observe them. */
async function observe(output: pulumi.Output<unknown>) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK keeps these on the instance only
    const inner = output as any;
    return { value: await inner.promise(), known: await inner.isKnown, secret: await inner.isSecret };
}

describe("withAbsentAsNull", () => {
    test("names every output, null for each Atlas did not send, and keeps each it sent as it is", () => {
        const mapped = fromServerless(key, {
            id: key.snapshotId,
            status: "inProgress",
            createdAt: "2026-12-04T10:00:00Z",
        });

        const answered = withAbsentAsNull(mapped);

        expect(Object.keys(answered).sort()).toEqual([...OUTPUT_KEYS].sort());
        expect(answered).toMatchObject({ ...mapped, expiresAt: null, storageSizeBytes: null, finishTime: null });
        expect(Object.entries(answered).filter(([, value]) => value !== null)).toEqual(Object.entries(mapped));
    });

    test("a Flex answer gets null for the fields Flex has none of", () => {
        const answered = withAbsentAsNull(fromFlex(key, { id: key.snapshotId, status: "COMPLETED", expiration: "x" }));

        expect(answered).toMatchObject({
            storageSizeBytes: null,
            frequencyType: null,
            snapshotType: null,
            serverlessInstanceName: null,
            expiresAt: "x",
            status: "completed",
        });
    });

    test("a value that is falsy but sent (0 bytes, an empty list of links) is kept", () => {
        const answered = withAbsentAsNull({
            ...fromServerless(key, { id: key.snapshotId }),
            storageSizeBytes: 0,
            links: [],
        });

        expect(answered.storageSizeBytes).toBe(0);
        expect(answered.links).toEqual([]);
    });
});

describe("absentAsUndefined", () => {
    test("turns null into undefined and leaves every other value, and its secrecy, as it was", async () => {
        const resource = {
            expiresAt: pulumi.output(null) as pulumi.Output<unknown>,
            storageSizeBytes: pulumi.output(0) as pulumi.Output<unknown>,
            snapshotId: pulumi.secret(key.snapshotId) as pulumi.Output<unknown>,
            other: pulumi.output(null) as pulumi.Output<unknown>,
        };

        absentAsUndefined(resource, ["expiresAt", "storageSizeBytes", "snapshotId"]);

        expect(await observe(resource.expiresAt)).toEqual({ value: undefined, known: true, secret: false });
        expect(await observe(resource.storageSizeBytes)).toEqual({ value: 0, known: true, secret: false });
        expect(await observe(resource.snapshotId)).toEqual({ value: key.snapshotId, known: true, secret: true });
        expect(await observe(resource.other)).toEqual({ value: null, known: true, secret: false });
    });
});
