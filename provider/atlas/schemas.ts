// The Atlas Admin API v2 shapes this package reads, declared once from the published OpenAPI spec.
// The client checks every answer against them; the emulator's conformance tests check every body it serves.
import { z } from "zod";

import {
    ATLAS_ID_PATTERN,
    CLUSTER_NAME_PATTERN,
    FLEX_STATUSES,
    FREQUENCY_TYPES,
    SERVERLESS_STATUSES,
    SNAPSHOT_TYPES,
} from "./vocabulary";

export { ATLAS_ID_PATTERN, CLUSTER_NAME_PATTERN, FLEX_STATUSES, FREQUENCY_TYPES, SERVERLESS_STATUSES, SNAPSHOT_TYPES };
export type { FlexSnapshotStatus, FrequencyType, ServerlessSnapshotStatus, SnapshotType } from "./vocabulary";

const dateTime = z.iso.datetime({ offset: true });

/** `Link`: a related resource. */
export const linkSchema = z.object({ href: z.string().optional(), rel: z.string().optional() });
export type Link = z.infer<typeof linkSchema>;

/** `ServerlessBackupSnapshot` (version 2023-01-01): every field is optional in the spec. */
export const serverlessSnapshotSchema = z.object({
    id: z.string().regex(ATLAS_ID_PATTERN).optional(),
    createdAt: dateTime.optional(),
    expiresAt: dateTime.optional(),
    frequencyType: z.enum(FREQUENCY_TYPES).optional(),
    links: z.array(linkSchema).optional(),
    mongodVersion: z.string().optional(),
    serverlessInstanceName: z.string().optional(),
    snapshotType: z.enum(SNAPSHOT_TYPES).optional(),
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
