// A request coalescer for snapshot reads, after DataLoader's pattern: reads of one instance that arrive together
// (in the same turn of the event loop, while another read of it is in flight, or after one was answered) share one
// paged list request instead of a GET each. Three rules keep a shared list exactly as good as the GETs it replaces:
// - fresh: a list answers other reads only for `maxAgeMs` after it was asked for, and never once the process has
//   seen a snapshot differently since (a GET that found another status, or no snapshot at all, retires it);
// - worth it: a list is read only while its pages cost no more requests than the reads waiting for it, as the first
//   page's `totalCount` (or an earlier list of the instance) tells; otherwise each read is its own GET;
// - bounded: a read whose shared list failed after spending its retries fails with that failure, rather than start
//   a GET with a budget of its own; any other list failure, and a snapshot the list lacks, falls back to a GET.
import { MAX_ITEMS_PER_PAGE } from "../atlas/client";
import type { ListContinuation } from "../atlas/client";
import type { SnapshotApi } from "../atlas/endpoints";
import type { ApiChoice, SnapshotOutputs } from "./outputs";

/** An instance's snapshots as one list request read them: every page, unless `incomplete`. */
export interface InstanceSnapshots {
    source: SnapshotApi;
    snapshots: SnapshotOutputs[];
    totalCount: number;
    /** Set when the list stopped after its first pages: the rest cost more than the reads waiting for them. */
    incomplete?: true;
}

/** Fetches an instance's list, asking `goOn` after each page that has a next one. */
export type ListFetch = (goOn: ListContinuation) => Promise<InstanceSnapshots>;

/** How long a list answers and where time comes from. */
export interface CoalescerOptions {
    /** How long after it was asked for a list may answer other reads; 0: lists are never shared or kept. */
    maxAgeMs: number;
    now?: () => number;
}

/** A list asked for once, shared while it is fresh. */
interface SharedList {
    answer: Promise<InstanceSnapshots>;
    startedAt: number;
    /** When Atlas answered it: its age counts from there, so a list held back by a rate limit is not stale on arrival. */
    answeredAt?: number;
    /** Whether a reader needs every page (the newest choice, the list resource), whatever they cost. */
    wholeWanted: boolean;
}

/** A snapshot as a GET found it: its outputs, or undefined for a 404. */
interface Sighting {
    at: number;
    snapshot: SnapshotOutputs | undefined;
}

/** How many requests a whole list of `totalCount` snapshots takes: a full last page asks for one more. */
export function pagesOf(totalCount: number): number {
    return Math.floor(totalCount / MAX_ITEMS_PER_PAGE) + 1;
}

/**
 * Whether a list shows a snapshot as a later GET found it: every field alike but the links (list pages and GETs
 * link differently); through another endpoint (a migrated instance read as Flex and as serverless), the status.
 */
function showsAsSeen(list: InstanceSnapshots, snapshotId: string, seen: SnapshotOutputs | undefined): boolean {
    const listed = list.snapshots.find((snapshot) => snapshot.snapshotId === snapshotId);
    if (listed === undefined || seen === undefined) {
        // A list that stopped early may lack a snapshot that exists: only what it shows can contradict a 404.
        return seen === undefined ? listed === undefined : list.incomplete === true;
    }
    if (listed.source !== seen.source) {
        return listed.status === seen.status;
    }
    const withoutLinks = ({ links: _links, ...fields }: SnapshotOutputs) => JSON.stringify(fields);
    return withoutLinks(listed) === withoutLinks(seen);
}

/** Coalesces the reads of one client, keyed by instance and endpoint choice. */
export class SnapshotCoalescer {
    private readonly now: () => number;
    /** Reads per instance and endpoint choice that have started and not settled. */
    private readonly pending = new Map<string, number>();
    /** Each instance's current list, by endpoint choice, while it may answer. */
    private readonly lists = new Map<string, SharedList>();
    /** How many requests each instance's whole list took when last counted. */
    private readonly pageCounts = new Map<string, number>();
    /**
     * The snapshots of each instance a GET has answered: the engine also sends reads of one instance one after
     * another, so a read of another snapshot of an answered instance takes the list.
     */
    private readonly answered = new Map<string, Set<string>>();
    /** The latest GET answer for each snapshot of each instance, whatever the endpoint choice. */
    private readonly sightings = new Map<string, Map<string, Sighting>>();
    /** How many reads were answered from a list, for tests and the benchmark. */
    answeredFromList = 0;

    constructor(private readonly options: CoalescerOptions) {
        this.now = options.now ?? Date.now;
    }

    /**
     * Records what a GET found (undefined: a 404), so no list asked for before it answers another read with an older
     * view of the snapshot. Every GET of a snapshot reports here: a lone read's, a wait's polls, a fallback's.
     */
    sawSnapshot(instance: string, snapshotId: string, snapshot: SnapshotOutputs | undefined): void {
        const seen = this.sightings.get(instance) ?? new Map<string, Sighting>();
        seen.set(snapshotId, { at: this.now(), snapshot: snapshot && structuredClone(snapshot) });
        this.sightings.set(instance, seen);
    }

