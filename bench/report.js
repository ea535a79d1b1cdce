// The benchmark's one table, in Markdown, from the results it writes to bench/results/latest.json.

const seconds = (ms) => (ms / 1000).toFixed(2);
const ratio = (value) => value.toFixed(2);
const yesNo = (holds) => (holds ? "yes" : "**no**");

/** The table: one row per figure, one column per N, then the goal and whether every N meets it. */
function formatTable(results) {
    const { sizes, rounds, parallel, latencyMs, maxConcurrency, raisedConcurrency } = results.settings;
    const { requests, time, state, client, goals } = results;
    const rows = [];
    const row = (figure, cells, goal, holds) =>
        rows.push([figure, ...sizes.map((n) => cells(n)), goal, holds === undefined ? "" : yesNo(holds)]);
    const all = (test) => sizes.every(test);
    const timed = sizes.filter((n) => n >= goals.previewRatioFromN);

    row(
        "requests, service account: snapshot GETs + token requests",
        (n) => {
            const r = requests[n].serviceAccount;
            const extra = r.challenges + r.failed > 0 ? ` (+${r.challenges} 401, +${r.failed} failed)` : "";
            return `${r.gets} + ${r.tokens}${extra}`;
        },
        "N + at most 1 token per provider process",
        all((n) => {
            const r = requests[n].serviceAccount;
            return r.gets === n && r.tokens <= r.processes && r.total === r.gets + r.tokens;
        }),
    );
    row(
        "requests, API key: all (snapshot GETs + digest challenges)",
        (n) => {
            const r = requests[n].apiKey;
            return `${r.total} (${r.gets} + ${r.challenges}${r.failed ? `, +${r.failed} failed` : ""})`;
        },
        "at most N + 1 (MongoDB's Go SDK: 2N)",
        all((n) => requests[n].apiKey.total <= n + 1),
    );
    row(`preview, data source, Atlas answering in ${latencyMs} ms (s)`, (n) => seconds(time[n].snapshotsMs), "");
    row("preview, floor: N read steps answered without HTTP (s)", (n) => seconds(time[n].floorMs), "");
    row(
        "preview time ratio, data source ÷ floor",
        (n) => ratio(time[n].ratio),
        `≤ ${goals.previewRatio} at N ≥ ${goals.previewRatioFromN}`,
        timed.every((n) => time[n].ratio <= goals.previewRatio),
    );
    if (sizes.some((n) => time[n].raised)) {
        row(
            `… the same with ATLAS_MAX_CONCURRENCY=${raisedConcurrency}`,
            (n) => (time[n].raised ? ratio(time[n].raised.ratio) : ""),
            "(only where the default misses)",
        );
    }
    row(
        "state bytes per snapshot: `pulumi stack export` ÷ N",
        (n) => Math.round(state[n].perSnapshot),
        `≤ ${goals.bytesPerSnapshot} at N ≥ 10`,
        sizes.filter((n) => n >= 10).every((n) => state[n].perSnapshot <= goals.bytesPerSnapshot),
    );
    row(
        "state bytes per snapshot as stored (compact checkpoint ÷ N)",
        (n) => Math.round(state[n].storedPerSnapshot),
        "",
    );
    row(
        "state bytes of one snapshot resource (of which `__provider`)",
        (n) => `${state[n].oneResource} (${state[n].provider})`,
        "",
    );
    row(
        "provider start: engine starts it → its token request → its first snapshot GET (ms)",
        (n) => {
            const start = time[n].providerStart;
            return start ? `${Math.round(start.toToken)} → ${Math.round(start.toFirstGet)}` : "";
        },
        "reported",
    );
    rows.push([
        `client overhead: bare axios ÷ AtlasClient reads/s, no latency, ${client.concurrency} in flight`,
        `${ratio(client.ratio)} (its median round: bare ${Math.round(client.medianRound.bare.readsPerSecond)},` +
            ` client ${Math.round(client.medianRound.client.readsPerSecond)} reads/s; CPU a read` +
            ` ${Math.round(client.medianRound.bare.cpuMicrosPerRead)} vs ${Math.round(client.medianRound.client.cpuMicrosPerRead)} µs)`,
        ...sizes.slice(1).map(() => ""),
        `≤ ${goals.clientRatio}`,
        yesNo(client.ratio <= goals.clientRatio),
    ]);

    const header = ["figure", ...sizes.map((n) => `N = ${n}`), "goal", "met"];
    const lines = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
    const counts = [...new Set(sizes.map((n) => rounds[n]))];
    const runs =
        counts.length === 1
            ? `${counts[0]}`
            : sizes.map((n) => `${rounds[n]}`).join(", ") + ` (for N = ${sizes.join(", ")})`;
    const notes =
        `Times and ratios are medians of ${runs} alternating runs per N (a ratio's median is over each round's pair), the client's ` +
        `of ${client.rounds} alternating rounds of ${client.reads} reads. ` +
        (results.commit ? `Commit ${results.commit}, ` : "") +
        `Pulumi CLI ${results.cli}, @pulumi/pulumi ` +
        `${results.sdk}, Node.js ${results.machine.node}, \`--parallel ${parallel}\` for both programs, ` +
        `ATLAS_MAX_CONCURRENCY ${maxConcurrency} (the default), ${results.machine.cpus} CPUs, load average ` +
        `${results.machine.loadAverage.map((l) => l.toFixed(1)).join(" ")}; ${results.date.slice(0, 16)}Z, ` +
        `${Math.round(results.wallSeconds)} s in all.`;
    return `${lines.join("\n")}\n\n${notes}`;
}

module.exports = { formatTable };
