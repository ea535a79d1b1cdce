// Reads a snapshot and exports its status; the policy pack in ./policy rejects the stack unless every exported
// `…SnapshotStatus` is completed.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();

const snapshot = new ServerlessBackupSnapshot("release-backup", {
    projectId: config.get("projectId") ?? "32b6e34b3d91647abb20e7b8",
    instanceName: config.get("instanceName") ?? "orders",
    snapshotId: config.get("snapshotId") ?? "5f4e3d2c1b0a998877665544",
});

export const releaseBackupSnapshotStatus = snapshot.status;
export const releaseBackupSnapshotId = snapshot.snapshotId;
