// `npm run bench`: the cost of a preview that reads N snapshots of one instance, under the real Pulumi CLI against
// the Atlas emulator, at the CLI's default parallelism and at `--parallel 64`. Progress goes to stderr, the tables
// to stdout, everything measured to bench/results/latest.json.
//
//   BENCH_SIZES=10,100,300,500    the N to time (snapshots of one instance); requests are counted at 1 and 100 too
//   BENCH_ROUNDS                  rounds per N of the four timed previews (floor, 0.1.0's shape, data source,
//                                 get function), in an order that rotates; default 5, and 3 from N = 300
//   BENCH_PARALLEL=default,64     `pulumi preview --parallel` for both programs, one measurement per value;
//                                 `default` passes no flag, so the CLI uses its own (4 per CPU)
//   BENCH_ONLY=rateLimits         only the rate-limit load figure (8 previews at once against one bucket, about
//                                 15 minutes), written to bench/results/rate-limits.json
//   BENCH_ONLY=clusters           only the dedicated clusters' request figures (100 snapshots of a replica set and
//                                 of a sharded cluster, each parallelism), written to bench/results/clusters.json
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { defaultSeed, startEmulator } = require("../dist/emulator");
const { DEFAULT_LIMITS } = require("../dist/provider/atlas/settings");
const { measureClientOverhead } = require("./clientOverhead");
const { formatRateLimitLoad, measureRateLimitLoad } = require("./rateLimits");
const { DEDICATED_FIGURES, evaluateFigures } = require("./figures");
const {
    benchSeed,
    fleetReads,
    floorProgram,
    getProgram,
    shapeCopyProgram,
    oneInstanceReads,
    snapshotProgram,
    clusterProgram,
    dedicatedReads,
    BENCH,
} = require("./programs");
const { formatTables } = require("./report");
const { API_ROUTES, countRequests, providerStart } = require("./requests");
const { stateSizes } = require("./state");
const { median } = require("./stats");
const { createWorkspace, killAll, Program } = require("./workspace");

/** Stops the run before anything starts, naming the variable and what it takes. */
function refuse(message) {
    process.stderr.write(`bench failed: ${message}\n`);
    process.exit(2);
}

const SIZES = (process.env.BENCH_SIZES ?? "10,100,300,500").split(",").map(Number);
for (const value of [...SIZES, Number(process.env.BENCH_ROUNDS ?? 1)]) {
    if (!Number.isInteger(value) || value < 1) {
        refuse(`BENCH_SIZES and BENCH_ROUNDS take whole numbers from 1, got "${value}"; try BENCH_SIZES=1,100`);
    }
}
/** The `--parallel` settings measured, by label: "default" (no flag) or a whole number. */
const PARALLELS = (process.env.BENCH_PARALLEL ?? "default,64").split(",").map((label) => {
    label = label.trim();
    if (label !== "default" && !(Number.isInteger(Number(label)) && Number(label) >= 1)) {
        refuse(
            `BENCH_PARALLEL takes "default" and whole numbers from 1, comma-separated, got "${label}"; try default,64`,
        );
    }
    return { label, flag: label === "default" ? undefined : Number(label) };
});
/** Alternating preview runs per N; fewer for the largest N, whose runs are long and vary less. */
const roundsFor = (count) => Number(process.env.BENCH_ROUNDS ?? (count >= 300 ? 3 : 5));
/** Atlas answering each snapshot GET and each list page in this many ms during the timed previews. */
const LATENCY_MS = 100;
/** The N of the request figures, measured whatever BENCH_SIZES says. */
const FIGURE_SIZES = [1, 100];
/** The N whose requests are measured with Atlas answering at once. */
const REQUEST_SIZES = [...new Set([...SIZES, ...FIGURE_SIZES])].sort((a, b) => a - b);
/** How many times the get-function program calls `getServerlessBackupSnapshot`. */
const GET_CALLS = 100;
/** The default parallelism of the CLI: 4 per CPU (GOMAXPROCS), unless PULUMI_PARALLEL says otherwise. */
const CLI_DEFAULT_PARALLEL = 4 * os.availableParallelism();
/** The goals of the figures measured for every N. */
const GOALS = { bytesPerSnapshot: 4096, clientRatio: 1.3 };

const CREDENTIALS = {
    serviceAccount: {
        MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_0123456789abcdef01234567",
        MONGODB_ATLAS_CLIENT_SECRET: "mdb_sa_sk_emulator-secret-do-not-use-0001",
    },
    apiKey: {
        MONGODB_ATLAS_PUBLIC_API_KEY: "emulpubk",
        MONGODB_ATLAS_PRIVATE_API_KEY: "2f1e7c4a-9b3d-4e8f-a6c5-0d9e8f7a6b5c",
    },
};

