// Errors raised in the user's program process end it cleanly: Pulumi prints a RunError's message, not a stack.
import * as pulumi from "@pulumi/pulumi";

/** Runs `action`, turning any failure into a `pulumi.RunError` with the same message and the original as cause. */
export async function asRunError<T>(action: () => Promise<T> | T): Promise<T> {
    try {
        return await action();
    } catch (error) {
        throw toRunError(error);
    }
}

/** The `pulumi.RunError` for a failure, keeping the original as `cause`. */
export function toRunError(error: unknown): pulumi.RunError {
    if (pulumi.RunError.isInstance(error)) {
        return error as pulumi.RunError;
    }
    const message = error instanceof Error ? error.message : String(error);
    return new pulumi.RunError(message, { cause: error });
}
