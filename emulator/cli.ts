#!/usr/bin/env node
// The `atlas-snapshot-emulator` command: runs the emulator until SIGINT/SIGTERM, for demos, offline previews
// and tests in other processes (which script it through the /__emulator/ control API).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultSeed } from "./data/defaultSeed";
import { loadSeedFile } from "./data/seed";
import { startEmulator, type EmulatorOptions } from "./serving/server";
import { isSunsetMode } from "./faults/sunset";
import { RATE_LIMIT_SCOPES, type RateLimitScope } from "./faults/rateLimit";

/** The command's usage line. */
export const USAGE =
    "Usage: atlas-snapshot-emulator [--port <n>] [--host <address>] [--seed <file.json>] [--sunset active|404|410] " +
    "[--tls-cert <cert.pem> --tls-key <key.pem>] [--rate-limit-capacity <n> --rate-limit-refill <n> " +
    "[--rate-limit-refill-seconds <s>] [--rate-limit-scope project|user|ip] [--rate-limit-no-headers]]";

/** A command-line mistake: reported in one line, exit code 2. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

/** Turns the command's arguments into emulator options, or `help`; throws {@link UsageError} or SeedError. */
export function parseCliArguments(argv: string[]): EmulatorOptions | "help" {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                port: { type: "string" },
                host: { type: "string" },
                seed: { type: "string" },
                sunset: { type: "string" },
                "tls-cert": { type: "string" },
                "tls-key": { type: "string" },
                "rate-limit-capacity": { type: "string" },
                "rate-limit-refill": { type: "string" },
                "rate-limit-refill-seconds": { type: "string" },
                "rate-limit-scope": { type: "string" },
                "rate-limit-no-headers": { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (values.help === true) return "help";
    const options: EmulatorOptions = { seed: defaultSeed };
    if (values.port !== undefined) {
        const port = /^\d+$/.test(values.port) ? Number(values.port) : NaN;
        if (!(port >= 0 && port <= 65535))
            throw new UsageError(`--port must be an integer from 0 to 65535, got ${values.port}`);
        options.port = port;
    }
    if (values.host !== undefined) {
        if (values.host === "") throw new UsageError("--host must not be empty");
        options.host = values.host;
    }
    if (values.sunset !== undefined) {
        if (!isSunsetMode(values.sunset))
            throw new UsageError(`--sunset must be active, 404 or 410, got ${values.sunset}`);
        options.sunset = values.sunset;
    }
    if (values.seed !== undefined) options.seed = loadSeedFile(values.seed);
    const [cert, key] = [values["tls-cert"], values["tls-key"]];
    if ((cert === undefined) !== (key === undefined))
        throw new UsageError("--tls-cert and --tls-key go together: give both PEM files to serve https://, or neither");
    if (cert !== undefined && key !== undefined)
        options.tls = { cert: readPem("--tls-cert", cert), key: readPem("--tls-key", key) };
    const rateLimits = rateLimitOptions(values);
    if (rateLimits !== undefined) options.rateLimits = rateLimits;
    return options;
}

/** A whole number of at least 1 from a flag, or a {@link UsageError} naming it. */
function positiveFlag(flag: string, value: string): number {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
        throw new UsageError(`${flag} must be a whole number from 1, got ${value}`);
    return Number(value);
}

/**
 * The token buckets the flags ask for: `--rate-limit-capacity` and `--rate-limit-refill` turn them on (both or
 * neither), refilled every `--rate-limit-refill-seconds` (default 60); undefined when off.
 */
function rateLimitOptions(values: Record<string, string | boolean | undefined>): EmulatorOptions["rateLimits"] {
    const capacity = values["rate-limit-capacity"] as string | undefined;
    const refill = values["rate-limit-refill"] as string | undefined;
    const others = ["rate-limit-refill-seconds", "rate-limit-scope", "rate-limit-no-headers"].filter(
        (name) => values[name] !== undefined,
    );
    if (capacity === undefined && refill === undefined) {
        if (others.length > 0)
            throw new UsageError(`--${others[0]} needs --rate-limit-capacity and --rate-limit-refill`);
        return undefined;
    }
    if (capacity === undefined || refill === undefined)
        throw new UsageError("--rate-limit-capacity and --rate-limit-refill go together: give both, or neither");
    const scope = values["rate-limit-scope"] as string | undefined;
    if (scope !== undefined && !(RATE_LIMIT_SCOPES as readonly string[]).includes(scope))
        throw new UsageError(`--rate-limit-scope must be ${RATE_LIMIT_SCOPES.join(", ")}, got ${scope}`);
    const seconds = values["rate-limit-refill-seconds"] as string | undefined;
    return {
        capacity: positiveFlag("--rate-limit-capacity", capacity),
        refillRate: positiveFlag("--rate-limit-refill", refill),
        refillDurationSeconds: seconds === undefined ? 60 : positiveFlag("--rate-limit-refill-seconds", seconds),
        ...(scope === undefined ? {} : { scope: scope as RateLimitScope }),
        ...(values["rate-limit-no-headers"] === true ? { headers: false } : {}),
    };
}

/** A PEM file's contents, or a {@link UsageError} naming the flag and the file. */
function readPem(flag: string, file: string): Buffer {
    try {
        return readFileSync(file);
    } catch (error) {
        throw new UsageError(`${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
}

/** Runs the command: prints one "listening" line, then serves until SIGINT or SIGTERM. */
async function main(): Promise<void> {
    let options: EmulatorOptions | "help";
    try {
        options = parseCliArguments(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`atlas-snapshot-emulator: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
    }
    if (options === "help") {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    let emulator;
    try {
        emulator = await startEmulator(options);
    } catch (error) {
        process.stderr.write(`atlas-snapshot-emulator: cannot start: ${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
    }
    const stop = () => {
        void emulator.close().then(() => process.exit(0));
    };
    // Handlers first: whoever reads the listening line may signal at once, before a later registration.
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    process.stdout.write(`Atlas emulator listening on ${emulator.url}\n`);
}

if (require.main === module) void main();
