// The newest completed snapshot of an instance feeds a restore plan: when a newer snapshot completes, the
// preview shows the plan changing before anything is applied.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";
import { RestorePlan } from "./restorePlan";

const config = new pulumi.Config();
const projectId = config.get("projectId") ?? "32b6e34b3d91647abb20e7b8";
const instanceName = config.get("instanceName") ?? "orders";

// No snapshotId: the newest snapshot whose status is completed.
const newest = new ServerlessBackupSnapshot("newest", { projectId, instanceName });

const plan = new RestorePlan("restore-plan", {
    path: path.join(process.cwd(), "restore-plan.json"),
    projectId,
    instanceName,
    snapshotId: newest.snapshotId,
    takenAt: newest.createdAt,
    expiresAt: newest.expiresAt,
});

export const restoreFrom = plan.snapshotId;
export const planFile = plan.path;
