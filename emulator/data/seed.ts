// The seed: the projects, deployments, snapshots and credentials an emulator serves, checked on load
// so a typo in a hand-written seed fails with the path of the bad value instead of a puzzling 404 later.
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
    ATLAS_ID_PATTERN,
    CLUSTER_NAME_PATTERN,
    SERVERLESS_STATUSES,
    clusterSnapshotSchema,
    flexSnapshotSchema,
    serverlessSnapshotSchema,
    type ClusterSnapshot,
    type FlexSnapshot,
    type ServerlessSnapshot,
} from "../../provider/atlas/schemas";
import { RATE_LIMIT_SCOPES, type RateLimitConfig } from "./rateLimitConfig";
import { isSeedTime } from "./relativeTime";

/** A service account the token endpoint accepts; `projects` limits which projects its tokens may read (omitted: all). */
export interface SeedServiceAccount {
    clientId: string;
    clientSecret: string;
    projects?: string[];
}

/** An API key Digest authentication accepts; `projects` limits which projects it may read (omitted: all). */
export interface SeedApiKey {
    publicKey: string;
    privateKey: string;
    projects?: string[];
}

/** Who may call the emulator, and how long issued access tokens live (default 3600 seconds). */
export interface SeedCredentials {
    serviceAccounts?: SeedServiceAccount[];
    apiKeys?: SeedApiKey[];
    tokenTtlSeconds?: number;
}

/**
 * A serverless snapshot as the serverless API serves it, without `links` (the emulator adds them); `id` is
 * required, date-times may be relative (`now-6h`) and are resolved once when the emulator starts.
 */
export type SeedServerlessSnapshot = Omit<ServerlessSnapshot, "links" | "id"> & { id: string };

/** A Flex snapshot as the Flex API serves it, with the same conventions as {@link SeedServerlessSnapshot}. */
export type SeedFlexSnapshot = Omit<FlexSnapshot, "links" | "id"> & { id: string };

/** A serverless instance: served by the serverless routes, refused by the Flex routes. */
export interface SeedServerlessInstance {
    name: string;
    snapshots?: SeedServerlessSnapshot[];
}

/** A Flex cluster: served by the Flex routes and, when migrated from serverless, by the serverless routes too. */
export interface SeedFlexCluster {
    name: string;
    migratedFromServerless?: boolean;
    snapshots?: SeedFlexSnapshot[];
}

/**
 * A dedicated cluster's snapshot as the cluster API serves it, without `links` and without what the cluster decides
 * (`type`, `cloudProvider`, `replicaSetName`, the members). A snapshot with `completesAt` moves by itself: queued
 * until `startsAt` (no `createdAt`, `cloudProvider` or `mongodVersion`, `storageSizeBytes` 0), inProgress until
 * `completesAt` (the version and cloud provider appear), then completed (`createdAt` appears, at `startsAt`, and its
 * `storageSizeBytes`), as Atlas's answers to MongoDB's CLI show a snapshot's life; its `status` is then ignored.
 */
export type SeedClusterSnapshot = Omit<
    ClusterSnapshot,
    "links" | "id" | "type" | "cloudProvider" | "replicaSetName"
> & {
    id: string;
    startsAt?: string;
    completesAt?: string;
};

/** One shard of a sharded cluster (the config server is one more member, named by the emulator). */
export interface SeedShard {
    replicaSetName: string;
    /** Default `AWS`. */
    cloudProvider?: string;
}

/**
 * A dedicated cluster: a replica set (the default) or a sharded cluster, served by the cluster API's snapshot
 * routes and refused by the Flex and serverless ones.
 */
export interface SeedCluster {
    name: string;
    type?: "replicaSet" | "shardedCluster";
    /** A replica set's name in its snapshots; default `atlas-<name>-shard-0`. */
    replicaSetName?: string;
    /** Where the cluster's snapshots are stored: AWS (default), AZURE, GCP. */
    cloudProvider?: string;
    /** A sharded cluster's shards; default two. */
    shards?: SeedShard[];
    /** A sharded cluster's config server: EMBEDDED (default) or DEDICATED. */
    configServerType?: "EMBEDDED" | "DEDICATED";
    snapshots?: SeedClusterSnapshot[];
}

