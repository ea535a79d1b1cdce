// The emulator over https://: programmatically with `tls`, and from its command line with --tls-cert/--tls-key,
// serving the test certificate for atlas.test and localhost (tests/fixtures).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { get } from "node:https";
import { join, resolve } from "node:path";
import { startEmulator } from "../../emulator";
import { parseCliArguments, UsageError } from "../../emulator/cli";

const FIXTURES = resolve(__dirname, "../fixtures");
const CERT_FILE = join(FIXTURES, "atlas-test.cert.pem");
const KEY_FILE = join(FIXTURES, "atlas-test.key.pem");
const cert = readFileSync(CERT_FILE);
const key = readFileSync(KEY_FILE);
const CLI = resolve(__dirname, "../../dist/emulator/cli.js");

/** A GET over https trusting `ca` only, resolved with the status, or rejected with the TLS error code. */
function getStatus(url: string, options: { ca?: Buffer; servername?: string } = {}): Promise<number> {
    return new Promise((done, fail) => {
        const request = get(url, { ...options, agent: false }, (answer) => {
            answer.resume();
            answer.on("end", () => done(answer.statusCode ?? 0));
        });
        request.on("error", (error: NodeJS.ErrnoException) => fail(new Error(error.code ?? error.message)));
    });
}

const SNAPSHOT_PATH =
    "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/serverless/orders/backup/snapshots/5f4e3d2c1b0a998877665544";

describe("startEmulator with tls", () => {
    test("serves https:// with the given certificate, for the names it was issued to", async () => {
        const emulator = await startEmulator({ tls: { cert, key } });
        try {
            expect(emulator.url).toBe(`https://127.0.0.1:${emulator.port}`);

            // 401: Atlas's answer to a request without credentials, so the API itself answered over TLS.
            expect(await getStatus(emulator.url + SNAPSHOT_PATH, { ca: cert })).toBe(401);
            expect(await getStatus(`https://localhost:${emulator.port}${SNAPSHOT_PATH}`, { ca: cert })).toBe(401);
            expect(await getStatus(emulator.url + SNAPSHOT_PATH, { ca: cert, servername: "atlas.test" })).toBe(401);
            expect(emulator.requests()).toHaveLength(3);
        } finally {
            await emulator.close();
        }
    });

    test("a client that does not trust the certificate is refused the handshake", async () => {
        const emulator = await startEmulator({ tls: { cert, key } });
        try {
            await expect(getStatus(emulator.url + SNAPSHOT_PATH)).rejects.toThrow("DEPTH_ZERO_SELF_SIGNED_CERT");
            expect(emulator.requests()).toHaveLength(0);
        } finally {
            await emulator.close();
        }
    });

    test("a certificate without its key is refused at start", async () => {
        await expect(startEmulator({ tls: { cert, key: "" } })).rejects.toThrow(
            "tls must have both a cert and a key, each a PEM string or Buffer",
        );
    });
});

describe("the command's --tls-cert and --tls-key", () => {
    test("read both PEM files into the tls option", () => {
        const options = parseCliArguments(["--tls-cert", CERT_FILE, "--tls-key", KEY_FILE]);

        expect(options).not.toBe("help");
        expect(options !== "help" && options.tls).toStrictEqual({ cert, key });
    });

    test.each([
        [["--tls-cert", CERT_FILE], "--tls-cert and --tls-key go together"],
        [["--tls-key", KEY_FILE], "--tls-cert and --tls-key go together"],
        [
            ["--tls-cert", join(FIXTURES, "missing.pem"), "--tls-key", KEY_FILE],
            `--tls-cert ${join(FIXTURES, "missing.pem")} cannot be read (ENOENT)`,
        ],
    ])("refuse %j: %s", (argv, message) => {
        expect(() => parseCliArguments(argv)).toThrow(UsageError);
        expect(() => parseCliArguments(argv)).toThrow(message);
    });

    test("the compiled command serves https:// and says so", async () => {
        expect(existsSync(CLI)).toBe(true); // npm test builds before jest runs
        const child = spawn(process.execPath, [CLI, "--tls-cert", CERT_FILE, "--tls-key", KEY_FILE], {
            stdio: ["ignore", "pipe", "inherit"],
        });
        try {
            const url = await new Promise<string>((done, fail) => {
                let stdout = "";
                child.stdout.on("data", (chunk: Buffer) => {
                    stdout += chunk.toString();
                    const match = /^Atlas emulator listening on (https:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
                    if (match) done(match[1]);
                });
                child.once("exit", (code) => fail(new Error(`the emulator exited with ${code}: ${stdout}`)));
            });

            expect(await getStatus(url + SNAPSHOT_PATH, { ca: cert, servername: "atlas.test" })).toBe(401);
        } finally {
            child.kill("SIGTERM");
        }
    });
});
