import { markSecretOutputs } from "../../provider/secretOutputs";
import { isResourceIdOf, snapshotResourceId } from "../../provider/resourceId";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const key = { projectId: "32b6e34b3d91647abb20e7b8", instanceName: "payments", snapshotId: "6a6f78e0cab84da5c4476b25" };

describe("markSecretOutputs", () => {
    const outputs = {
        snapshotId: key.snapshotId,
        status: "completed",
        links: [{ rel: "self", href: `https://cloud.mongodb.com/api/atlas/v2/groups/x/snapshots/${key.snapshotId}` }],
    };

    test("leaves every output plain when no argument is secret", () => {
        expect(markSecretOutputs(outputs, key, [])).toBe(outputs);
    });

    test("marks secret every output that contains a secret argument's value, and only those", () => {
        const marked = markSecretOutputs(outputs, key, ["snapshotId"]);

        expect(marked.snapshotId).toEqual({ ...SECRET, value: key.snapshotId });
        expect(marked.links).toEqual({ ...SECRET, value: outputs.links });
        expect(marked.status).toBe("completed");
    });

    test("ignores names that are not key arguments", () => {
        expect(markSecretOutputs(outputs, key, ["status"])).toEqual(outputs);
    });
});

describe("snapshotResourceId", () => {
    test("spells out the key when nothing is secret", () => {
        expect(snapshotResourceId(key)).toBe("32b6e34b3d91647abb20e7b8/payments/6a6f78e0cab84da5c4476b25");
    });

    test("is an opaque digest that does not contain the key when part of it is secret", () => {
        const id = snapshotResourceId(key, true);

        expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(id).not.toContain(key.snapshotId);
    });

    test.each([
        [snapshotResourceId(key), true],
        [snapshotResourceId(key, true), true],
        [snapshotResourceId({ ...key, snapshotId: "6a70ca6904d982bb549e2a3a" }), false],
        ["anything", false],
    ])("isResourceIdOf(%p) is %p", (id, expected) => {
        expect(isResourceIdOf(id, key)).toBe(expected);
    });
});