/** One Atlas project (group) and its deployments; names are unique across the three kinds, as in Atlas. */
export interface SeedProject {
    id: string;
    serverlessInstances?: SeedServerlessInstance[];
    flexClusters?: SeedFlexCluster[];
    clusters?: SeedCluster[];
}

/** Everything an emulator serves. */
export interface Seed {
    credentials: SeedCredentials;
    projects: SeedProject[];
    /** The Admin API's token buckets to enforce; omitted: none (see `EmulatorOptions.rateLimits`). */
    rateLimits?: RateLimitConfig;
}

/** A seed that cannot be used; the message names the source and the path of each bad value. */
export class SeedError extends Error {
    override readonly name = "SeedError";
}

const seedTime = z.string().refine(isSeedTime, { message: "expected an ISO 8601 date-time or now[+-]<n>m|h|d" });
const atlasId = z.string().regex(ATLAS_ID_PATTERN, { message: "expected 24 lowercase hexadecimal digits" });
const clusterName = z
    .string()
    .regex(CLUSTER_NAME_PATTERN, { message: `expected a name matching ${CLUSTER_NAME_PATTERN.source}` });
const projectList = z.array(atlasId).optional();

// The seed snapshot shapes reuse the provider's schemas so a seed can never hold a value Atlas would not send.
const seedServerlessSnapshot = serverlessSnapshotSchema
    .omit({ links: true })
    .extend({ id: atlasId, createdAt: seedTime.optional(), expiresAt: seedTime.optional() })
    .strict();
const seedFlexSnapshot = flexSnapshotSchema
    .omit({ links: true })
    .extend({
        id: atlasId,
        expiration: seedTime.optional(),
        finishTime: seedTime.optional(),
        scheduledTime: seedTime.optional(),
        startTime: seedTime.optional(),
    })
    .strict();

const seedClusterSnapshot = clusterSnapshotSchema
    .omit({ links: true, type: true, cloudProvider: true, replicaSetName: true })
    .extend({
        id: atlasId,
        status: z.enum(SERVERLESS_STATUSES).optional(),
        createdAt: seedTime.optional(),
        expiresAt: seedTime.optional(),
        startsAt: seedTime.optional(),
        completesAt: seedTime.optional(),
    })
    .strict();
const cloudProvider = z.enum(["AWS", "AZURE", "GCP"]);
const seedCluster = z
    .object({
        name: clusterName,
        type: z.enum(["replicaSet", "shardedCluster"]).optional(),
        replicaSetName: z.string().min(1).optional(),
        cloudProvider: cloudProvider.optional(),
        shards: z
            .array(z.object({ replicaSetName: z.string().min(1), cloudProvider: cloudProvider.optional() }).strict())
            .min(1)
            .optional(),
        configServerType: z.enum(["EMBEDDED", "DEDICATED"]).optional(),
        snapshots: z.array(seedClusterSnapshot).optional(),
    })
    .strict();

