// The load figure of Atlas's rate limits: PREVIEWS previews of SNAPSHOTS snapshots each, started at once from
// separate processes, as a pipeline previewing many stacks of one project does, against ONE token bucket of
// capacity 10 refilled by 5 a minute (the figures of Atlas's own example). Every preview must succeed; each
// process may learn each refill by one 429 at most; and the whole may take at most 1.2 × what the bucket itself
// allows, (requests − capacity) ÷ refill rate.
//
// Each preview reads its 100 snapshots from INSTANCES Flex clusters of its own, all in one project (so one
// bucket: the Flex snapshot endpoints, project scope): reads of one instance share one list request, so a
// preview costs INSTANCES requests, and the whole PREVIEWS × INSTANCES.
const { startEmulator, defaultSeed } = require("../dist/emulator");
const { Program } = require("./workspace");

const LOAD = {
    previews: 8,
    snapshots: 100,
    instances: 5,
    bucket: { capacity: 10, refillRate: 5, refillDurationSeconds: 60 },
    projectId: "6b0e5c1d2a3f405162738496",
    goal: 1.2,
    /** ATLAS_RATE_LIMIT_BUDGET for the previews. */
    budget: "10m",
};

const instanceOf = (preview, instance) => `load-${preview}-${instance}`;
const snapshotIdOf = (preview, instance, index) =>
    `6b2f${preview.toString(16).padStart(6, "0")}${instance.toString(16).padStart(6, "0")}${index.toString(16).padStart(8, "0")}`;

/** The seed: every preview's clusters, 100 ÷ INSTANCES completed snapshots each. */
function loadSeed() {
    const each = LOAD.snapshots / LOAD.instances;
    const clusters = [];
    for (let p = 0; p < LOAD.previews; p++) {
        for (let i = 0; i < LOAD.instances; i++) {
            clusters.push({
                name: instanceOf(p, i),
                snapshots: Array.from({ length: each }, (_, n) => ({
                    id: snapshotIdOf(p, i, n),
                    scheduledTime: `now-${n + 1}h`,
                    expiration: "now+7d",
                    status: "COMPLETED",
                })),
            });
        }
    }
    return {
        credentials: defaultSeed.credentials,
        projects: [{ id: LOAD.projectId, flexClusters: clusters }],
        rateLimits: LOAD.bucket,
    };
}

/** Preview `p`'s program: its 100 snapshots, instance after instance, each with a status check. */
function loadProgram(p) {
    const each = LOAD.snapshots / LOAD.instances;
    const reads = [];
    for (let i = 0; i < LOAD.instances; i++) {
        for (let n = 0; n < each; n++) reads.push([instanceOf(p, i), snapshotIdOf(p, i, n)]);
    }
    return `const { ServerlessBackupSnapshot } = require("pulumi-atlas-backup-snapshots");
const reads = ${JSON.stringify(reads)};
reads.forEach(([instanceName, snapshotId], i) => {
    new ServerlessBackupSnapshot("snapshot-" + i, {
        projectId: "${LOAD.projectId}",
        instanceName,
        snapshotId,
        checks: { status: "completed" },
    });
});
`;
}

/** Runs the load once in `workspace`; resolves with the figure, or rejects naming what failed. */
async function measureRateLimitLoad(workspace, progress = () => {}) {
    const emulator = await startEmulator({ seed: loadSeed() });
    try {
        const credentials = {
            MONGODB_ATLAS_BASE_URL: emulator.url,
            MONGODB_ATLAS_CLIENT_ID: defaultSeed.credentials.serviceAccounts[0].clientId,
            MONGODB_ATLAS_CLIENT_SECRET: defaultSeed.credentials.serviceAccounts[0].clientSecret,
            // 40 lists at 5 a minute take 6 minutes; a read may wait several refills for its token, past the
            // default 3 minutes, as a pipeline this size must allow for.
            ATLAS_RATE_LIMIT_BUDGET: LOAD.budget,
        };
        const programs = [];
        for (let p = 0; p < LOAD.previews; p++) {
            programs.push(await new Program(workspace, `load-${p}`, loadProgram(p), credentials).init());
        }
        emulator.clearLog();
        progress(
            `rate limits: ${LOAD.previews} previews of ${LOAD.snapshots} snapshots at once, one bucket of capacity ` +
                `${LOAD.bucket.capacity} refilled by ${LOAD.bucket.refillRate} every ${LOAD.bucket.refillDurationSeconds} s`,
        );
        const started = performance.now();
        const previews = await Promise.all(programs.map((program) => program.preview(undefined, {}, 20 * 60_000)));
        const wholeSeconds = (performance.now() - started) / 1000;

        const readSteps = previews.map(
            (preview) => new Set([...preview.stdout.matchAll(/ read \S+ (snapshot-\d+)/g)].map((m) => m[1])).size,
        );
        const log = emulator
            .requests()
            .filter((entry) => entry.route === "flexSnapshots" || entry.route === "flexSnapshot");
        const answered = log.filter((entry) => entry.status === 200).length;
        const refusals = log.filter((entry) => entry.status === 429);
        const periodMs = LOAD.bucket.refillDurationSeconds * 1000;
        const firstMs = log.length > 0 ? Date.parse(log[0].time) : 0;
        const byProcessAndPeriod = new Map();
        for (const entry of refusals) {
            const preview = /\/flexClusters\/load-(\d+)-/.exec(entry.path)?.[1];
            const key = `${preview}:${Math.floor((Date.parse(entry.time) - firstMs) / periodMs)}`;
            byProcessAndPeriod.set(key, (byProcessAndPeriod.get(key) ?? 0) + 1);
        }
        const bucketSeconds =
            ((answered - LOAD.bucket.capacity) / LOAD.bucket.refillRate) * LOAD.bucket.refillDurationSeconds;
        const figure = {
            ...LOAD,
            wholeSeconds,
            bucketSeconds,
            ratio: wholeSeconds / bucketSeconds,
            requests: log.length,
            answered,
            refusals: refusals.length,
            mostRefusalsOfAProcessInARefill: Math.max(0, ...byProcessAndPeriod.values()),
            readSteps,
            progressLines: previews.map((preview) => (preview.stdout.match(/Atlas's rate limit of /g) ?? []).length),
        };
        figure.met =
            readSteps.every((count) => count === LOAD.snapshots) &&
            figure.mostRefusalsOfAProcessInARefill <= 1 &&
            figure.ratio <= LOAD.goal;
        return figure;
    } finally {
        await emulator.close();
    }
}

/** The figure as a line of the report. */
function formatRateLimitLoad(figure) {
    return (
        `Rate limits: ${figure.previews} previews of ${figure.snapshots} snapshots at once against one bucket ` +
        `(capacity ${figure.bucket.capacity}, refill ${figure.bucket.refillRate} per ${figure.bucket.refillDurationSeconds} s), ` +
        `ATLAS_RATE_LIMIT_BUDGET=${figure.budget}: ` +
        `${figure.readSteps.filter((n) => n === figure.snapshots).length} of ${figure.previews} succeeded; ` +
        `${figure.answered} requests answered, ${figure.refusals} × 429 (at most ${figure.mostRefusalsOfAProcessInARefill} ` +
        `a process a refill); ${figure.wholeSeconds.toFixed(0)} s against the bucket's ${figure.bucketSeconds.toFixed(0)} s ` +
        `(${figure.ratio.toFixed(2)} ×, goal ≤ ${figure.goal} ×): ${figure.met ? "met" : "NOT MET"}`
    );
}

module.exports = { measureRateLimitLoad, formatRateLimitLoad, LOAD };
