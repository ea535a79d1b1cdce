// Reads the newest completed snapshot of `legacy` with api "auto": the Flex endpoint first, the serverless one
// when Flex says it is not a Flex cluster. The program does not change when the instance migrates; `source` does.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();

const snapshot = new ServerlessBackupSnapshot("legacy-backup", {
    projectId: config.get("projectId") ?? "32b6e34b3d91647abb20e7b8",
    instanceName: config.get("instanceName") ?? "legacy",
    api: "auto",
});

export const source = snapshot.source;
export const snapshotId = snapshot.snapshotId;
export const status = snapshot.status;
export const rawStatus = snapshot.rawStatus;
export const expiresAt = snapshot.expiresAt;
