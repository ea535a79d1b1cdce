// Atlas's list paging: pageNum, itemsPerPage and includeCount in, `{links, results, totalCount}` out.
import type { ApiError, Link } from "../../provider/atlas/schemas";
import { parseBoundedInt, parseFlag } from "./queryParams";

/** The paging a list request asks for, defaults applied. */
export interface Paging {
    pageNum: number;
    itemsPerPage: number;
    includeCount: boolean;
}

/** A page of results in Atlas's list shape. */
export interface PageBody<T> {
    links: Link[];
    results: T[];
    totalCount?: number;
}

/** Reads the paging parameters (pageNum ≥ 1 default 1, itemsPerPage 1–500 default 100, includeCount default true). */
export function parsePaging(query: URLSearchParams): Paging | ApiError {
    const pageNum = parseBoundedInt(query, "pageNum", 1, 1, Number.MAX_SAFE_INTEGER);
    if (typeof pageNum !== "number") return pageNum;
    const itemsPerPage = parseBoundedInt(query, "itemsPerPage", 100, 1, 500);
    if (typeof itemsPerPage !== "number") return itemsPerPage;
    const includeCount = parseFlag(query, "includeCount");
    if (typeof includeCount === "object") return includeCount;
    return { pageNum, itemsPerPage, includeCount: includeCount ?? true };
}

/**
 * Cuts one page out of all items and links it: `self` always, `previous` after the first page, `next` while more
 * items follow; each href is `baseHref` with the paging query, as Atlas writes it.
 */
export function paginate<T>(items: readonly T[], paging: Paging, baseHref: string): PageBody<T> {
    const start = (paging.pageNum - 1) * paging.itemsPerPage;
    const href = (pageNum: number) =>
        `${baseHref}?includeCount=${paging.includeCount}&pageNum=${pageNum}&itemsPerPage=${paging.itemsPerPage}`;
    const links: Link[] = [];
    if (paging.pageNum > 1) links.push({ href: href(paging.pageNum - 1), rel: "previous" });
    links.push({ href: href(paging.pageNum), rel: "self" });
    if (start + paging.itemsPerPage < items.length) links.push({ href: href(paging.pageNum + 1), rel: "next" });
    const page: PageBody<T> = { links, results: items.slice(start, start + paging.itemsPerPage) };
    if (paging.includeCount) page.totalCount = items.length;
    return page;
}
