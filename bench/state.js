// What the snapshots add to the state: `pulumi stack export` after `pulumi up`, per snapshot and in parts.

const SNAPSHOT_TYPE = "pulumi-nodejs:dynamic/atlas:ServerlessBackupSnapshot";

/**
 * Sizes in bytes from an exported deployment of `count` snapshots: the whole export (pretty-printed) over
 * `count`, the stored checkpoint (compact JSON) over `count`, one snapshot resource as compact JSON, and its
 * serialized provider (`outputs.__provider`; the inputs hold the same string again).
 */
function stateSizes(exported, checkpointBytes, count) {
    const deployment = JSON.parse(exported).deployment;
    const snapshots = (deployment.resources ?? []).filter((resource) => resource.type === SNAPSHOT_TYPE);
    if (snapshots.length !== count) {
        throw new Error(`the state holds ${snapshots.length} snapshots, expected ${count}`);
    }
    const one = snapshots[0];
    return {
        exportBytes: Buffer.byteLength(exported),
        perSnapshot: Buffer.byteLength(exported) / count,
        checkpointBytes,
        storedPerSnapshot: checkpointBytes / count,
        oneResource: Buffer.byteLength(JSON.stringify(one)),
        provider: Buffer.byteLength(one.outputs?.__provider ?? ""),
        providerInInputs: one.inputs?.__provider === one.outputs?.__provider,
    };
}

module.exports = { stateSizes };