const began = performance.now();
function progress(message) {
    const seconds = ((performance.now() - began) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${seconds} s] ${message}\n`);
}

/** The commit measured, "+ changes" when provider/ or emulator/ differ from it; undefined outside a git clone. */
function revision() {
    try {
        const git = (...args) => execFileSync("git", args, { cwd: path.join(__dirname, ".."), encoding: "utf8" });
        const commit = git("rev-parse", "--short", "HEAD").trim();
        return git("status", "--porcelain", "--", "provider", "emulator").trim() ? `${commit} + changes` : commit;
    } catch {
        return undefined;
    }
}

/** One data-source preview: its wall time, the requests it made, and the provider processes it started. */
async function measuredPreview(program, emulator, parallel, extraEnv) {
    program.takeProviderStarts();
    emulator.clearLog();
    const { ms, stdout } = await program.preview(parallel, extraEnv);
    const log = emulator.requests();
    const starts = program.takeProviderStarts();
    return { ms, stdout, requests: countRequests(log), processes: starts.length, start: providerStart(starts, log) };
}

/** The read steps a preview's output shows, by resource name (its progress repeats them). */
function readSteps(stdout) {
    return new Set([...stdout.matchAll(/ read \S+ (snapshot-\d+)/g)].map((match) => match[1]));
}

/**
 * Fails the run when a preview did not read what its program declares: every read step shown (`reads` of them),
 * no request failing, and Atlas asked at all. A read that failed its check would have failed the preview.
 */
function expectAllRead(what, reads, preview) {
    const shown = readSteps(preview.stdout).size;
    const r = preview.requests;
    if (shown !== reads || r.failed !== 0 || r.gets + r.lists === 0) {
        throw new Error(
            `${what}: expected ${reads} snapshots read with no failed request, got ${JSON.stringify(r)} and ` +
                `${shown} read steps in the preview's output; run the program by hand to see why`,
        );
    }
}

/** The programs, by name, each created once with its own stack. */
class Programs {
    constructor(workspace, emulator) {
        this.workspace = workspace;
        this.base = { MONGODB_ATLAS_BASE_URL: emulator.url };
        this.made = new Map();
    }

    async get(name, source, credential) {
        if (!this.made.has(name)) {
            const env = credential ? { ...this.base, ...CREDENTIALS[credential] } : {};
            this.made.set(name, await new Program(this.workspace, name, source, env).init());
        }
        return this.made.get(name);
    }

    snapshots(count, credential) {
        const name = `snapshots-${credential === "apiKey" ? "key" : "sa"}-${count}`;
        return this.get(name, snapshotProgram(oneInstanceReads(count)), credential);
    }

    floor(count) {
        return this.get(`floor-${count}`, floorProgram(oneInstanceReads(count)));
    }

    shapeCopy(count) {
        return this.get(`shape-${count}`, shapeCopyProgram(oneInstanceReads(count)));
    }

    gets(count) {
        return this.get(`get-sa-${count}`, getProgram(oneInstanceReads(count)), "serviceAccount");
    }

    fleet() {
        return this.get("fleet-sa", snapshotProgram(fleetReads()), "serviceAccount");
    }

    dedicated(cluster) {
        return this.get(`cluster-${cluster.name}`, clusterProgram(dedicatedReads(cluster)), "serviceAccount");
    }

    getFunction() {
        return this.get(`get-sa-${GET_CALLS}`, getProgram(oneInstanceReads(GET_CALLS)), "serviceAccount");
    }
}

/** Atlas answering every snapshot GET and every list page in `ms` from now on (0: at once). */
function setLatency(emulator, ms) {
    emulator.clearFaults();
    if (ms > 0) {
        for (const route of API_ROUTES) {
            emulator.inject({ route, kind: "latency", ms, times: Infinity });
        }
    }
}

/**
 * Requests at one parallelism and Atlas latency: N of one instance per credential for each of `sizes`, the
 * fleet, and the get function called GET_CALLS times.
 */
