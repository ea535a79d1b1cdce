// The figures: what each one measures, its goal, and whether it is met at each `--parallel` setting.

/** The ratio goal of the timed previews: data source ÷ the engine's floor (trivial read steps). */
const PREVIEW_RATIO_GOAL = 1.15;

/** The N the ratio goal holds at. */
const PREVIEW_GOAL_SIZES = [100, 300];

const ratio = (value) => value.toFixed(2);
const seconds = (ms) => (ms / 1000).toFixed(2);

/** `value` and `met` of a request figure, or "not measured" when the preview was not run. */
function fromRequests(r, describe, holds) {
    return r === undefined ? { value: "not measured" } : { value: describe(r), met: holds(r) };
}

/** The same for a timed N: the median of the rounds' ratios, and each program's median time. */
function fromTime(t) {
    return t === undefined
        ? { value: "not measured (add it to BENCH_SIZES)" }
        : {
              value: `${ratio(t.ratio)} (${seconds(t.snapshotsMs)} s ÷ ${seconds(t.floorMs)} s)`,
              met: t.ratio <= PREVIEW_RATIO_GOAL,
          };
}

/** API requests in one line: how many, and of which kind. */
function kinds(r) {
    const parts = [`${r.lists} list`, `${r.gets} GET`];
    if (r.challenges) parts.push(`${r.challenges} 401`);
    if (r.failed) parts.push(`${r.failed} failed`);
    return parts.join(", ");
}

/**
 * The request figures: `figure` and `goal` as the table prints them, and how to read the value from one
 * parallelism's and latency's requests.
 */
const REQUEST_FIGURES = [
    {
        figure: "requests for N = 100 snapshots of one instance, service account: API requests + token requests",
        goal: "≤ 2 API requests + 1 token",
        measure: (requests) =>
            fromRequests(
                requests.sizes[100]?.serviceAccount,
                (r) => `${r.api} + ${r.tokens} (${kinds(r)})`,
                (r) => r.api <= 2 && r.tokens <= 1,
            ),
    },
    {
        figure: "the same with an API key: all requests",
        goal: "≤ 4 requests",
        measure: (requests) =>
            fromRequests(
                requests.sizes[100]?.apiKey,
                (r) => `${r.total} (${kinds(r)})`,
                (r) => r.total <= 4,
            ),
    },
    {
        figure: "20 instances × 5 snapshots, service account: API requests of the busiest instance",
        goal: "≤ 2 requests an instance",
        measure: (requests) =>
            fromRequests(
                requests.fleet,
                (r) =>
                    `${r.maxPerInstance} (${r.api} in all: ${kinds(r)}; + ${r.tokens} token; the busiest, ` +
                    `${r.busiest.instance}, asked at ${r.busiest.requests.map((q) => q.atMs).join(", ")} ms)`,
                (r) => r.maxPerInstance <= 2 && r.instances === 20,
            ),
    },
    {
        figure: "one snapshot, service account: API requests + token requests",
        goal: "exactly 1 request (+ 1 token)",
        measure: (requests) =>
            fromRequests(
                requests.sizes[1]?.serviceAccount,
                (r) => `${r.api} + ${r.tokens} (${kinds(r)})`,
                (r) => r.api === 1 && r.tokens <= 1,
            ),
    },
    {
        figure: "`getServerlessBackupSnapshot` called 100 times together for one instance: all requests",
        goal: "≤ 3 requests",
        measure: (requests) =>
            fromRequests(
                requests.getFunction,
                (r) => `${r.total} (${kinds(r)}, ${r.tokens} token)`,
                (r) => r.total <= 3,
            ),
    },
];

/** The dedicated clusters' request figures: 100 snapshots of a replica set, and of a sharded cluster. */
const DEDICATED_FIGURES = [
    {
        figure: "requests for 100 snapshots of one dedicated replica set (CloudBackupSnapshot): API requests + token requests",
        goal: "≤ 2 API requests + 1 token",
        measure: (requests) =>
            fromRequests(
                requests.dedicated?.replicaSet,
                (r) => `${r.api} + ${r.tokens} (${kinds(r)})`,
                (r) => r.api <= 2 && r.tokens <= 1,
            ),
    },
    {
        figure: "the same for a sharded cluster, whose members come from the sharded-cluster route",
        goal: "≤ 2 API requests + 1 token",
        measure: (requests) =>
            fromRequests(
                requests.dedicated?.shardedCluster,
                (r) => `${r.api} + ${r.tokens} (${kinds(r)})`,
                (r) => r.api <= 2 && r.tokens <= 1,
            ),
    },
];
REQUEST_FIGURES.push(...DEDICATED_FIGURES);

/** The time figures, read from one parallelism's timed previews. */
const TIME_FIGURES = PREVIEW_GOAL_SIZES.map((count) => ({
    figure: `preview of N = ${count}: data source ÷ the engine's floor (N trivial read steps)`,
    goal: `≤ ${PREVIEW_RATIO_GOAL}`,
    measure: (time) => fromTime(time[count]),
}));

/**
 * The figures of a run's results, each request figure once per Atlas latency measured: `{ figure, atlas (how
 * fast the emulator answered), goal, measured: { [parallel label]: { value, met } } }`, `met` undefined when
 * not measured.
 */
function evaluateFigures(results) {
    const { parallel, requestLatenciesMs, latencyMs } = results.settings;
    const per = (measure) => Object.fromEntries(parallel.map((label) => [label, measure(label)]));
    const answering = (ms) => (ms === 0 ? "at once" : `in ${ms} ms`);
    return [
        ...REQUEST_FIGURES.flatMap(({ figure, goal, measure }) =>
            requestLatenciesMs.map((ms) => ({
                figure,
                atlas: answering(ms),
                goal,
                measured: per((label) => measure(results.requests[label][ms])),
            })),
        ),
        ...TIME_FIGURES.map(({ figure, goal, measure }) => ({
            figure,
            atlas: answering(latencyMs),
            goal,
            measured: per((label) => measure(results.time[label])),
        })),
    ];
}

module.exports = {
    DEDICATED_FIGURES,
    evaluateFigures,
    PREVIEW_RATIO_GOAL,
    PREVIEW_GOAL_SIZES,
};
