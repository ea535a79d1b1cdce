// What the emulator's tests share: the default seed's documented ids and credentials, and plain HTTP and curl
// clients (a fresh connection per request, so no keep-alive state links one test to the next).
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { z } from "zod";
import type { AtlasEmulator } from "../../emulator";
import {
    apiErrorSchema,
    flexSnapshotPageSchema,
    flexSnapshotSchema,
    serverlessSnapshotPageSchema,
    serverlessSnapshotSchema,
    tokenResponseSchema,
} from "../../provider/atlas/schemas";

/** The default seed's main project. */
export const PROJECT_ID = "32b6e34b3d91647abb20e7b8";
/** The default seed's empty project. */
export const EMPTY_PROJECT_ID = "6a1b2c3d4e5f60718293a4b5";
/** A well-formed project id the default seed does not have. */
export const UNKNOWN_PROJECT_ID = "0123456789abcdef01234567";
/** The default seed's service account. */
export const SERVICE_ACCOUNT = {
    clientId: "mdb_sa_id_0123456789abcdef01234567",
    clientSecret: "mdb_sa_sk_emulator-secret-do-not-use-0001",
};
/** The default seed's API key with access to every project. */
export const API_KEY = { publicKey: "emulpubk", privateKey: "2f1e7c4a-9b3d-4e8f-a6c5-0d9e8f7a6b5c" };
/** The default seed's API key limited to the empty project. */
export const LIMITED_KEY = { publicKey: "limitedk", privateKey: "7c0b2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f" };

/** Accept headers for the two resource versions. */
export const SERVERLESS_ACCEPT = "application/vnd.atlas.2023-01-01+json";
export const FLEX_ACCEPT = "application/vnd.atlas.2024-11-13+json";

/** The path of a serverless snapshot (with an id) or of the list. */
export function serverlessPath(name: string, snapshotId?: string, projectId = PROJECT_ID): string {
    return `/api/atlas/v2/groups/${projectId}/serverless/${name}/backup/snapshots${snapshotId ? `/${snapshotId}` : ""}`;
}

/** The path of a Flex snapshot (with an id) or of the list. */
export function flexPath(name: string, snapshotId?: string, projectId = PROJECT_ID): string {
    return `/api/atlas/v2/groups/${projectId}/flexClusters/${name}/backup/snapshots${snapshotId ? `/${snapshotId}` : ""}`;
}

/** An HTTP answer as the tests inspect it. */
export interface HttpAnswer {
    status: number;
    headers: IncomingHttpHeaders;
    /** Every header as a list, so repeated headers (two WWW-Authenticate) stay apart. */
    headerLists: Record<string, string[]>;
    /** Header names and values as sent on the wire, names in the case the server wrote them. */
    rawHeaders: string[];
    text: string;
    /** The body parsed as JSON, or undefined when it is not JSON. */
    json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests index into answers freely
}

/** What to send. */
export interface HttpRequest {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Abort and reject after this many milliseconds. */
    timeoutMs?: number;
}

/** Sends one request on a fresh connection and reads the whole answer; rejects on socket errors and timeouts. */
export function http(url: string, options: HttpRequest = {}): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
        const req = request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("error", reject);
            res.on("aborted", () => reject(new Error("response aborted")));
            res.on("end", () => {
                if (!res.complete) return reject(new Error("response incomplete"));
                const text = Buffer.concat(chunks).toString("utf8");
                let json: unknown;
                try {
                    json = JSON.parse(text);
                } catch {
                    json = undefined;
                }
                resolve({
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    headerLists: res.headersDistinct as Record<string, string[]>,
                    rawHeaders: res.rawHeaders,
                    text,
                    json,
                });
            });
        });
        req.on("error", reject);
        if (options.timeoutMs !== undefined) {
            req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
        }
        req.end(options.body);
    });
}