const seedProject = z
    .object({
        id: atlasId,
        serverlessInstances: z
            .array(z.object({ name: clusterName, snapshots: z.array(seedServerlessSnapshot).optional() }).strict())
            .optional(),
        flexClusters: z
            .array(
                z
                    .object({
                        name: clusterName,
                        migratedFromServerless: z.boolean().optional(),
                        snapshots: z.array(seedFlexSnapshot).optional(),
                    })
                    .strict(),
            )
            .optional(),
        clusters: z.array(seedCluster).optional(),
    })
    .strict()
    .superRefine((project, ctx) => {
        const kinds: [string, { name: string; snapshots?: { id: string }[] }[]][] = [
            ["serverlessInstances", project.serverlessInstances ?? []],
            ["flexClusters", project.flexClusters ?? []],
            ["clusters", project.clusters ?? []],
        ];
        const names = new Set<string>();
        for (const [kind, deployments] of kinds) {
            deployments.forEach((deployment, index) => {
                if (names.has(deployment.name)) {
                    ctx.addIssue({
                        code: "custom",
                        path: [kind, index, "name"],
                        message: `duplicate deployment name ${deployment.name} in project ${project.id}`,
                    });
                }
                names.add(deployment.name);
                const ids = new Set<string>();
                (deployment.snapshots ?? []).forEach((snapshot, snapshotIndex) => {
                    if (ids.has(snapshot.id)) {
                        ctx.addIssue({
                            code: "custom",
                            path: [kind, index, "snapshots", snapshotIndex, "id"],
                            message: `duplicate snapshot id ${snapshot.id}`,
                        });
                    }
                    ids.add(snapshot.id);
                });
            });
        }
    });

const seedSchema = z
    .object({
        credentials: z
            .object({
                serviceAccounts: z
                    .array(
                        z
                            .object({
                                clientId: z.string().min(1),
                                clientSecret: z.string().min(1),
                                projects: projectList,
                            })
                            .strict(),
                    )
                    .optional(),
                apiKeys: z
                    .array(
                        z
                            .object({
                                publicKey: z.string().min(1),
                                privateKey: z.string().min(1),
                                projects: projectList,
                            })
                            .strict(),
                    )
                    .optional(),
                tokenTtlSeconds: z.number().int().positive().optional(),
            })
            .strict(),
        projects: z.array(seedProject),
        rateLimits: z
            .object({
                capacity: z.number().int().positive(),
                refillRate: z.number().int().positive(),
                refillDurationSeconds: z.number().int().positive(),
                scope: z.enum(RATE_LIMIT_SCOPES).optional(),
                headers: z.boolean().optional(),
            })
            .strict()
            .optional(),
    })
    .strict()
    .superRefine((seed, ctx) => {
        const unique = (values: string[], what: string, path: (index: number) => (string | number)[]) => {
            const seen = new Set<string>();
            values.forEach((value, index) => {
                if (seen.has(value))
                    ctx.addIssue({ code: "custom", path: path(index), message: `duplicate ${what} ${value}` });
                seen.add(value);
            });
        };
        unique(
            seed.projects.map((p) => p.id),
            "project id",
            (i) => ["projects", i, "id"],
        );
        unique(
            (seed.credentials.serviceAccounts ?? []).map((a) => a.clientId),
            "clientId",
            (i) => ["credentials", "serviceAccounts", i, "clientId"],
        );
        unique(
            (seed.credentials.apiKeys ?? []).map((k) => k.publicKey),
            "publicKey",
            (i) => ["credentials", "apiKeys", i, "publicKey"],
        );
    });

// Compile-time proof that the schema and the documented interfaces describe the same thing.
const _seedSchemaMatchesSeed: z.ZodType<Seed> = seedSchema;
void _seedSchemaMatchesSeed;

/** Renders a zod issue path as `projects[0].flexClusters[1].name`. */
function formatPath(path: readonly PropertyKey[]): string {
    let out = "";
    for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
    return out === "" ? "(root)" : out;
}

/** Checks a value is a usable seed and returns it typed; throws {@link SeedError} naming `source` and each bad path. */
export function validateSeed(value: unknown, source = "seed"): Seed {
    const result = seedSchema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : "";
    throw new SeedError(`Invalid ${source}: ${problems.join("; ")}${more}`);
}

/** Reads and validates a JSON seed file; throws {@link SeedError} with a one-line reason. */
export function loadSeedFile(file: string): Seed {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        throw new SeedError(`Cannot read seed file ${file}: ${code}`);
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new SeedError(`Seed file ${file} is not valid JSON: ${(error as Error).message}`);
    }
    return validateSeed(value, `seed file ${file}`);
}
