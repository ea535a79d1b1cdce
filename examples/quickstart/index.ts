// One snapshot's status, expiry and size as stack outputs, checked during preview.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();

const nightly = new ServerlessBackupSnapshot("nightly", {
    projectId: config.get("projectId") ?? "32b6e34b3d91647abb20e7b8",
    instanceName: config.get("instanceName") ?? "orders",
    snapshotId: config.get("snapshotId") ?? "5f4e3d2c1b0a998877665544",
    checks: { status: "completed", minTimeToExpiry: "7d" },
});

export const status = nightly.status;
export const expiresAt = nightly.expiresAt;
export const storageSizeBytes = nightly.storageSizeBytes;
export const source = nightly.source;