/** The Basic authorization header for a client id and secret. */
export function basic(id: string, secret: string): string {
    return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

/** Exchanges the default service account's credentials for an access token. */
export async function issueToken(emulator: AtlasEmulator, account = SERVICE_ACCOUNT): Promise<string> {
    const answer = await http(`${emulator.url}/api/oauth/token`, {
        method: "POST",
        headers: {
            Authorization: basic(account.clientId, account.clientSecret),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
    });
    if (answer.status !== 200) throw new Error(`token request answered ${answer.status}: ${answer.text}`);
    return answer.json.access_token as string;
}

/** GETs an emulator path with a bearer token. */
export function getWithToken(
    emulator: AtlasEmulator,
    path: string,
    token: string,
    accept?: string,
    extraHeaders: Record<string, string> = {},
): Promise<HttpAnswer> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...extraHeaders };
    if (accept !== undefined) headers.Accept = accept;
    return http(`${emulator.url}${path}`, { headers });
}

/** What curl received: the last answer's status, headers (raw text) and body. */
export interface CurlAnswer {
    status: number;
    /** Header block of the last answer (curl --digest makes two requests). */
    headers: string;
    body: string;
}

/** Runs the real curl binary with the given arguments plus the output options this helper needs. */
export async function curl(args: string[]): Promise<CurlAnswer> {
    const dir = await mkdtemp(join(tmpdir(), "emulator-curl-"));
    try {
        const headerFile = join(dir, "headers");
        const bodyFile = join(dir, "body");
        const status = await new Promise<string>((resolve, reject) => {
            execFile(
                "curl",
                ["-sS", "--max-time", "10", "-D", headerFile, "-o", bodyFile, "-w", "%{http_code}", ...args],
                (error, stdout, stderr) => (error ? reject(new Error(`curl failed: ${stderr}`)) : resolve(stdout)),
            );
        });
        const blocks = (await readFile(headerFile, "utf8")).split(/\r?\n\r?\n/).filter((block) => block.trim() !== "");
        return {
            status: Number(status),
            headers: blocks[blocks.length - 1] ?? "",
            body: await readFile(bodyFile, "utf8"),
        };
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

/** The value of a header in a raw header block, or undefined. */
export function headerValue(block: string, name: string): string | undefined {
    const line = block.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line?.slice(name.length + 1).trim();
}

/** A hand-written Digest client, independent of the emulator's code: RFC 7616 with qop=auth. */
export function digestHeader(input: {
    algorithm: "MD5" | "SHA-256";
    key: { publicKey: string; privateKey: string };
    nonce: string;
    nc: number;
    uri: string;
    method?: string;
}): string {
    const h = (text: string) =>
        createHash(input.algorithm === "MD5" ? "md5" : "sha256")
            .update(text)
            .digest("hex");
    const realm = "MMS Public API";
    const nc = input.nc.toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const ha1 = h(`${input.key.publicKey}:${realm}:${input.key.privateKey}`);
    const ha2 = h(`${input.method ?? "GET"}:${input.uri}`);
    const response = h(`${ha1}:${input.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    return (
        `Digest username="${input.key.publicKey}", realm="${realm}", nonce="${input.nonce}", uri="${input.uri}", ` +
        `algorithm=${input.algorithm}, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`
    );
}

/** The nonce and stale flag of a challenge. */
export function parseChallenge(challenge: string): { nonce: string; stale: boolean; algorithm: string } {
    return {
        nonce: /nonce="([^"]+)"/.exec(challenge)?.[1] ?? "",
        stale: /stale=true/.test(challenge),
        algorithm: /algorithm=([A-Z0-9-]+)/.exec(challenge)?.[1] ?? "",
    };
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
// RFC 3339 date-time; the generated schemas also carry zod's stricter pattern.
ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);

/** Compiles a zod schema to an ajv validator through JSON Schema, an implementation independent of zod. */
function validatorFor(schema: z.ZodType): ValidateFunction {
    return ajv.compile(z.toJSONSchema(schema) as object);
}

/** Validators for every body shape the emulator serves, from the schemas the client parses answers with. */
export const validate = {
    serverless: validatorFor(serverlessSnapshotSchema),
    serverlessPage: validatorFor(serverlessSnapshotPageSchema),
    flex: validatorFor(flexSnapshotSchema),
    flexPage: validatorFor(flexSnapshotPageSchema),
    apiError: validatorFor(apiErrorSchema),
    token: validatorFor(tokenResponseSchema),
};

/** Asserts a body validates, showing ajv's errors when it does not. */
export function expectValid(validator: ValidateFunction, body: unknown): void {
    const valid = validator(body);
    expect(validator.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
}
