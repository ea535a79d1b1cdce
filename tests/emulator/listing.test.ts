// Lists page as Atlas pages them, and the envelope and pretty flags shape any answer as Atlas does.
import { FLEX_ACCEPT, SERVERLESS_ACCEPT, flexPath, getWithToken, http, serverlessPath } from "./support";
import { emulator, token, useEmulatorWithToken } from "../helpers/emulatorFixture";

useEmulatorWithToken();

const ORDERS = serverlessPath("orders");
const listOrders = (query = "") => getWithToken(emulator, `${ORDERS}${query}`, token, SERVERLESS_ACCEPT);
const href = (pageNum: number, itemsPerPage: number, includeCount = true) =>
    `${emulator.url}${ORDERS}?includeCount=${includeCount}&pageNum=${pageNum}&itemsPerPage=${itemsPerPage}`;

describe("paging", () => {
    test("by default every snapshot comes back oldest first, counted, with only a self link", async () => {
        const answer = await listOrders();

        expect(answer.status).toBe(200);
        expect(answer.json.totalCount).toBe(5);
        expect(answer.json.results.map((s: { id: string }) => s.id)).toEqual([
            "5f4e3d2c1b0a998877665548",
            "5f4e3d2c1b0a998877665547",
            "5f4e3d2c1b0a998877665545",
            "5f4e3d2c1b0a998877665544",
            "5f4e3d2c1b0a998877665546",
        ]);
        expect(answer.json.links).toEqual([{ href: href(1, 100), rel: "self" }]);
    });

    test("the first page links to the next one only", async () => {
        const answer = await listOrders("?itemsPerPage=2");
        expect(answer.json.results).toHaveLength(2);
        expect(answer.json.links).toEqual([
            { href: href(1, 2), rel: "self" },
            { href: href(2, 2), rel: "next" },
        ]);
    });

    test("a middle page links both ways", async () => {
        const answer = await listOrders("?itemsPerPage=2&pageNum=2");
        expect(answer.json.results.map((s: { id: string }) => s.id)).toEqual([
            "5f4e3d2c1b0a998877665545",
            "5f4e3d2c1b0a998877665544",
        ]);
        expect(answer.json.links).toEqual([
            { href: href(1, 2), rel: "previous" },
            { href: href(2, 2), rel: "self" },
            { href: href(3, 2), rel: "next" },
        ]);
    });

    test("the last page links back only", async () => {
        const answer = await listOrders("?itemsPerPage=2&pageNum=3");
        expect(answer.json.results).toHaveLength(1);
        expect(answer.json.links.map((link: { rel: string }) => link.rel)).toEqual(["previous", "self"]);
    });

    test("following next links walks every snapshot exactly once", async () => {
        const seen: string[] = [];
        let url: string | undefined = `${emulator.url}${ORDERS}?itemsPerPage=2`;
        while (url !== undefined) {
            const answer = await http(url, {
                headers: { Authorization: `Bearer ${token}`, Accept: SERVERLESS_ACCEPT },
            });
            seen.push(...answer.json.results.map((s: { id: string }) => s.id));
            url = answer.json.links.find((link: { rel: string }) => link.rel === "next")?.href;
        }
        expect(seen).toHaveLength(5);
        expect(new Set(seen).size).toBe(5);
    });

    test("includeCount=false leaves totalCount out", async () => {
        const answer = await listOrders("?includeCount=false");
        expect(answer.json).not.toHaveProperty("totalCount");
        expect(answer.json.links[0].href).toBe(href(1, 100, false));
    });

    test("a page past the end is empty", async () => {
        const answer = await listOrders("?pageNum=9");
        expect(answer.status).toBe(200);
        expect(answer.json.results).toEqual([]);
        expect(answer.json.totalCount).toBe(5);
    });

    test("an instance without snapshots lists none", async () => {
        const answer = await getWithToken(emulator, serverlessPath("sandbox"), token, SERVERLESS_ACCEPT);
        expect(answer.json).toMatchObject({ results: [], totalCount: 0 });
    });

    test.each([
        ["pageNum=0"],
        ["pageNum=-1"],
        ["pageNum=abc"],
        ["itemsPerPage=0"],
        ["itemsPerPage=501"],
        ["itemsPerPage=2.5"],
        ["includeCount=maybe"],
    ])("%s answers 400 INVALID_QUERY_PARAMETER", async (query) => {
        const answer = await listOrders(`?${query}`);
        expect(answer.status).toBe(400);
        expect(answer.json.errorCode).toBe("INVALID_QUERY_PARAMETER");
    });

    test("itemsPerPage accepts the bounds 1 and 500", async () => {
        expect((await listOrders("?itemsPerPage=1")).json.results).toHaveLength(1);
        expect((await listOrders("?itemsPerPage=500")).json.results).toHaveLength(5);
    });
});

describe("envelope", () => {
    test("a single snapshot is wrapped as {status, content} with HTTP 200", async () => {
        const plain = await getWithToken(
            emulator,
            flexPath("payments", "6a6f78e0cab84da5c4476b25"),
            token,
            FLEX_ACCEPT,
        );
        const wrapped = await getWithToken(
            emulator,
            `${flexPath("payments", "6a6f78e0cab84da5c4476b25")}?envelope=true`,
            token,
            FLEX_ACCEPT,
        );
        expect(wrapped.status).toBe(200);
        expect(wrapped.json).toEqual({ status: 200, content: plain.json });
    });

    test("a list gains a status field", async () => {
        const answer = await listOrders("?envelope=true");
        expect(answer.status).toBe(200);
        expect(answer.json.status).toBe(200);
        expect(answer.json.results).toHaveLength(5);
    });

    test("an error comes back with HTTP 200 and the real status inside", async () => {
        const answer = await getWithToken(emulator, `${flexPath("nope")}?envelope=true`, token, FLEX_ACCEPT);
        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ status: 404, content: { error: 404, errorCode: "CLUSTER_NOT_FOUND" } });
    });

    test("authentication failures are not enveloped, so clients still see 401 and the challenge", async () => {
        const answer = await http(`${emulator.url}${ORDERS}?envelope=true`);
        expect(answer.status).toBe(401);
        expect(answer.headers["www-authenticate"]).toMatch(/^Digest /);
    });

    test("envelope=false changes nothing", async () => {
        expect((await listOrders("?envelope=false")).json).not.toHaveProperty("status");
    });
});

describe("pretty", () => {
    test("pretty=true indents the same JSON", async () => {
        const compact = await listOrders();
        const pretty = await listOrders("?pretty=true");
        expect(compact.text).not.toContain("\n");
        expect(pretty.text).toContain('\n  "links": [');
        expect(pretty.json).toEqual(compact.json);
    });

    test("pretty=true indents errors too", async () => {
        const answer = await getWithToken(emulator, `${flexPath("nope")}?pretty=true`, token, FLEX_ACCEPT);
        expect(answer.text).toContain('\n  "errorCode": "CLUSTER_NOT_FOUND"');
    });
});
