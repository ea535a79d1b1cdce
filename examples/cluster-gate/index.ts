// A risky change to a production cluster gated on a fresh backup of it: the preview fails, and nothing is
// applied, unless the newest completed Cloud Backup snapshot of the dedicated cluster is younger than a day.
import * as pulumi from "@pulumi/pulumi";
import { CloudBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();

const backup = new CloudBackupSnapshot("backup-before-change", {
    projectId: config.get("projectId") ?? "32b6e34b3d91647abb20e7b8",
    clusterName: config.get("clusterName") ?? "analytics",
    checks: { status: "completed", maxAge: "1d" },
});

// Stands for the risky change; it depends on the backup, so it is never reached when the gate fails.
class ClusterChange extends pulumi.dynamic.Resource {
    declare readonly appliedWithBackup: pulumi.Output<string>;
    constructor(
        name: string,
        props: { change: string; backupId: pulumi.Input<string> },
        opts: pulumi.CustomResourceOptions,
    ) {
        super(
            {
                async create(inputs) {
                    return { id: `change-${inputs.change}`, outs: { ...inputs, appliedWithBackup: inputs.backupId } };
                },
            },
            name,
            { ...props, appliedWithBackup: undefined },
            opts,
        );
    }
}

const change = new ClusterChange(
    "resize-to-m40",
    { change: "m40", backupId: backup.snapshotId },
    { dependsOn: [backup] },
);

export const backupId = backup.snapshotId;
export const backupType = backup.type;
export const backupTakenAt = backup.createdAt;
export const backupSizeBytes = backup.storageSizeBytes;
export const changedWithBackup = change.appliedWithBackup;
