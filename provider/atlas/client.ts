// The Atlas Admin API client: versioned GETs of snapshots, authenticated, bounded, retried, and checked
// against the API's schemas before anything reaches the caller.
import { AxiosError } from "axios";
import type { AxiosInstance, AxiosResponse } from "axios";
import { z } from "zod";
import { acceptHeader, shardedSnapshotPath, snapshotPath } from "./endpoints";
import type { SnapshotApi } from "./endpoints";
import { createAuthenticator } from "./auth";
import type { Authenticator } from "./auth";
import { ConcurrencyLimit } from "./concurrency";
import { AtlasRequestError, excerptOf, failureOf, headerNumber } from "./failure";
import { attemptsOf, createHttp } from "./http";
import { newReadBudget, RateLimitGate } from "./rateLimitGate";
import type { RateLimitClock, RateLimitWait, ReadBudget } from "./rateLimitGate";
import {
    clusterSnapshotPageSchema,
    clusterSnapshotSchema,
    flexSnapshotPageSchema,
    flexSnapshotSchema,
    serverlessSnapshotPageSchema,
    serverlessSnapshotSchema,
    shardedClusterSnapshotPageSchema,
    shardedClusterSnapshotSchema,
} from "./schemas";
import type { ClusterSnapshot, FlexSnapshot, Link, Page, ServerlessSnapshot, ShardedClusterSnapshot } from "./schemas";
import type { ClientSettings } from "./settings";
import { TOKEN_PATH } from "./endpoints";

/** A snapshot with the API that answered for it. */
export type SnapshotAnswer =
    | { api: "serverless"; snapshot: ServerlessSnapshot }
    | { api: "flex"; snapshot: FlexSnapshot }
    | { api: "cluster"; snapshot: ClusterSnapshot };

/** A whole list of snapshots, every page read, with the API that answered and Atlas's count. */
export type SnapshotListAnswer = (
    | { api: "serverless"; snapshots: ServerlessSnapshot[]; totalCount?: number }
    | { api: "flex"; snapshots: FlexSnapshot[]; totalCount?: number }
    | { api: "cluster"; snapshots: ClusterSnapshot[]; totalCount?: number }
) & {
    /** Set when `goOn` stopped the list before its last page: `snapshots` holds the pages read. */
    incomplete?: true;
};

/** Where a list stands after a page that has a next one. */
export interface ListProgress {
    pagesRead: number;
    /** Atlas's count from the pages read so far, when it sent one. */
    totalCount?: number;
}

/** Asked after each page that has a next one: false stops the list there, `incomplete`. */
export type ListContinuation = (progress: ListProgress) => boolean;

/** The largest page Atlas serves; fewer pages mean fewer requests. */
export const MAX_ITEMS_PER_PAGE = 500;

/** How a client reads lists and waits for rate limits; each field's default is in `DEFAULT_CLIENT_OPTIONS`. */
export interface AtlasClientOptions {
    /** The most pages one list may take; a list still going on past it fails as an unexpected answer. Default 1000. */
    maxPages?: number;
    /** The first wait after a 429 that says nothing of how long; it doubles with each 429 in a row. Default 10 s. */
    firstRateLimitWaitMs?: number;
}

/** The defaults of every client option: 1000 pages of 500 is half a million snapshots; MongoDB's 10 s first wait. */
export const DEFAULT_CLIENT_OPTIONS: Required<AtlasClientOptions> = { maxPages: 1000, firstRateLimitWaitMs: 10_000 };

/** What a client reports to and runs on besides its options: progress lines, and a clock for tests. */
export interface AtlasClientHooks {
    /** Told, once per closure of a bucket, that reads wait for its refill. */
    onWait?: (wait: RateLimitWait) => void;
    rateLimitClock?: RateLimitClock;
}

/**
 * The bucket a request draws on, in words. Atlas's buckets are per endpoint set and scope; the snapshot GET and
 * list of one API in one project are taken to share one, so a 429 on a list holds the GETs beside it too.
 */
export function bucketOf(path: string): string {
    const match = /\/groups\/([^/]+)\/(serverless|flexClusters|clusters)\//.exec(path);
    if (match === null) return `requests to ${path}`;
    const family = {
        serverless: "serverless snapshot",
        flexClusters: "Flex snapshot",
        clusters: "cloud backup snapshot",
    };
    return `${family[match[2] as keyof typeof family]} reads of project ${decodeURIComponent(match[1])}`;
}

