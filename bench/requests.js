// What one preview cost Atlas, counted from the emulator's request log, and when the provider first reached it.

const SNAPSHOT_ROUTES = ["flexSnapshot", "serverlessSnapshot", "clusterSnapshot", "shardedClusterSnapshot"];
const LIST_ROUTES = ["flexSnapshots", "serverlessSnapshots", "clusterSnapshots", "shardedClusterSnapshots"];
const API_ROUTES = [...SNAPSHOT_ROUTES, ...LIST_ROUTES];

/** The instance an API request's path names: `…/{serverless|flexClusters|clusters}/{name}/backup/…`. */
function instanceOf(entry) {
    const match = /\/(?:serverless|flexClusters|clusters)\/([^/]+)\/backup\//.exec(entry.path);
    return match ? decodeURIComponent(match[1]) : "?";
}

/**
 * The log of one preview in the terms: API requests (every request to a snapshot or list route, whatever
 * the answer), of which snapshot GETs and list requests (pages) answered 200, digest challenges (answered 401) and
 * failed attempts (any other answer: 429, 5xx, resets, each of which the client retries); token requests; and how
 * many instances were asked about, with the requests of the one asked about most.
 */
function countRequests(log) {
    const api = log.filter((entry) => API_ROUTES.includes(entry.route));
    const perInstance = {};
    for (const entry of api) {
        const name = instanceOf(entry);
        (perInstance[name] ??= []).push(entry);
    }
    const busiest = Object.entries(perInstance).sort(([, a], [, b]) => b.length - a.length)[0];
    return {
        total: log.length,
        api: api.length,
        gets: api.filter((entry) => SNAPSHOT_ROUTES.includes(entry.route) && entry.status === 200).length,
        lists: api.filter((entry) => LIST_ROUTES.includes(entry.route) && entry.status === 200).length,
        tokens: log.filter((entry) => entry.route === "token").length,
        challenges: api.filter((entry) => entry.status === 401).length,
        failed: api.filter((entry) => entry.status !== 200 && entry.status !== 401).length,
        instances: Object.keys(perInstance).length,
        maxPerInstance: busiest === undefined ? 0 : busiest[1].length,
        busiest: busiest === undefined ? undefined : timeline(busiest[0], busiest[1]),
    };
}

/**
 * One instance's requests in order: the route of each and when it arrived, in ms after the first, which shows
 * whether its reads reached Atlas together or one after another.
 */
function timeline(instance, entries) {
    const first = Date.parse(entries[0].time);
    return {
        instance,
        requests: entries.map((entry) => ({ route: entry.route, atMs: Date.parse(entry.time) - first })),
    };
}

/**
 * How long after the engine started the dynamic provider (the shim's recorded start, ms since the epoch)
 * its first token request and its first snapshot request (GET or list) reached the emulator, in ms.
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
    return { toToken: first(["token"]), toFirstGet: first(API_ROUTES) };
}

module.exports = { countRequests, providerStart, API_ROUTES };