async function measureRequests(programs, emulator, parallel, latencyMs, sizes) {
    setLatency(emulator, latencyMs);
    const where = `parallel ${parallel.label}, Atlas answering in ${latencyMs} ms`;
    const result = { sizes: {} };
    for (const count of sizes) {
        result.sizes[count] = {};
        for (const kind of ["serviceAccount", "apiKey"]) {
            const preview = await measuredPreview(await programs.snapshots(count, kind), emulator, parallel.flag);
            expectAllRead(`the ${kind} preview of ${count}`, count, preview);
            result.sizes[count][kind] = { ...preview.requests, processes: preview.processes };
            progress(`requests, ${where}, ${kind}, N = ${count}: ${brief(preview.requests)}`);
        }
    }
    const fleet = await measuredPreview(await programs.fleet(), emulator, parallel.flag);
    const { instances, snapshotsEach } = BENCH.fleet;
    expectAllRead("the fleet's preview", instances * snapshotsEach, fleet);
    result.fleet = { ...fleet.requests, processes: fleet.processes };
    progress(`requests, ${where}, ${instances} instances × ${snapshotsEach}: ${brief(fleet.requests)}`);

    result.dedicated = await measureDedicated(programs, emulator, parallel);

    const gets = await measuredPreview(await programs.getFunction(), emulator, parallel.flag);
    const completed = /completed\s*:\s*(\d+)/.exec(gets.stdout);
    if (!completed || Number(completed[1]) !== GET_CALLS || gets.requests.failed !== 0) {
        throw new Error(
            `the get function's preview: expected ${GET_CALLS} completed snapshots, got ` +
                `"${completed ? completed[0] : "no output"}" with ${JSON.stringify(gets.requests)}; run it by hand`,
        );
    }
    result.getFunction = { ...gets.requests, calls: GET_CALLS };
    progress(`requests, ${where}, getServerlessBackupSnapshot × ${GET_CALLS}: ${brief(gets.requests)}`);
    return result;
}

/** One preview of 100 snapshots of each dedicated cluster (a replica set, a sharded cluster): what it cost Atlas. */
async function measureDedicated(programs, emulator, parallel) {
    const result = {};
    for (const cluster of BENCH.dedicated.clusters) {
        const preview = await measuredPreview(await programs.dedicated(cluster), emulator, parallel.flag);
        expectAllRead(`the preview of ${cluster.name}'s snapshots`, BENCH.dedicated.snapshots, preview);
        result[cluster.type] = { ...preview.requests, processes: preview.processes, cluster: cluster.name };
        progress(
            `requests, parallel ${parallel.label}, ${BENCH.dedicated.snapshots} snapshots of dedicated ` +
                `${cluster.type} ${cluster.name}: ${brief(preview.requests)}`,
        );
    }
    return result;
}

/** A request count in one line for the progress log. */
function brief(r) {
    return (
        `${r.api} API (${r.gets} GET, ${r.lists} list, ${r.challenges} 401, ${r.failed} failed) + ${r.tokens} token` +
        (r.instances > 1
            ? `; ${r.instances} instances, at most ${r.maxPerInstance} each (${r.busiest.instance}: ` +
              r.busiest.requests.map((q) => `${q.route} at ${q.atMs} ms`).join(", ") +
              ")"
            : "")
    );
}

/** Preview time at one parallelism for every N: the floor, 0.1.0's shape, the data source and the get function. */
async function measureTime(programs, emulator, parallel) {
    const time = {};
    for (const count of SIZES) {
        const rounds = [];
        for (let round = 0; round < roundsFor(count); round++) {
            const one = await roundOfPreviews(programs, emulator, count, parallel.flag, round);
            rounds.push(one);
            progress(
                `preview time, parallel ${parallel.label}, N = ${count}, round ${round + 1}/${roundsFor(count)}: ` +
                    `floor ${(one.floorMs / 1000).toFixed(2)} s, 0.1.0's shape ${(one.shapeMs / 1000).toFixed(2)} s, ` +
                    `data source ${(one.snapshotsMs / 1000).toFixed(2)} s, get ${(one.getMs / 1000).toFixed(2)} s; ` +
                    brief(one.requests),
            );
        }
        time[count] = summarizeRounds(rounds);
    }
    return time;
}