/**
 * Whether a list goes on after this page: it was full, or it links a `next` one; an empty page ends it whatever it
 * links. `totalCount` never decides: Atlas documents it as an estimate.
 */
export function hasNextPage(
    page: { results: readonly unknown[]; links?: readonly Link[] },
    itemsPerPage: number,
): boolean {
    if (page.results.length === 0) {
        return false;
    }
    return page.results.length >= itemsPerPage || (page.links ?? []).some((link) => link.rel === "next");
}

/** How many times one request may be signed afresh after a 401 (a stale nonce, an expired token). */
const MAX_AUTH_RECOVERIES = 2;

/** Counts of what a client has sent, for tests and the benchmark. */
export interface ClientCounters {
    requests: number;
    tokensFetched: number;
}

/** Names the first thing wrong with a body that failed its schema: "status: Invalid option …". */
function schemaProblem(error: z.ZodError): string {
    const issue = error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "the body";
    return `${where}: ${issue.message}`;
}

/** A client for one base URL and credential; share it, so tokens, nonces and the concurrency bound are shared. */
export class AtlasClient {
    private readonly http: AxiosInstance;
    private readonly auth: Authenticator;
    private readonly limit: ConcurrencyLimit;
    private readonly options: Required<AtlasClientOptions>;
    private readonly gate: RateLimitGate;
    private sent = 0;
    /** The request learning the digest challenge; requests beside it wait, then sign with its nonce. */
    private learningChallenge?: Promise<unknown>;

    constructor(
        readonly settings: ClientSettings,
        options: AtlasClientOptions = {},
        hooks: AtlasClientHooks = {},
    ) {
        this.options = { ...DEFAULT_CLIENT_OPTIONS, ...options };
        // 429s come back to `get`, which waits as Atlas asks; the token request's own limit is retried as before.
        this.http = createHttp(settings, "leave");
        this.gate = new RateLimitGate({
            budgetMs: settings.rateLimitBudgetMs,
            scarceBelow: settings.maxConcurrency,
            firstWaitMs: this.options.firstRateLimitWaitMs,
            ...(hooks.rateLimitClock && { clock: hooks.rateLimitClock }),
            ...(hooks.onWait && { onWait: hooks.onWait }),
        });
        // Tokens come from their own stack, so the signing below never touches the token request.
        this.auth = createAuthenticator(settings, createHttp(settings));
        this.limit = new ConcurrencyLimit(settings.maxConcurrency);
        // Signed on every attempt, retries included: a digest nonce count may be used once only.
        this.http.interceptors.request.use(async (config) => {
            this.sent += 1;
            const target = new URL(config.url ?? "", this.settings.baseUrl);
            const authorization = await this.auth.authorize("GET", target.pathname + target.search);
            if (authorization === undefined) {
                config.headers.delete("Authorization");
            } else {
                config.headers.set("Authorization", authorization);
            }
            return config;
        });
    }

    /** The credential in words, for messages: never its value. */
    get credentialDescription(): string {
        return this.auth.description;
    }

    /** What this client has sent so far. */
    get counters(): ClientCounters {
        return { requests: this.sent, tokensFetched: this.auth.tokensFetched };
    }

    /** Reads one snapshot from one API. */
    async getSnapshot(
        api: SnapshotApi,
        projectId: string,
        instanceName: string,
        snapshotId: string,
    ): Promise<SnapshotAnswer> {
        const path = snapshotPath(api, projectId, instanceName, snapshotId);
        switch (api) {
            case "serverless":
                return { api, snapshot: await this.get(path, api, serverlessSnapshotSchema) };
            case "flex":
                return { api, snapshot: await this.get(path, api, flexSnapshotSchema) };
            case "cluster":
                return { api, snapshot: await this.get(path, api, clusterSnapshotSchema) };
        }
    }

    /** Reads one sharded cluster's snapshot from the sharded-cluster route, which names its members. */
    getShardedSnapshot(projectId: string, clusterName: string, snapshotId: string): Promise<ShardedClusterSnapshot> {
        return this.get(
            shardedSnapshotPath(projectId, clusterName, snapshotId),
            "cluster",
            shardedClusterSnapshotSchema,
        );
    }

