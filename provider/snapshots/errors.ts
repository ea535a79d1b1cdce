// The errors of a read users see. Each names what was asked, what went wrong and what to try, and never a credential;
// the errors raised before any request are in common/errors.ts.
import type { AtlasRequestError } from "../atlas/failure";
import type { SnapshotApi } from "../atlas/endpoints";

/** A snapshot that Atlas returned but that fails one of the user's `checks`. */
export class CheckFailedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "CheckFailedError";
    }
}

/** A read that failed at Atlas or on the way there; the message is the whole explanation. */
export class SnapshotReadError extends Error {
    /**
     * True when Atlas's last answer was 404: the snapshot (or its instance or project) is not there any more, so
     * a refresh drops the resource from the state instead of failing.
     */
    readonly notFound: boolean;
    /** The failed requests the message explains, endpoint by endpoint, when Atlas was asked. */
    readonly requests: readonly { api: SnapshotApi; error: AtlasRequestError }[];

    constructor(
        message: string,
        options: { notFound?: boolean; requests?: readonly { api: SnapshotApi; error: AtlasRequestError }[] } = {},
    ) {
        super(message);
        this.name = "SnapshotReadError";
        this.notFound = options.notFound ?? false;
        this.requests = options.requests ?? [];
    }
}
