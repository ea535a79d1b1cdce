// One process of the rate-limit load: reads the given Flex snapshots at once through its own AtlasClient (the
// compiled one, as a provider process loads it) and prints one JSON line: the snapshots read or the error.
//
//   node rateLimitedReader.js <baseUrl> <projectId> <clusterName> <snapshotId>...
// Credentials come from MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET.
const { AtlasClient } = require("../../dist/provider/atlas/client");
const { resolveSettings } = require("../../dist/provider/atlas/settings");

async function main() {
    const [baseUrl, projectId, clusterName, ...snapshotIds] = process.argv.slice(2);
    const waits = [];
    const client = new AtlasClient(
        resolveSettings(undefined, { ...process.env, MONGODB_ATLAS_BASE_URL: baseUrl }),
        {},
        { onWait: (wait) => waits.push(wait.waitMs) },
    );
    try {
        const answers = await Promise.all(
            snapshotIds.map((id) => client.getSnapshot("flex", projectId, clusterName, id)),
        );
        process.stdout.write(`${JSON.stringify({ read: answers.map((a) => a.snapshot.id), waits })}\n`);
    } catch (error) {
        process.stdout.write(`${JSON.stringify({ error: String(error && error.message), waits })}\n`);
        process.exitCode = 1;
    }
}

void main();
