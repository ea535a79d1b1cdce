// A risky change (a schema migration) gated on a fresh backup: the preview fails, and nothing is applied,
// unless the newest completed snapshot is younger than a day and kept for at least a week more.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessBackupSnapshot } from "pulumi-atlas-backup-snapshots";

const config = new pulumi.Config();

const backup = new ServerlessBackupSnapshot("backup-before-migration", {
    projectId: config.get("projectId") ?? "32b6e34b3d91647abb20e7b8",
    instanceName: config.get("instanceName") ?? "orders",
    checks: { status: "completed", maxAge: "1d", minTimeToExpiry: "7d" },
});

// Stands for the risky change; it depends on the backup, so it is never reached when the gate fails.
class SchemaMigration extends pulumi.dynamic.Resource {
    declare readonly appliedWithBackup: pulumi.Output<string>;
    constructor(
        name: string,
        props: { version: string; backupId: pulumi.Input<string> },
        opts: pulumi.CustomResourceOptions,
    ) {
        super(
            {
                async create(inputs) {
                    return {
                        id: `migration-${inputs.version}`,
                        outs: { ...inputs, appliedWithBackup: inputs.backupId },
                    };
                },
            },
            name,
            { ...props, appliedWithBackup: undefined },
            opts,
        );
    }
}

const migration = new SchemaMigration(
    "orders-schema-v42",
    { version: "42", backupId: backup.snapshotId },
    { dependsOn: [backup] },
);

export const backupId = backup.snapshotId;
export const backupTakenAt = backup.createdAt;
export const backupExpiresAt = backup.expiresAt;
export const migratedWithBackup = migration.appliedWithBackup;
