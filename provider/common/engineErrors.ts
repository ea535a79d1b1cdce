// Errors the provider process returns to the engine. The engine shows their message on the resource; the
// Pulumi SDK also prints `${error}: ${error.stack}` to the provider's stderr, which the CLI would show as a
// stack trace. For errors this package raised on purpose that line says nothing new, so it is left out.

const expected = new Set<string>();
let installed = false;

function install(): void {
    if (installed) {
        return;
    }
    installed = true;
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
        if (args.length === 1 && typeof args[0] === "string" && expected.delete(args[0])) {
            return;
        }
        original(...args);
    };
}

/** Rethrows `error` for the engine, without the stack trace the SDK would print beside its message. */
export function rethrowForEngine(error: unknown): never {
    if (error instanceof Error) {
        install();
        expected.add(`${error}: ${error.stack}`);
        // Older SDKs print only err.stack: keep that to the message as well.
        error.stack = `${error.name}: ${error.message}`;
        expected.add(`${error}: ${error.stack}`);
    }
    throw error;
}
