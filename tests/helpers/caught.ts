// The error a call ends with, for tests that assert on it: one way to catch it, so a call that does not fail
// fails the test instead of passing it.

/** Runs `act`, expects it to throw, and returns the error. */
export function errorOf(act: () => unknown): Error {
    try {
        act();
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected an error, but nothing was thrown");
}

/** Awaits `act`, expects it to reject, and returns the error; `what` names the call when it does not. */
export async function rejectionOf(act: () => Promise<unknown>, what = "the call"): Promise<Error> {
    try {
        await act();
    } catch (error) {
        return error as Error;
    }
    throw new Error(`${what} did not fail`);
}