async function measure(workspace, emulator) {
    const programs = new Programs(workspace, emulator);
    progress("creating the stacks");
    for (const count of REQUEST_SIZES) {
        await programs.snapshots(count, "serviceAccount");
        await programs.snapshots(count, "apiKey");
    }
    for (const count of SIZES) {
        await programs.floor(count);
        await programs.shapeCopy(count);
        await programs.gets(count);
    }
    await programs.fleet();
    await programs.getFunction();

    // Requests with Atlas answering at once (every N), then in LATENCY_MS (the figures' N; the timed previews
    // count the other N's).
    const requests = {};
    for (const parallel of PARALLELS) {
        requests[parallel.label] = {
            0: await measureRequests(programs, emulator, parallel, 0, REQUEST_SIZES),
            [LATENCY_MS]: await measureRequests(programs, emulator, parallel, LATENCY_MS, FIGURE_SIZES),
        };
    }

    setLatency(emulator, LATENCY_MS);
    const time = {};
    for (const parallel of PARALLELS) {
        time[parallel.label] = await measureTime(programs, emulator, parallel);
    }
    emulator.clearFaults();

    // State: `pulumi up`, then the export.
    const state = {};
    for (const count of SIZES) {
        const program = await programs.snapshots(count, "serviceAccount");
        await program.up(PARALLELS[0].flag);
        const { stdout } = await program.run(["stack", "export"]);
        state[count] = stateSizes(stdout, program.checkpointBytes(), count);
        progress(`state, N = ${count}: ${JSON.stringify(state[count])}`);
    }

    progress("client overhead: AtlasClient against a bare axios loop");
    const client = await measureClientOverhead({ log: progress });
    return { requests, time, state, client };
}

/**
 * One round: the floor's preview, 0.1.0's shape's, the data source's and the get function's, in an order that
 * rotates with the round, with what the data source sent and each time's ratio to the round's floor.
 */
async function roundOfPreviews(programs, emulator, count, parallel, round) {
    const floor = await programs.floor(count);
    const shape = await programs.shapeCopy(count);
    const snapshots = await programs.snapshots(count, "serviceAccount");
    const gets = await programs.gets(count);
    const measured = {};
    const runs = {
        floorMs: async () => (await floor.preview(parallel)).ms,
        shapeMs: async () => (await shape.preview(parallel)).ms,
        snapshotsMs: async () => {
            measured.preview = await measuredPreview(snapshots, emulator, parallel);
            expectAllRead(`the timed preview of ${count}`, count, measured.preview);
            return measured.preview.ms;
        },
        getMs: async () => {
            const { ms, stdout } = await gets.preview(parallel);
            const completed = /completed\s*:\s*(\d+)/.exec(stdout);
            if (!completed || Number(completed[1]) !== count) {
                throw new Error(`the timed get-function preview of ${count} did not see ${count} completed snapshots`);
            }
            return ms;
        },
    };
    const order = Object.keys(runs);
    const times = {};
    for (let i = 0; i < order.length; i++) {
        const name = order[(i + round) % order.length];
        times[name] = await runs[name]();
    }
    const { requests, processes, start } = measured.preview;
    return {
        ...times,
        ratio: times.snapshotsMs / times.floorMs,
        shapeRatio: times.shapeMs / times.floorMs,
        getRatio: times.getMs / times.floorMs,
        requests,
        processes,
        start,
    };
}

/** Medians of the rounds: each program's time, the rounds' ratios, the provider's start; the requests. */
function summarizeRounds(rounds) {
    const starts = rounds.map((r) => r.start).filter((s) => s?.toFirstGet !== undefined);
    const middle = (key) => median(rounds.map((r) => r[key]));
    return {
        rounds: rounds.map(({ start, ...round }) => round),
        floorMs: middle("floorMs"),
        shapeMs: middle("shapeMs"),
        snapshotsMs: middle("snapshotsMs"),
        getMs: middle("getMs"),
        ratio: middle("ratio"),
        shapeRatio: middle("shapeRatio"),
        getRatio: middle("getRatio"),
        apiRequests: {
            min: Math.min(...rounds.map((r) => r.requests.api)),
            max: Math.max(...rounds.map((r) => r.requests.api)),
        },
        providerStart:
            starts.length === 0
                ? undefined
                : {
                      toToken: median(starts.map((s) => s.toToken)),
                      toFirstGet: median(starts.map((s) => s.toFirstGet)),
                  },
    };
}

/** `BENCH_ONLY=rateLimits`: the rate-limit load figure alone, in a workspace of its own. */
async function rateLimitsOnly() {
    const commit = revision();
    progress("provisioning the Pulumi CLI and installing the packed package into a workspace");
    const workspace = createWorkspace();
    process.once("SIGINT", () => {
        killAll();
        workspace.dispose();
        process.exit(130);
    });
    try {
        const figure = await measureRateLimitLoad(workspace, progress);
        const results = {
            date: new Date().toISOString(),
            commit,
            machine: { cpus: os.availableParallelism(), node: process.version, loadAverage: os.loadavg() },
            cli: workspace.cliVersion,
            rateLimitLoad: figure,
        };
        const dir = path.join(__dirname, "results");
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "rate-limits.json"), JSON.stringify(results, null, 4) + "\n");
        process.stdout.write(formatRateLimitLoad(figure) + "\n");
        if (!figure.met) process.exitCode = 1;
    } finally {
        killAll();
        workspace.dispose();
    }
}

