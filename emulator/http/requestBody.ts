// Reads small request bodies (OAuth forms, control API JSON) with a size cap, so a runaway client cannot
// make the emulator buffer without bound.
import type { IncomingMessage } from "node:http";

/** The largest body the emulator reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Reads the whole body as UTF-8; rejects once it exceeds {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new RangeError(`request body larger than ${MAX_BODY_BYTES} bytes`));
                req.destroy();
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}
