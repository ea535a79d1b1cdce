"""One Atlas backup snapshot's status, expiry and size as stack outputs, through the SDK generated from the
atlas-backup-snapshots provider plugin's schema. A failed check fails the read, and so the preview."""

import pulumi
import pulumi_atlas_backup_snapshots as snapshots

config = pulumi.Config()
project_id = config.require("projectId")
instance_name = config.require("instanceName")

snapshot = snapshots.get_serverless_backup_snapshot(
    project_id=project_id,
    instance_name=instance_name,
    snapshot_id=config.require("snapshotId"),
    checks=snapshots.SnapshotChecks(status="completed", min_time_to_expiry=config.require("minTimeToExpiry")),
)

# Every completed snapshot of the instance, newest first.
completed = snapshots.get_serverless_backup_snapshots(
    project_id=project_id,
    instance_name=instance_name,
    status="completed",
)

pulumi.export("status", snapshot.status)
pulumi.export("expiresAt", snapshot.expires_at)
pulumi.export("storageSizeBytes", snapshot.storage_size_bytes)
pulumi.export("source", snapshot.source)
if completed.snapshots:
    pulumi.export("newestCompleted", completed.snapshots[0].snapshot_id)
pulumi.export("snapshotCount", completed.total_count)