/** `BENCH_ONLY=clusters`: the dedicated clusters' request figures alone, at every parallelism. */
async function clustersOnly() {
    const commit = revision();
    progress("provisioning the Pulumi CLI and installing the packed package into a workspace");
    const workspace = createWorkspace();
    const emulator = await startEmulator({ seed: benchSeed(defaultSeed.credentials, []) });
    try {
        const programs = new Programs(workspace, emulator);
        const requests = {};
        for (const parallel of PARALLELS) {
            requests[parallel.label] = { 0: { dedicated: await measureDedicated(programs, emulator, parallel) } };
        }
        const results = {
            date: new Date().toISOString(),
            commit,
            machine: { cpus: os.availableParallelism(), node: process.version, loadAverage: os.loadavg() },
            cli: workspace.cliVersion,
            requests,
        };
        const dir = path.join(__dirname, "results");
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "clusters.json"), JSON.stringify(results, null, 4) + "\n");
        for (const figure of DEDICATED_FIGURES) {
            for (const parallel of PARALLELS) {
                const { value, met } = figure.measure(requests[parallel.label][0]);
                process.stdout.write(
                    `${figure.figure}, parallel ${parallel.label}: ${value} (goal ${figure.goal}: ${met ? "met" : "NOT MET"})\n`,
                );
                if (!met) process.exitCode = 1;
            }
        }
    } finally {
        await emulator.close();
        killAll();
        workspace.dispose();
    }
}

async function main() {
    if (process.env.BENCH_ONLY !== undefined) {
        const only = { rateLimits: rateLimitsOnly, clusters: clustersOnly }[process.env.BENCH_ONLY];
        if (only === undefined) {
            refuse(
                `BENCH_ONLY takes "rateLimits" or "clusters", got "${process.env.BENCH_ONLY}"; unset it to run everything`,
            );
        }
        return only();
    }
    const commit = revision();
    progress("provisioning the Pulumi CLI and installing the packed package into a workspace");
    const workspace = createWorkspace();
    const seeded = [...new Set([...REQUEST_SIZES, GET_CALLS])];
    const emulator = await startEmulator({ seed: benchSeed(defaultSeed.credentials, seeded) });
    const stop = async (signal) => {
        killAll();
        await emulator.close();
        workspace.dispose();
        process.stderr.write(`bench: stopped by ${signal}\n`);
        process.exit(130);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
        progress(
            `Pulumi CLI ${workspace.cliVersion}, @pulumi/pulumi ${workspace.sdkVersion}, workspace ${workspace.dir}`,
        );
        const measured = await measure(workspace, emulator);
        const rateLimitLoad = await measureRateLimitLoad(workspace, progress);
        const results = {
            date: new Date().toISOString(),
            commit,
            machine: { cpus: os.availableParallelism(), node: process.version, loadAverage: os.loadavg() },
            cli: workspace.cliVersion,
            sdk: workspace.sdkVersion,
            settings: {
                sizes: SIZES,
                requestSizes: REQUEST_SIZES,
                rounds: Object.fromEntries(SIZES.map((count) => [count, roundsFor(count)])),
                parallel: PARALLELS.map((p) => p.label),
                cliDefaultParallel: CLI_DEFAULT_PARALLEL,
                latencyMs: LATENCY_MS,
                requestLatenciesMs: [0, LATENCY_MS],
                figureSizes: FIGURE_SIZES,
                maxConcurrency: DEFAULT_LIMITS.maxConcurrency,
                seed: { instances: seeded.map((n) => `${BENCH.instancePrefix}${n}`), fleet: BENCH.fleet },
                getCalls: GET_CALLS,
            },
            goals: GOALS,
            ...measured,
            rateLimitLoad,
            wallSeconds: (performance.now() - began) / 1000,
        };
        results.figures = evaluateFigures(results);
        const dir = path.join(__dirname, "results");
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "latest.json"), JSON.stringify(results, null, 4) + "\n");
        process.stdout.write(formatTables(results) + "\n");
        process.stdout.write(formatRateLimitLoad(rateLimitLoad) + "\n");
        progress(`done in ${results.wallSeconds.toFixed(0)} s; results in bench/results/latest.json`);
    } finally {
        killAll();
        await emulator.close();
        workspace.dispose();
    }
}

main().catch((error) => {
    killAll();
    process.stderr.write(`bench failed: ${error.message}\n`);
    process.exit(1);
});
