// What the Atlas client costs beyond HTTP itself: reads a second by `AtlasClient.getSnapshot` against a bare
// axios GET loop on the same URLs with the same headers, in this process, against an emulator in a process of
// its own (so this process holds nothing but the client), with no latency, the same concurrency, alternating.
const { spawn } = require("child_process");
const path = require("path");
const axios = require("axios");
const { AtlasClient } = require("../dist/provider/atlas/client");
const { DEFAULT_LIMITS } = require("../dist/provider/atlas/settings");
const { acceptHeader, snapshotPath } = require("../dist/provider/atlas/endpoints");
const { median } = require("./stats");
const { SEED } = require("./programs");

const SERVICE_ACCOUNT = {
    clientId: "mdb_sa_id_0123456789abcdef01234567",
    clientSecret: "mdb_sa_sk_emulator-secret-do-not-use-0001",
};

/** Starts `atlas-snapshot-emulator --port 0` as a child process; resolves with its URL and a way to stop it. */
function spawnEmulator() {
    const child = spawn(process.execPath, [path.join(__dirname, "../dist/emulator/cli.js"), "--port", "0"], {
        stdio: ["ignore", "pipe", "inherit"],
    });
    const stop = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    };
    return new Promise((resolve, reject) => {
        let out = "";
        child.on("error", reject);
        child.on("exit", (code) => reject(new Error(`the emulator exited (${code}) before it listened`)));
        child.stdout.on("data", (chunk) => {
            out += chunk;
            const match = /listening on (\S+)/.exec(out);
            if (match) resolve({ url: match[1], stop });
        });
    });
}

/** Runs `count` calls of `read(i)` with `concurrency` of them in flight; returns reads a second and CPU per read. */
async function timed(count, concurrency, read) {
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
        Array.from({ length: concurrency }, async () => {
            while (next < count) {
                await read(next++);
            }
        }),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { readsPerSecond: count / seconds, cpuMicrosPerRead: (used.user + used.system) / count };
}

/**
 * Measures both readers `rounds` times, alternating (and which goes first), after one discarded warm-up run
 * each for the JIT. The machine's speed drifts between rounds, so the figure is the median of each round's
 * own ratio (bare ÷ client reads a second), and the round with that median is reported whole.
 */
async function measureClientOverhead({ rounds = 21, reads = 1000, log = () => {} } = {}) {
    const emulator = await spawnEmulator();
    try {
        const concurrency = DEFAULT_LIMITS.maxConcurrency;
        const client = new AtlasClient({
            ...DEFAULT_LIMITS,
            baseUrl: emulator.url,
            credentials: { kind: "serviceAccount", ...SERVICE_ACCOUNT, source: "bench" },
        });
        const snapshotId = (i) => SEED.snapshotIds[i % SEED.snapshotIds.length];
        const viaClient = (i) => client.getSnapshot("flex", SEED.projectId, SEED.flexCluster, snapshotId(i));

        const http = axios.create({ proxy: false });
        const basic = Buffer.from(`${SERVICE_ACCOUNT.clientId}:${SERVICE_ACCOUNT.clientSecret}`).toString("base64");
        const token = await http.post(`${emulator.url}/api/oauth/token`, "grant_type=client_credentials", {
            headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
        });
        const headers = { Authorization: `Bearer ${token.data.access_token}`, Accept: acceptHeader("flex") };
        const urls = SEED.snapshotIds.map(
            (id) => emulator.url + snapshotPath("flex", SEED.projectId, SEED.flexCluster, id),
        );
        const bare = (i) => http.get(urls[i % urls.length], { headers });

        await timed(reads, concurrency, viaClient);
        await timed(reads, concurrency, bare);
        const results = [];
        for (let round = 0; round < rounds; round++) {
            const pair = {};
            for (const name of round % 2 === 0 ? ["client", "bare"] : ["bare", "client"]) {
                pair[name] = await timed(reads, concurrency, name === "client" ? viaClient : bare);
            }
            pair.ratio = pair.bare.readsPerSecond / pair.client.readsPerSecond;
            results.push(pair);
            log(
                `client overhead round ${round + 1}/${rounds}: client ${Math.round(pair.client.readsPerSecond)}` +
                    ` reads/s, bare axios ${Math.round(pair.bare.readsPerSecond)} reads/s`,
            );
        }
        const ratio = median(results.map((pair) => pair.ratio));
        const byRatio = [...results].sort((a, b) => a.ratio - b.ratio);
        return {
            rounds,
            reads,
            concurrency,
            ratio,
            medianRound: byRatio[Math.floor((byRatio.length - 1) / 2)],
            results,
            counters: client.counters,
        };
    } finally {
        emulator.stop();
    }
}

module.exports = { measureClientOverhead };
