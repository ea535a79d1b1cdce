// One client per base URL and credential in a process, so every read shares its token, nonce and bound.
import { createHash } from "crypto";
import { AtlasClient } from "./client";
import type { AtlasClientHooks } from "./client";
import type { ClientSettings } from "./settings";

const clients = new Map<string, AtlasClient>();

/** The process's client for these settings, created on first use with `hooks` (later calls' hooks are not used). */
export function clientFor(settings: ClientSettings, hooks: AtlasClientHooks = {}): AtlasClient {
    // Keyed by a digest so the map holds no credential in the clear.
    const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
    let client = clients.get(key);
    if (!client) {
        client = new AtlasClient(settings, {}, hooks);
        clients.set(key, client);
    }
    return client;
}
