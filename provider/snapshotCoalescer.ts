// A request coalescer for snapshot reads, after DataLoader's pattern: reads of one instance that arrive together
// (in the same turn of the event loop, while another read of it is in flight, or after one was answered)
// share one paged list request instead of a GET each, and the list is cached for the life of the process (one
// preview, one update). A lone read stays one GET; a snapshot the list does not show (taken a moment ago), or any
// read when the list failed, falls back to its own GET, so every read gets exactly the answer or the error it
// would have had alone.
import type { SnapshotApi } from "./atlas/endpoints";
import type { SnapshotOutputs } from "./outputs";

/** An instance's snapshots as one list request (all pages) reads them. */
export interface InstanceSnapshots {
    source: SnapshotApi;
    snapshots: SnapshotOutputs[];
    totalCount: number;
}

/** Coalesces the reads of one client, keyed by instance (and endpoint choice). */
export class SnapshotCoalescer {
    /** Reads per instance that have started and not settled. */
    private readonly pending = new Map<string, number>();
    /** Each instance's list, fetched at most once per process; a failed fetch stays failed. */
    private readonly lists = new Map<string, Promise<InstanceSnapshots>>();
    /**
     * The snapshots of each instance a GET has answered: the engine also sends reads of one instance one after
     * another, so a read of another snapshot of an answered instance takes the list.
     */
    private readonly answered = new Map<string, Set<string>>();
    /** Instances whose Flex endpoint said "not a Flex cluster": `auto` asks the serverless endpoint first. */
    private readonly notFlex = new Set<string>();
    /** How many reads were answered from a list, for tests and the benchmark. */
    answeredFromList = 0;

    /** Remembers, for the life of the process, that an instance is not a Flex cluster. */
    rememberNotFlex(instance: string): void {
        this.notFlex.add(instance);
    }

    /** Whether the Flex endpoint has said of the instance that it is not a Flex cluster. */
    isKnownNotFlex(instance: string): boolean {
        return this.notFlex.has(instance);
    }

    /** The instance's list: the cached one, the one being fetched, or a new fetch through `fetchList`. */
    list(instance: string, fetchList: () => Promise<InstanceSnapshots>): Promise<InstanceSnapshots> {
        let list = this.lists.get(instance);
        if (list === undefined) {
            list = fetchList();
            // A failure is handled by whoever awaits it; this keeps Node from calling it unhandled meanwhile.
            list.catch(() => undefined);
            this.lists.set(instance, list);
        }
        return list;
    }

    /**
     * One snapshot: from the instance's list when another read of the instance started in the same turn or is
     * pending, a read of another of its snapshots was answered, or its list is cached; else (and whenever the list
     * lacks it or failed) from `get`, its own GET. Reading the same snapshot again stays a GET.
     */
    async read(
        instance: string,
        snapshotId: string,
        get: () => Promise<SnapshotOutputs>,
        fetchList: () => Promise<InstanceSnapshots>,
    ): Promise<SnapshotOutputs> {
        this.pending.set(instance, (this.pending.get(instance) ?? 0) + 1);
        try {
            // Reads started in the same turn of the event loop all count each other before any of them chooses.
            await new Promise((resolve) => setImmediate(resolve));
            const together =
                this.lists.has(instance) ||
                (this.pending.get(instance) ?? 0) > 1 ||
                [...(this.answered.get(instance) ?? [])].some((answered) => answered !== snapshotId);
            if (together) {
                const list = await this.list(instance, fetchList).catch(() => undefined);
                const found = list?.snapshots.find((snapshot) => snapshot.snapshotId === snapshotId);
                if (found) {
                    this.answeredFromList += 1;
                    return structuredClone(found);
                }
            }
            const snapshot = await get();
            this.answered.set(instance, (this.answered.get(instance) ?? new Set<string>()).add(snapshotId));
            return snapshot;
        } finally {
            const left = (this.pending.get(instance) ?? 1) - 1;
            if (left === 0) {
                this.pending.delete(instance);
            } else {
                this.pending.set(instance, left);
            }
        }
    }
}

const coalescers = new WeakMap<object, SnapshotCoalescer>();

/** The process's coalescer for a client (one per base URL and credential, as the clients are). */
export function coalescerFor(client: object): SnapshotCoalescer {
    let coalescer = coalescers.get(client);
    if (coalescer === undefined) {
        coalescer = new SnapshotCoalescer();
        coalescers.set(client, coalescer);
    }
    return coalescer;
}
