// A counting semaphore: bounds the requests one process has in flight to Atlas.

/** Runs tasks with at most `limit` of them in flight; the rest wait in arrival order. */
export class ConcurrencyLimit {
    private active = 0;
    private readonly waiting: (() => void)[] = [];

    constructor(readonly limit: number) {}

    /** Runs `task` once a slot is free and frees the slot when it settles. */
    async run<T>(task: () => Promise<T>): Promise<T> {
        if (this.active >= this.limit) {
            await new Promise<void>((resolve) => this.waiting.push(resolve));
        } else {
            this.active += 1;
        }
        try {
            return await task();
        } finally {
            const next = this.waiting.shift();
            if (next) {
                next();
            } else {
                this.active -= 1;
            }
        }
    }
}