    /**
     * Reads a sharded cluster's snapshots with their members: one request, as the route takes no paging
     * parameters (Atlas's spec defines none for it).
     */
    async listShardedSnapshots(projectId: string, clusterName: string): Promise<ShardedClusterSnapshot[]> {
        const path = shardedSnapshotPath(projectId, clusterName);
        return (await this.get(path, "cluster", shardedClusterSnapshotPageSchema)).results;
    }

    /** Reads every page of an instance's snapshots from one API, or those before `goOn` says stop. */
    async listSnapshots(
        api: SnapshotApi,
        projectId: string,
        instanceName: string,
        goOn: ListContinuation = () => true,
    ): Promise<SnapshotListAnswer> {
        const path = snapshotPath(api, projectId, instanceName);
        switch (api) {
            case "serverless":
                return { api, ...(await this.listAll(path, api, serverlessSnapshotPageSchema, goOn)) };
            case "flex":
                return { api, ...(await this.listAll(path, api, flexSnapshotPageSchema, goOn)) };
            case "cluster":
                return { api, ...(await this.listAll(path, api, clusterSnapshotPageSchema, goOn)) };
        }
    }

    private async listAll<T>(
        path: string,
        api: SnapshotApi,
        schema: z.ZodType<Page<T>>,
        goOn: ListContinuation,
    ): Promise<{ snapshots: T[]; totalCount?: number; incomplete?: true }> {
        const snapshots: T[] = [];
        let totalCount: number | undefined;
        let previousPage: string | undefined;
        const budget = newReadBudget();
        const listFailure = (problem: string) =>
            new AtlasRequestError(
                { kind: "unexpected", problem, excerpt: "" },
                { method: "GET", host: new URL(this.settings.baseUrl).host, path },
                1,
            );
        for (let pageNum = 1; ; pageNum++) {
            if (pageNum > this.options.maxPages) {
                throw listFailure(
                    `the list did not end within ${this.options.maxPages} pages of ${MAX_ITEMS_PER_PAGE}: ` +
                        `every page was full or linked a next one (${snapshots.length} snapshots read)`,
                );
            }
            const page = await this.get(
                path,
                api,
                schema,
                { pageNum: String(pageNum), itemsPerPage: String(MAX_ITEMS_PER_PAGE), includeCount: "true" },
                budget,
            );
            // A real list never serves the same snapshots twice: a server (or a caching proxy) that ignores pageNum
            // would otherwise be read on, page after identical page, until the page cap.
            const thisPage = JSON.stringify(page.results);
            if (page.results.length > 0 && thisPage === previousPage) {
                throw listFailure(
                    `page ${pageNum} (pageNum=${pageNum}) repeated page ${pageNum - 1} (the same ` +
                        `${page.results.length} snapshots): the server ignored pageNum, as a caching proxy in front ` +
                        `of Atlas may; reading stopped after ${snapshots.length} snapshots`,
                );
            }
            previousPage = thisPage;
            snapshots.push(...page.results);
            totalCount = page.totalCount ?? totalCount;
            if (!hasNextPage(page, MAX_ITEMS_PER_PAGE)) {
                return { snapshots, totalCount };
            }
            if (!goOn({ pagesRead: pageNum, ...(totalCount !== undefined && { totalCount }) })) {
                return { snapshots, totalCount, incomplete: true };
            }
        }
    }

    /**
     * A versioned GET whose answer must match `schema`; every failure becomes an `AtlasRequestError`. A 429 closes
     * the request's bucket for the wait it asks (see rateLimitGate.ts), and the request goes again once it
     * reopens, as long as the read's waits stay within `budget`.
     */
    async get<T>(
        path: string,
        api: SnapshotApi,
        schema: z.ZodType<T>,
        query: Record<string, string> = {},
        budget: ReadBudget = newReadBudget(),
    ): Promise<T> {
        const url = new URL(this.settings.baseUrl + path);
        for (const [name, value] of Object.entries(query)) {
            url.searchParams.set(name, value);
        }
        if (this.settings.envelope) {
            url.searchParams.set("envelope", "true");
        }
        const request = { method: "GET", host: url.host, path: url.pathname };
        const bucket = bucketOf(path);
        for (let attempts = 1; ; attempts++) {
            const entered = await this.gate.enter(bucket, budget);
            if ("exhausted" in entered) {
                throw new AtlasRequestError({ ...entered.failure, rateLimit: entered.exhausted }, request, attempts);
            }
            let response: AxiosResponse<string>;
            try {
                response = await this.sendLimited(url, api, request);
            } catch (error) {
                if (
                    error instanceof AtlasRequestError &&
                    error.failure.kind === "http" &&
                    error.failure.status === 429 &&
                    error.request.path !== TOKEN_PATH
                ) {
                    entered.pass.refused(error.failure);
                    continue;
                }
                entered.pass.failed();
                throw error;
            }
            entered.pass.answered(headerNumber(response.headers["ratelimit-remaining"]));
            return this.parse(response, schema, request);
        }
    }