    /** Whether a settled list agrees with every GET answered since it was asked for. */
    private agreesWithSightings(instance: string, shared: SharedList, list: InstanceSnapshots): boolean {
        for (const [snapshotId, sighting] of this.sightings.get(instance) ?? []) {
            if (sighting.at >= shared.startedAt && !showsAsSeen(list, snapshotId, sighting.snapshot)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The list that may still answer reads of `key`: still on its way (a read that joins it gets an answer newer
     * than itself, however long Atlas's rate limit holds it), or answered within `maxAgeMs`, and not retired.
     */
    private current(key: string): SharedList | undefined {
        const shared = this.lists.get(key);
        if (shared?.answeredAt !== undefined && this.now() - shared.answeredAt >= this.options.maxAgeMs) {
            this.lists.delete(key);
            return undefined;
        }
        return shared;
    }

    /** Asks for a list and keeps it for `key` while it is whole and fresh; a failed or partial one is not kept. */
    private start(key: string, fetch: ListFetch, wholeWanted: boolean): SharedList {
        const shared = { startedAt: this.now(), wholeWanted } as SharedList;
        shared.answer = fetch((progress) => this.worthGoingOn(key, shared, progress));
        // A failure is handled by whoever awaits it; this keeps Node from calling it unhandled meanwhile.
        shared.answer.then(
            (list) => {
                shared.answeredAt = this.now();
                this.pageCounts.set(key, pagesOf(list.totalCount));
                if (list.incomplete && this.lists.get(key) === shared) {
                    this.lists.delete(key);
                }
            },
            () => {
                if (this.lists.get(key) === shared) {
                    this.lists.delete(key);
                }
            },
        );
        if (this.options.maxAgeMs > 0) {
            this.lists.set(key, shared);
        }
        return shared;
    }

    /** After a page: go on while the pages left cost no more requests than the reads waiting for them. */
    private worthGoingOn(key: string, shared: SharedList, progress: { pagesRead: number; totalCount?: number }) {
        if (shared.wholeWanted || progress.totalCount === undefined) {
            return true;
        }
        this.pageCounts.set(key, pagesOf(progress.totalCount));
        return pagesOf(progress.totalCount) - progress.pagesRead <= (this.pending.get(key) ?? 0);
    }

    /**
     * Awaits a shared list, or undefined when it no longer agrees with what a GET has found since it was asked
     * for: the list is then retired, so the next read asks for it anew.
     */
    private async settled(key: string, instance: string, shared: SharedList): Promise<InstanceSnapshots | undefined> {
        const list = await shared.answer;
        if (this.agreesWithSightings(instance, shared, list)) {
            return list;
        }
        if (this.lists.get(key) === shared) {
            this.lists.delete(key);
        }
        return undefined;
    }

    /**
     * Every snapshot of an instance (the newest choice, the list resource): the current whole list, the one being
     * fetched, or a new fetch. A list that is stale by the time it answers is asked for once more.
     */
    async list(instance: string, api: ApiChoice, fetch: ListFetch): Promise<InstanceSnapshots> {
        const key = `${instance}/${api}`;
        let shared = this.current(key);
        if (shared !== undefined) {
            shared.wholeWanted = true;
            const list = await this.settled(key, instance, shared);
            if (list !== undefined && !list.incomplete) {
                return structuredClone(list);
            }
        }
        shared = this.start(key, fetch, true);
        const list = await this.settled(key, instance, shared);
        return structuredClone(list ?? (await this.start(key, fetch, true).answer));
    }

    /** Whether a read of `snapshotId` should wait for the instance's list rather than send its own GET. */
    private shouldShare(key: string, snapshotId: string): boolean {
        if (this.options.maxAgeMs <= 0) {
            return false;
        }
        if (this.current(key) !== undefined) {
            return true;
        }
        const together =
            (this.pending.get(key) ?? 0) > 1 ||
            [...(this.answered.get(key) ?? [])].some((answered) => answered !== snapshotId);
        const pages = this.pageCounts.get(key);
        return together && (pages === undefined || pages <= (this.pending.get(key) ?? 0));
    }

    /**
     * One snapshot: from the instance's list when sharing it is fresh and worth it (see the rules at the top);
     * else, and whenever the list lacks the snapshot, no longer agrees with a GET or failed without spending its
     * retries, from `get`, its own GET. `ownFailure` turns a list failure into this read's error when the read
     * must not start over (the list spent its retries), or undefined to fall back to the GET.
     */
    async read(
        instance: string,
        api: ApiChoice,
        snapshotId: string,
        requests: {
            get: () => Promise<SnapshotOutputs>;
            fetchList: ListFetch;
            ownFailure: (listError: unknown) => Error | undefined;
        },
    ): Promise<SnapshotOutputs> {
        const key = `${instance}/${api}`;
        this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
        try {
            // Reads started in the same turn of the event loop all count each other before any of them chooses.
            await new Promise((resolve) => setImmediate(resolve));
            if (this.shouldShare(key, snapshotId)) {
                const shared = this.current(key) ?? this.start(key, requests.fetchList, false);
                let list: InstanceSnapshots | undefined;
                try {
                    list = await this.settled(key, instance, shared);
                } catch (error) {
                    const own = requests.ownFailure(error);
                    if (own !== undefined) {
                        throw own;
                    }
                }
                const found = list?.snapshots.find((snapshot) => snapshot.snapshotId === snapshotId);
                if (found) {
                    this.answeredFromList += 1;
                    return structuredClone(found);
                }
            }
            const snapshot = await requests.get();
            this.answered.set(key, (this.answered.get(key) ?? new Set<string>()).add(snapshotId));
            return snapshot;
        } finally {
            const left = (this.pending.get(key) ?? 1) - 1;
            if (left === 0) {
                this.pending.delete(key);
            } else {
                this.pending.set(key, left);
            }
        }
    }
}

const coalescers = new WeakMap<object, SnapshotCoalescer>();

/** The process's coalescer for a client (one per base URL and credential, as the clients are). */
export function coalescerFor(client: { settings: { listMaxAgeMs: number } }): SnapshotCoalescer {
    let coalescer = coalescers.get(client);
    if (coalescer === undefined) {
        coalescer = new SnapshotCoalescer({ maxAgeMs: client.settings.listMaxAgeMs });
        coalescers.set(client, coalescer);
    }
    return coalescer;
}
