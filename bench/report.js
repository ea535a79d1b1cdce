// The benchmark's tables, in Markdown, from the results it writes to bench/results/latest.json: the issue's
// figures at each `--parallel` setting, then every measurement by N.
const { PREVIEW_GOAL_SIZES, PREVIEW_RATIO_GOAL } = require("./figures");

const seconds = (ms) => (ms / 1000).toFixed(2);
const ratio = (value) => value.toFixed(2);
const yesNo = (holds) => (holds === undefined ? "–" : holds ? "yes" : "**no**");

/** A Markdown table from a header and rows of cells. */
function table(header, rows) {
    return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** How a `--parallel` label reads in a table: the CLI's default says what it is on this machine. */
function parallelName(label, cliDefault) {
    return label === "default" ? `CLI default (${cliDefault})` : `\`--parallel ${label}\``;
}

/** The figures: one column per `--parallel` setting, the goal, and whether each setting meets it. */
function formatFigures(results) {
    const { parallel, cliDefaultParallel } = results.settings;
    const header = [
        "figure",
        "Atlas answering",
        ...parallel.map((label) => parallelName(label, cliDefaultParallel)),
        "goal",
        `met (${parallel.join(" / ")})`,
    ];
    const rows = results.figures.map(({ figure, atlas, goal, measured }) => [
        figure,
        atlas,
        ...parallel.map((label) => measured[label].value),
        goal,
        parallel.map((label) => yesNo(measured[label].met)).join(" / "),
    ]);
    return table(header, rows);
}

/** Every measurement by N: one column per N, a row per figure and `--parallel` setting where it matters. */
function formatBySize(results) {
    const { sizes, requestSizes, parallel, cliDefaultParallel, latencyMs } = results.settings;
    const { requests, time, state, client, goals } = results;
    const columns = requestSizes;
    const rows = [];
    const row = (figure, cells, goal = "", holds = undefined) =>
        rows.push([figure, ...columns.map((n) => cells(n) ?? ""), goal, holds === undefined ? "" : yesNo(holds)]);
    const timed = (n) => sizes.includes(n);
    const short = (label) => (label === "default" ? `default ${cliDefaultParallel}` : label);

    for (const label of parallel) {
        row(`requests at once, service account, parallel ${short(label)}: API (list + GET) + token`, (n) => {
            const r = requests[label][0].sizes[n].serviceAccount;
            return `${r.api} (${r.lists} + ${r.gets}) + ${r.tokens}` + (r.failed ? `, ${r.failed} failed` : "");
        });
    }
    for (const label of parallel) {
        row(`requests at once, API key, parallel ${short(label)}: all (of which 401)`, (n) => {
            const r = requests[label][0].sizes[n].apiKey;
            return `${r.total} (${r.challenges})` + (r.failed ? `, ${r.failed} failed` : "");
        });
    }
    for (const label of parallel) {
        row(
            `API requests, Atlas answering in ${latencyMs} ms, parallel ${short(label)} (fewest–most of the rounds)`,
            (n) => {
                if (!timed(n)) return undefined;
                const { min, max } = time[label][n].apiRequests;
                return min === max ? `${min}` : `${min}–${max}`;
            },
        );
    }
    for (const label of parallel) {
        const at = (n, key) => (timed(n) ? time[label][n][key] : undefined);
        row(`preview, floor: N trivial read steps, parallel ${short(label)} (s)`, (n) =>
            timed(n) ? seconds(at(n, "floorMs")) : undefined,
        );
        row(`preview, data source, parallel ${short(label)} (s) and ÷ floor`, (n) =>
            timed(n) ? `${seconds(at(n, "snapshotsMs"))} (${ratio(at(n, "ratio"))})` : undefined,
        );
        const goalSizes = PREVIEW_GOAL_SIZES.filter(timed);
        row(
            `preview time ratio, data source ÷ floor, parallel ${short(label)}`,
            (n) => (timed(n) ? ratio(at(n, "ratio")) : undefined),
            `≤ ${PREVIEW_RATIO_GOAL} at N = ${PREVIEW_GOAL_SIZES.join(" and ")}`,
            goalSizes.length === 0 ? undefined : goalSizes.every((n) => at(n, "ratio") <= PREVIEW_RATIO_GOAL),
        );
        row(
            `reference: 0.1.0's read-step shape on the trivial provider, parallel ${short(label)} (s) and ÷ floor`,
            (n) => (timed(n) ? `${seconds(at(n, "shapeMs"))} (${ratio(at(n, "shapeRatio"))})` : undefined),
        );
        row(`\`getServerlessBackupSnapshot\` × N in the program, parallel ${short(label)} (s) and ÷ floor`, (n) =>
            timed(n) ? `${seconds(at(n, "getMs"))} (${ratio(at(n, "getRatio"))})` : undefined,
        );
    }
    const stated = sizes.filter((n) => n >= 10);
    row(
        "state bytes per snapshot: `pulumi stack export` ÷ N",
        (n) => (timed(n) ? Math.round(state[n].perSnapshot) : undefined),
        `≤ ${goals.bytesPerSnapshot} at N ≥ 10`,
        stated.length === 0 ? undefined : stated.every((n) => state[n].perSnapshot <= goals.bytesPerSnapshot),
    );
    row("state bytes per snapshot as stored (compact checkpoint ÷ N)", (n) =>
        timed(n) ? Math.round(state[n].storedPerSnapshot) : undefined,
    );
    row("state bytes of one snapshot resource (of which `__provider`)", (n) =>
        timed(n) ? `${state[n].oneResource} (${state[n].provider})` : undefined,
    );
    for (const label of parallel) {
        row(
            `provider start, parallel ${short(label)}: engine starts it → its token request → its first snapshot request (ms)`,
            (n) => {
                const start = timed(n) ? time[label][n].providerStart : undefined;
                return start ? `${Math.round(start.toToken)} → ${Math.round(start.toFirstGet)}` : undefined;
            },
            "reported",
        );
    }
    rows.push([
        `client overhead: bare axios ÷ AtlasClient reads/s, no latency, ${client.concurrency} in flight`,
        `${ratio(client.ratio)} (its median round: bare ${Math.round(client.medianRound.bare.readsPerSecond)},` +
            ` client ${Math.round(client.medianRound.client.readsPerSecond)} reads/s; CPU a read` +
            ` ${Math.round(client.medianRound.bare.cpuMicrosPerRead)} vs ${Math.round(client.medianRound.client.cpuMicrosPerRead)} µs)`,
        ...columns.slice(1).map(() => ""),
        `≤ ${goals.clientRatio}`,
        yesNo(client.ratio <= goals.clientRatio),
    ]);
    return table(["figure", ...columns.map((n) => `N = ${n}`), "goal", "met"], rows);
}

/** What the numbers were taken with, in one paragraph. */
function formatNotes(results) {
    const { sizes, rounds, parallel, cliDefaultParallel, maxConcurrency } = results.settings;
    const { client } = results;
    const counts = [...new Set(sizes.map((n) => rounds[n]))];
    const runs =
        counts.length === 1
            ? `${counts[0]}`
            : sizes.map((n) => `${rounds[n]}`).join(", ") + ` (for N = ${sizes.join(", ")})`;
    const settings = parallel.map((label) =>
        label === "default"
            ? `the CLI's default parallelism (no \`--parallel\`: ${cliDefaultParallel} here)`
            : `\`--parallel ${label}\``,
    );
    return (
        `Times and ratios are medians of ${runs} alternating runs per N and \`--parallel\` setting (a ratio's median ` +
        `is over each round's pair), the client's of ${client.rounds} alternating rounds of ${client.reads} reads. ` +
        (results.commit ? `Commit ${results.commit}, ` : "") +
        `Pulumi CLI ${results.cli}, @pulumi/pulumi ${results.sdk}, Node.js ${results.machine.node}, ` +
        `${settings.join(" and ")} for both programs, ATLAS_MAX_CONCURRENCY ${maxConcurrency} (the default), ` +
        `${results.machine.cpus} CPUs, load average ${results.machine.loadAverage.map((l) => l.toFixed(1)).join(" ")}; ` +
        `${results.date.slice(0, 16)}Z, ${Math.round(results.wallSeconds)} s in all.`
    );
}

/** Both tables and the notes, as the README's Performance section shows them. */
function formatTables(results) {
    return `${formatFigures(results)}\n\n${formatBySize(results)}\n\n${formatNotes(results)}`;
}

module.exports = { formatTables };