    /** One request within the concurrency bound, the digest challenge learnt once for all. */
    private sendLimited(
        url: URL,
        api: SnapshotApi,
        request: AtlasRequestError["request"],
    ): Promise<AxiosResponse<string>> {
        return this.limit.run(async () => {
            // A loop: when the learner failed before any challenge came, the next request learns it for the rest.
            while (this.learningChallenge) {
                await this.learningChallenge;
            }
            const sending = this.send(url, api, request);
            if (this.auth.awaitsChallenge && !this.learningChallenge) {
                // Without this, every request in the first concurrent batch would draw its own challenge.
                this.learningChallenge = sending
                    .catch(() => undefined)
                    .finally(() => (this.learningChallenge = undefined));
            }
            return sending;
        });
    }

    private async send(
        url: URL,
        api: SnapshotApi,
        request: AtlasRequestError["request"],
    ): Promise<AxiosResponse<string>> {
        for (let recoveries = 0; ; recoveries++) {
            try {
                return await this.http.get<string>(url.toString(), { headers: { Accept: acceptHeader(api) } });
            } catch (error) {
                if (error instanceof AtlasRequestError) {
                    throw error; // the token request failed: it says so itself
                }
                const response = error instanceof AxiosError ? error.response : undefined;
                const sent = (error as AxiosError).config?.headers?.get("Authorization");
                if (
                    response?.status === 401 &&
                    recoveries < MAX_AUTH_RECOVERIES &&
                    this.auth.recover(response, typeof sent === "string" ? sent : undefined)
                ) {
                    continue;
                }
                throw new AtlasRequestError(
                    failureOf(error, this.settings.requestTimeoutMs),
                    request,
                    attemptsOf(error),
                );
            }
        }
    }

    private parse<T>(response: AxiosResponse<string>, schema: z.ZodType<T>, request: AtlasRequestError["request"]): T {
        let body: unknown;
        try {
            body = JSON.parse(response.data);
        } catch {
            throw new AtlasRequestError(
                {
                    kind: "unexpected",
                    status: response.status,
                    problem: `the body is not JSON (Content-Type ${String(response.headers["content-type"] ?? "none")})`,
                    excerpt: excerptOf(response.data),
                },
                request,
                1,
            );
        }
        if (this.settings.envelope) {
            body = this.unwrap(body, request);
        }
        const result = schema.safeParse(body);
        if (!result.success) {
            throw new AtlasRequestError(
                {
                    kind: "unexpected",
                    status: response.status,
                    problem: `the body does not match the API's schema (${schemaProblem(result.error)})`,
                    excerpt: excerptOf(body),
                },
                request,
                1,
            );
        }
        return result.data;
    }

    /**
     * Opens an `envelope=true` answer: `{status, content}` for one resource, `{status, results…}` for a list. An
     * error's envelope never gets here: the HTTP stack turns it back into the error response it stands for.
     */
    private unwrap(body: unknown, request: AtlasRequestError["request"]): unknown {
        const envelope = z.object({ status: z.number().int(), content: z.unknown().optional() }).safeParse(body);
        if (!envelope.success) {
            throw new AtlasRequestError(
                {
                    kind: "unexpected",
                    problem: "envelope=true was asked for, but the body has no numeric `status`",
                    excerpt: excerptOf(body),
                },
                request,
                1,
            );
        }
        const { content } = envelope.data;
        if (content !== undefined) {
            return content;
        }
        const rest = { ...(body as Record<string, unknown>) };
        delete rest.status;
        return rest;
    }
}
