// Several processes started at once against one of Atlas's token buckets, as pipelines that preview many stacks
// of one project at once do: every read succeeds, each process learns each refill by one 429 at most, and the
// whole takes little more than what the bucket itself allows.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { defaultSeed, startEmulator, validateSeed } from "../../emulator";
import type { AtlasEmulator, RequestLogEntry } from "../../emulator";
import { SEED } from "../e2e/programs";

jest.setTimeout(120_000);

const READER = path.resolve(__dirname, "../helpers/rateLimitedReader.js");
/** The fast bucket: capacity 2, refilled by 2 every 5 s. */
const BUCKET = { capacity: 2, refillRate: 2, refillDurationSeconds: 5 };
const PROCESSES = 4;
const READS_PER_PROCESS = 4;

/** A Flex cluster per process, so the log tells the processes apart; all of them in one project, one bucket. */
const clusterOf = (process: number) => `load-${process}`;
const snapshotIdOf = (process: number, read: number) =>
    `6b${String(process).padStart(11, "0")}${String(read).padStart(11, "0")}`;

const seed = validateSeed({
    ...defaultSeed,
    projects: [
        ...defaultSeed.projects.map((project) =>
            project.id !== SEED.projectId
                ? project
                : {
                      ...project,
                      flexClusters: [
                          ...(project.flexClusters ?? []),
                          ...Array.from({ length: PROCESSES }, (_, p) => ({
                              name: clusterOf(p),
                              snapshots: Array.from({ length: READS_PER_PROCESS }, (_, r) => ({
                                  id: snapshotIdOf(p, r),
                                  status: "COMPLETED" as const,
                              })),
                          })),
                      ],
                  },
        ),
    ],
});

let emulator: AtlasEmulator;

beforeAll(async () => {
    emulator = await startEmulator({ seed, rateLimits: BUCKET });
});
afterAll(() => emulator.close());

/** Runs one reader process to its end: its JSON line and exit code. */
function runReader(process: number): Promise<{ code: number | null; result: { read?: string[]; error?: string } }> {
    const ids = Array.from({ length: READS_PER_PROCESS }, (_, r) => snapshotIdOf(process, r));
    return new Promise((resolve, reject) => {
        const child = spawn(
            globalThis.process.execPath,
            [READER, emulator.url, SEED.projectId, clusterOf(process), ...ids],
            {
                env: {
                    PATH: globalThis.process.env.PATH,
                    MONGODB_ATLAS_CLIENT_ID: SEED.clientId,
                    MONGODB_ATLAS_CLIENT_SECRET: SEED.clientSecret,
                },
                stdio: ["ignore", "pipe", "inherit"],
            },
        );
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => {
            try {
                resolve({ code, result: JSON.parse(out.trim()) });
            } catch {
                reject(new Error(`reader ${process} printed no result: ${JSON.stringify(out)}`));
            }
        });
    });
}

test("processes started at once share one bucket: all read, one 429 a process a refill at most, within 1.2 × the bucket's own time", async () => {
    const started = Date.now();
    const runs = await Promise.all(Array.from({ length: PROCESSES }, (_, p) => runReader(p)));
    const elapsedMs = Date.now() - started;

    runs.forEach((run, p) => {
        expect(run.result.error).toBeUndefined();
        expect(run.code).toBe(0);
        expect(run.result.read).toEqual(Array.from({ length: READS_PER_PROCESS }, (_, r) => snapshotIdOf(p, r)));
    });

    const log = emulator.requests().filter((entry) => entry.route === "flexSnapshot");
    const answered = log.filter((entry) => entry.status === 200);
    expect(answered).toHaveLength(PROCESSES * READS_PER_PROCESS);
    // The bucket's schedule starts at its first request; refill periods are counted from there.
    const firstMs = Date.parse(log[0].time);
    const periodMs = BUCKET.refillDurationSeconds * 1000;
    const refusalsByProcessAndPeriod = new Map<string, number>();
    for (const entry of log.filter((e: RequestLogEntry) => e.status === 429)) {
        const process = /\/flexClusters\/(load-\d+)\//.exec(entry.path)?.[1];
        const period = Math.floor((Date.parse(entry.time) - firstMs) / periodMs);
        const key = `${process} in period ${period}`;
        refusalsByProcessAndPeriod.set(key, (refusalsByProcessAndPeriod.get(key) ?? 0) + 1);
    }
    const twice = [...refusalsByProcessAndPeriod].filter(([, count]) => count > 1);
    expect(twice).toEqual([]);

    // What the bucket itself allows: the requests past its capacity, at its refill rate.
    const bucketMs = ((answered.length - BUCKET.capacity) / BUCKET.refillRate) * periodMs;
    expect(elapsedMs).toBeLessThanOrEqual(1.2 * bucketMs);
});
