import { SECRET_PLACEHOLDER, redactError, redactor, secretValues } from "../../provider/snapshots/redaction";

describe("redactor", () => {
    const redact = redactor(["orders", "5f4e3d2c1b0a998877665544"]);

    test.each([
        [
            'Could not read snapshot 5f4e3d2c1b0a998877665544 of "orders".',
            'Could not read snapshot [secret] of "[secret]".',
        ],
        [
            "GET /api/atlas/v2/groups/p/serverless/orders/backup/snapshots",
            "GET /api/atlas/v2/groups/p/serverless/[secret]/backup/snapshots",
        ],
        // Whole names only: another instance whose name merely contains the secret one is left as it is.
        ['"orders-eu" and "preorders"', '"orders-eu" and "preorders"'],
        ["nothing secret here", "nothing secret here"],
    ])("%p becomes %p", (text, expected) => {
        expect(redact(text)).toBe(expected);
    });

    test("is the identity when nothing is secret", () => {
        expect(redactor([])("orders")).toBe("orders");
        expect(redactor([""])("orders")).toBe("orders");
    });

    test("treats values as text, not patterns", () => {
        expect(redactor(["a.c"])("abc a.c")).toBe(`abc ${SECRET_PLACEHOLDER}`);
    });

    test("replaces the longer of two overlapping values whole", () => {
        expect(redactor(["ord", "ord-1"])("ord-1 ord")).toBe("[secret] [secret]");
    });
});

describe("secretValues", () => {
    test("are the values of the named fields that are strings", () => {
        expect(
            secretValues({ projectId: "p", instanceName: "orders", snapshotId: undefined }, [
                "instanceName",
                "snapshotId",
            ]),
        ).toEqual(["orders"]);
        expect(secretValues({ instanceName: "orders" }, undefined)).toEqual([]);
    });
});

describe("redactError", () => {
    test("rewrites the message and the stack, keeping the error's type", () => {
        const error = new TypeError('Could not read "orders"');

        const redacted = redactError(error, redactor(["orders"])) as Error;

        expect(redacted).toBeInstanceOf(TypeError);
        expect(redacted.message).toBe('Could not read "[secret]"');
        expect(redacted.stack).not.toContain("orders");
    });

    test("redacts a thrown string too", () => {
        expect(redactError("orders failed", redactor(["orders"]))).toBe("[secret] failed");
    });
});
