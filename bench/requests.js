// What one preview cost Atlas, counted from the emulator's request log, and when the provider first reached it.

const SNAPSHOT_ROUTES = ["flexSnapshot", "serverlessSnapshot"];

/**
 * The log of one preview in the terms: snapshot GETs answered 200, token requests, digest
 * challenges (API requests answered 401), and failed attempts (any other answer: 429, 5xx, resets),
 * each of which the client retries.
 */
function countRequests(log) {
    const api = log.filter((entry) => SNAPSHOT_ROUTES.includes(entry.route));
    return {
        total: log.length,
        gets: api.filter((entry) => entry.status === 200).length,
        tokens: log.filter((entry) => entry.route === "token").length,
        challenges: api.filter((entry) => entry.status === 401).length,
        failed: api.filter((entry) => entry.status !== 200 && entry.status !== 401).length,
    };
}

/**
 * How long after the engine started the dynamic provider (the shim's recorded start, ms since the epoch)
 * its first token request and its first snapshot GET reached the emulator, in ms.
 */
function providerStart(providerStarts, log) {
    if (providerStarts.length === 0) {
        return undefined;
    }
    const started = Math.min(...providerStarts);
    const first = (routes) => {
        const entry = log.find((e) => routes.includes(e.route));
        return entry === undefined ? undefined : Date.parse(entry.time) - started;
    };
    return { toToken: first(["token"]), toFirstGet: first(SNAPSHOT_ROUTES) };
}

module.exports = { countRequests, providerStart };
