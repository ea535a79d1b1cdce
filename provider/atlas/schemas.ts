// The Atlas Admin API v2 shapes this package reads, declared once from the published OpenAPI spec.
// The client checks every answer against them; the emulator's conformance tests check every body it serves.
import { z } from "zod";

import {
    ATLAS_ID_PATTERN,
    CLUSTER_FREQUENCY_TYPES,
    CLUSTER_NAME_PATTERN,
    CLUSTER_SNAPSHOT_TYPES,
    FLEX_STATUSES,
    FREQUENCY_TYPES,
    SERVERLESS_STATUSES,
    SNAPSHOT_TYPES,
} from "./vocabulary";

export {
    ATLAS_ID_PATTERN,
    CLUSTER_FREQUENCY_TYPES,
    CLUSTER_NAME_PATTERN,
    CLUSTER_SNAPSHOT_TYPES,
    FLEX_STATUSES,
    FREQUENCY_TYPES,
    SERVERLESS_STATUSES,
    SNAPSHOT_TYPES,
};
export type { FlexSnapshotStatus, FrequencyType, ServerlessSnapshotStatus, SnapshotType } from "./vocabulary";

const dateTime = z.iso.datetime({ offset: true });

/**
 * A field the spec gives an enum that real answers break (`frequencyType: "ondemand"`): any string is read, and
 * the words the spec lists are only what the documentation names.
 */
const openWord = z.string();

/** `Link`: a related resource. */
export const linkSchema = z.object({ href: z.string().optional(), rel: z.string().optional() });
export type Link = z.infer<typeof linkSchema>;

/** `ServerlessBackupSnapshot` (version 2023-01-01): every field is optional in the spec. */
export const serverlessSnapshotSchema = z.object({
    id: z.string().regex(ATLAS_ID_PATTERN).optional(),
    createdAt: dateTime.optional(),
    expiresAt: dateTime.optional(),
    frequencyType: openWord.optional(),
    links: z.array(linkSchema).optional(),
    mongodVersion: z.string().optional(),
    serverlessInstanceName: z.string().optional(),
    snapshotType: openWord.optional(),
    status: z.enum(SERVERLESS_STATUSES).optional(),
    storageSizeBytes: z.number().int().nonnegative().optional(),
});
export type ServerlessSnapshot = z.infer<typeof serverlessSnapshotSchema>;

/** `FlexBackupSnapshot20241113` (version 2024-11-13): no size, type or frequency. */
export const flexSnapshotSchema = z.object({
    id: z.string().regex(ATLAS_ID_PATTERN).optional(),
    expiration: dateTime.optional(),
    finishTime: dateTime.optional(),
    links: z.array(linkSchema).optional(),
    mongoDBVersion: z.string().optional(),
    scheduledTime: dateTime.optional(),
    startTime: dateTime.optional(),
    status: z.enum(FLEX_STATUSES).optional(),
});
export type FlexSnapshot = z.infer<typeof flexSnapshotSchema>;

/**
 * The fields every dedicated cluster's snapshot has (`DiskBackupReplicaSet` and `DiskBackupShardedClusterSnapshot`,
 * version 2023-01-01), all optional. `status` is read as any string too: the cluster API's words are the serverless
 * ones, and a word Atlas adds one day must not fail a read that does not check it.
 */
const clusterSnapshotFields = {
    id: z.string().regex(ATLAS_ID_PATTERN).optional(),
    createdAt: dateTime.optional(),
    expiresAt: dateTime.optional(),
    description: z.string().optional(),
    frequencyType: openWord.optional(),
    links: z.array(linkSchema).optional(),
    masterKeyUUID: z.string().optional(),
    mongodVersion: z.string().optional(),
    policyItems: z.array(z.string()).optional(),
    snapshotType: openWord.optional(),
    status: openWord.optional(),
    storageSizeBytes: z.number().int().nonnegative().optional(),
    type: openWord.optional(),
};

/**
 * `DiskBackupReplicaSet`: a replica set's snapshot, and what the replica-set routes answer for a sharded cluster's
 * too (with `type: "shardedCluster"`).
 */
export const clusterSnapshotSchema = z.object({
    ...clusterSnapshotFields,
    cloudProvider: openWord.optional(),
    copyRegions: z.array(z.string()).optional(),
    replicaSetName: z.string().optional(),
});
export type ClusterSnapshot = z.infer<typeof clusterSnapshotSchema>;

/** `DiskBackupShardedClusterSnapshotMember`: one shard's (or the config server's) part of a sharded snapshot. */
export const shardedSnapshotMemberSchema = z.object({
    cloudProvider: openWord,
    id: z.string(),
    replicaSetName: z.string(),
});
export type ShardedSnapshotMember = z.infer<typeof shardedSnapshotMemberSchema>;

/** `DiskBackupShardedClusterSnapshot`: a sharded cluster's snapshot with its members. */
export const shardedClusterSnapshotSchema = z.object({
    ...clusterSnapshotFields,
    configServerType: openWord.optional(),
    members: z.array(shardedSnapshotMemberSchema).optional(),
    snapshotIds: z.array(z.string()).optional(),
});
export type ShardedClusterSnapshot = z.infer<typeof shardedClusterSnapshotSchema>;

/** A paginated list of one of the snapshot shapes: `results` is required, `totalCount` absent when not asked for. */
export function paginatedSchema<T extends z.ZodTypeAny>(item: T) {
    return z.object({
        links: z.array(linkSchema).optional(),
        results: z.array(item),
        totalCount: z.number().int().nonnegative().optional(),
    });
}
export const serverlessSnapshotPageSchema = paginatedSchema(serverlessSnapshotSchema);
export const flexSnapshotPageSchema = paginatedSchema(flexSnapshotSchema);
export const clusterSnapshotPageSchema = paginatedSchema(clusterSnapshotSchema);
export const shardedClusterSnapshotPageSchema = paginatedSchema(shardedClusterSnapshotSchema);
export type Page<T> = { links?: Link[]; results: T[]; totalCount?: number };

/** `ApiError`: the body of every error answer; the code is also sent as the `X-Error-Code` header. */
export const apiErrorSchema = z.object({
    error: z.number().int(),
    errorCode: z.string(),
    detail: z.string().nullable().optional(),
    reason: z.string().nullable().optional(),
    parameters: z.array(z.unknown()).optional(),
    badRequestDetail: z
        .object({ fields: z.array(z.object({ description: z.string(), field: z.string() })).optional() })
        .nullable()
        .optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * An error body as the client reads it: `ApiError`'s fields, each optional and checked alone, since Atlas's digest
 * challenge answers `{error, reason, detail}` without the `errorCode` the spec requires.
 */
export const errorBodySchema = z.object({
    error: z.number().int().optional().catch(undefined),
    errorCode: z.string().optional().catch(undefined),
    detail: z.string().nullable().optional().catch(undefined),
    reason: z.string().nullable().optional().catch(undefined),
    parameters: z.array(z.unknown()).optional().catch(undefined),
});

/** The OAuth client-credentials token answer. */
export const tokenResponseSchema = z.object({
    access_token: z.string().min(1),
    token_type: z.string(),
    expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
