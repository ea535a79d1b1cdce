// The provider plugin's entry point: `bin/pulumi-resource-atlas-backup-snapshots` calls `serve` with the
// arguments the engine started it with, and Pulumi's provider host speaks gRPC to the engine.
import { main } from "@pulumi/pulumi/provider";
import { AtlasBackupSnapshotsProvider } from "./provider";

/** Serves the plugin until the engine stops it; the engine passes its own address in `args`. */
export function serve(args: string[]): Promise<void> {
    return main(new AtlasBackupSnapshotsProvider(), args);
}
