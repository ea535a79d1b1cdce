import { markSecretOutputs } from "../../provider/snapshots/secretOutputs";
import { createHash } from "crypto";
import {
    isListResourceIdOf,
    isResourceIdOf,
    opaqueResourceId,
    snapshotListResourceId,
    snapshotResourceId,
} from "../../provider/snapshots/resourceId";

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

    test("an opaque id is made of the resource's name alone, so no guess at the key can be checked against it", () => {
        const id = opaqueResourceId("snapshot", "nightly");

        expect(id).toBe("secret:snapshot:nightly");
        expect(id).not.toContain(key.snapshotId);
        expect(id).not.toBe(opaqueResourceId("snapshot", "weekly"));
        expect(id).not.toContain(createHash("sha256").update(snapshotResourceId(key)).digest("hex"));
    });

    const legacy = `sha256:${createHash("sha256").update(snapshotResourceId(key)).digest("hex")}`;
    test.each([
        [snapshotResourceId(key), true],
        [opaqueResourceId("snapshot", "nightly"), true],
        [opaqueResourceId("newest", "nightly"), false],
        [opaqueResourceId("snapshots", "nightly"), false],
        [legacy, true],
        [snapshotResourceId({ ...key, snapshotId: "6a70ca6904d982bb549e2a3a" }), false],
        ["anything", false],
    ])("isResourceIdOf(%p) is %p", (id, expected) => {
        expect(isResourceIdOf(id, key)).toBe(expected);
    });

    test.each([
        [snapshotListResourceId(key), true],
        [opaqueResourceId("snapshots", "all"), true],
        [opaqueResourceId("snapshot", "all"), false],
        [snapshotResourceId(key), false],
    ])("isListResourceIdOf(%p) is %p", (id, expected) => {
        expect(isListResourceIdOf(id, key)).toBe(expected);
    });
});
