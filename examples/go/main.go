// One Atlas backup snapshot's status, expiry and size as stack outputs, through the SDK generated from the
// atlas-backup-snapshots provider plugin's schema. A failed check fails the read, and so the preview.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	snapshots "pulumi-atlas-backup-snapshots.local/sdk/go/atlasbackupsnapshots"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		projectID := cfg.Require("projectId")
		instanceName := cfg.Require("instanceName")

		snapshot, err := snapshots.GetServerlessBackupSnapshot(ctx, &snapshots.GetServerlessBackupSnapshotArgs{
			ProjectId:    projectID,
			InstanceName: instanceName,
			SnapshotId:   pulumi.StringRef(cfg.Require("snapshotId")),
			Checks: &snapshots.SnapshotChecks{
				Status:          "completed",
				MinTimeToExpiry: pulumi.StringRef(cfg.Require("minTimeToExpiry")),
			},
		})
		if err != nil {
			return err
		}

		// Every completed snapshot of the instance, newest first.
		completed, err := snapshots.GetServerlessBackupSnapshots(ctx, &snapshots.GetServerlessBackupSnapshotsArgs{
			ProjectId:    projectID,
			InstanceName: instanceName,
			Status:       "completed",
		})
		if err != nil {
			return err
		}

		ctx.Export("status", pulumi.StringPtrFromPtr(snapshot.Status))
		ctx.Export("expiresAt", pulumi.StringPtrFromPtr(snapshot.ExpiresAt))
		ctx.Export("storageSizeBytes", pulumi.IntPtrFromPtr(snapshot.StorageSizeBytes))
		ctx.Export("source", pulumi.String(snapshot.Source))
		if len(completed.Snapshots) > 0 {
			ctx.Export("newestCompleted", pulumi.String(completed.Snapshots[0].SnapshotId))
		}
		ctx.Export("snapshotCount", pulumi.Int(completed.TotalCount))
		return nil
	})
}
