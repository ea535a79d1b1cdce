"""Every function of the atlas-backup-snapshots schema, plain and output forms, through the SDK generated from it.

Each result must have the SDK's types (the program fails otherwise) and is exported with the schema's names, for
the test to compare with what the TypeScript functions read from the same emulator. The ids are the emulator's
default seed.
"""

import pulumi
import pulumi_atlas_backup_snapshots as snapshots
from pulumi_atlas_backup_snapshots import outputs

project_id = pulumi.Config().require("projectId")


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


def plain(value):
    """A result as JSON with the schema's names; None (a field Atlas did not send) left out."""
    if isinstance(value, dict):
        return {camel(k): plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "__dict__"):
        return plain(vars(value))
    return value


def typed(snapshot, kind):
    """The snapshot, once its type and its fields' types are the SDK's."""
    assert isinstance(snapshot, kind), type(snapshot)
    for field in ("project_id", "instance_name", "snapshot_id", "source"):
        assert isinstance(getattr(snapshot, field), str), (field, getattr(snapshot, field))
    for field in ("status", "raw_status", "created_at", "expires_at", "mongod_version"):
        assert getattr(snapshot, field) is None or isinstance(getattr(snapshot, field), str), field
    assert snapshot.storage_size_bytes is None or type(snapshot.storage_size_bytes) is int, snapshot.storage_size_bytes
    for link in snapshot.links or []:
        assert isinstance(link, outputs.Link), type(link)
        assert isinstance(link.href, str) and isinstance(link.rel, str)
    return snapshot


def typed_list(result):
    assert isinstance(result, snapshots.GetServerlessBackupSnapshotsResult), type(result)
    assert type(result.total_count) is int, result.total_count
    assert isinstance(result.source, str)
    for snapshot in result.snapshots:
        typed(snapshot, outputs.Snapshot)
    return result


one = typed(
    snapshots.get_serverless_backup_snapshot(
        project_id=project_id,
        instance_name="orders",
        snapshot_id="5f4e3d2c1b0a998877665544",
        api="auto",
        # A list of statuses goes in a dict with the schema's names: the Python SDK cannot serialize a list where
        # an input class types a property as a string or a list.
        checks={"status": ["completed", "inProgress"], "minTimeToExpiry": "7d"},
    ),
    snapshots.GetServerlessBackupSnapshotResult,
)
newest = typed(
    snapshots.get_serverless_backup_snapshot(
        project_id=project_id,
        instance_name="orders",
        checks=snapshots.SnapshotChecks(status="completed", min_time_to_expiry="1d"),
    ),
    snapshots.GetServerlessBackupSnapshotResult,
)
flex = typed(
    snapshots.get_serverless_backup_snapshot(
        project_id=project_id, instance_name="payments", snapshot_id="6a6f78e0cab84da5c4476b25", api="flex"
    ),
    snapshots.GetServerlessBackupSnapshotResult,
)
listed = typed_list(
    snapshots.get_serverless_backup_snapshots(
        project_id=project_id,
        instance_name="orders",
        api="serverless",
        status=["completed", "inProgress"],
        max_age="3650d",
    )
)

# The output forms, with arguments that are outputs, one of them secret.
one_output = snapshots.get_serverless_backup_snapshot_output(
    project_id=pulumi.Output.secret(project_id),
    instance_name=pulumi.Output.from_input("orders"),
    snapshot_id="5f4e3d2c1b0a998877665544",
    checks=snapshots.SnapshotChecks(status="completed"),
)
listed_output = snapshots.get_serverless_backup_snapshots_output(
    project_id=project_id, instance_name=pulumi.Output.from_input("payments")
)

pulumi.export("one", plain(one))
pulumi.export("newest", plain(newest))
pulumi.export("flex", plain(flex))
pulumi.export("listed", plain(listed))
pulumi.export(
    "oneOutput", one_output.apply(lambda result: plain(typed(result, snapshots.GetServerlessBackupSnapshotResult)))
)
pulumi.export("listedOutput", listed_output.apply(lambda result: plain(typed_list(result))))


# Dedicated clusters: a replica set's newest completed snapshot, a sharded cluster's by id with its members, the
# list, and the output forms.
def typed_cluster(snapshot, kind):
    """A dedicated cluster's snapshot, once its type and its fields' types are the SDK's."""
    assert isinstance(snapshot, kind), type(snapshot)
    for field in ("project_id", "cluster_name", "snapshot_id"):
        assert isinstance(getattr(snapshot, field), str), (field, getattr(snapshot, field))
    assert snapshot.storage_size_bytes is None or type(snapshot.storage_size_bytes) is int, snapshot.storage_size_bytes
    for member in snapshot.members or []:
        assert isinstance(member, outputs.ShardedSnapshotMember), type(member)
    return snapshot


cluster_newest = typed_cluster(
    snapshots.get_cloud_backup_snapshot(
        project_id=project_id,
        cluster_name="analytics",
        checks=snapshots.SnapshotChecks(status="completed", max_age="1d"),
    ),
    snapshots.GetCloudBackupSnapshotResult,
)
cluster_sharded = typed_cluster(
    snapshots.get_cloud_backup_snapshot(
        project_id=project_id, cluster_name="ledger", snapshot_id="6b2c1e0a9f3d4b5a6c7d8f10"
    ),
    snapshots.GetCloudBackupSnapshotResult,
)
cluster_listed = snapshots.get_cloud_backup_snapshots(project_id=project_id, cluster_name="analytics", status="completed")
assert type(cluster_listed.total_count) is int
for listed_snapshot in cluster_listed.snapshots:
    typed_cluster(listed_snapshot, outputs.CloudBackupSnapshot)
cluster_output = snapshots.get_cloud_backup_snapshot_output(
    project_id=project_id, cluster_name=pulumi.Output.secret("ledger"), snapshot_id="6b2c1e0a9f3d4b5a6c7d8f10"
)
cluster_listed_output = snapshots.get_cloud_backup_snapshots_output(
    project_id=project_id, cluster_name=pulumi.Output.from_input("ledger")
)

pulumi.export("clusterNewest", plain(cluster_newest))
pulumi.export("clusterSharded", plain(cluster_sharded))
pulumi.export("clusterListed", plain(cluster_listed))
pulumi.export(
    "clusterOutput",
    cluster_output.apply(lambda result: plain(typed_cluster(result, snapshots.GetCloudBackupSnapshotResult))),
)
pulumi.export("clusterListedOutput", cluster_listed_output.apply(plain))
