// When a list goes on: decided by the page itself, never by Atlas's estimated totalCount.
import { DEFAULT_CLIENT_OPTIONS, MAX_ITEMS_PER_PAGE, hasNextPage } from "../../../provider/atlas/client";

const items = (count: number) => Array.from({ length: count }, (_, i) => ({ id: String(i) }));
const next = [{ rel: "self" }, { rel: "next", href: "https://cloud.mongodb.com/...&pageNum=2" }];
const selfOnly = [{ rel: "self" }];

describe("hasNextPage", () => {
    test.each([
        ["a full page with a next link", items(500), next, true],
        ["a full page without a next link", items(500), selfOnly, true],
        ["a full page without links", items(500), undefined, true],
        ["a short page with a next link", items(3), next, true],
        ["a short page without a next link", items(3), selfOnly, false],
        ["a short page without links", items(499), undefined, false],
        ["an empty page with a next link", items(0), next, false],
        ["an empty page without links", items(0), undefined, false],
    ])("%s: %s", (_case, results, links, expected) => {
        expect(hasNextPage({ results, links }, MAX_ITEMS_PER_PAGE)).toBe(expected);
    });

    test("asks for the largest page Atlas serves", () => {
        expect(MAX_ITEMS_PER_PAGE).toBe(500);
    });

    test("caps a list at 1000 pages unless the client is told otherwise", () => {
        expect(DEFAULT_CLIENT_OPTIONS.maxPages).toBe(1000);
    });
});
