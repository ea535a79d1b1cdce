// The providers the engine calls. Pulumi serializes each into the state of every resource (twice: inputs and
// outputs), so their methods hold nothing but a call into the installed package's runtime: the client, its
// dependencies and any credential stay out of the state, and each resource carries a few hundred bytes of code.
// Comments stay outside the method bodies, which are serialized as written. There is no `create`: the resources
// are constructed with an id, so the engine only ever reads them (and a missing method costs nothing in the state).
import type * as pulumi from "@pulumi/pulumi";

/** A provider whose engine calls are only `configure` and `read`. */
type ReadOnlyProvider = Pick<pulumi.dynamic.ResourceProvider, "configure" | "read">;

/** The read-only provider behind `ServerlessBackupSnapshot`. */
export const snapshotProvider: ReadOnlyProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        require("pulumi-atlas-backup-snapshots/runtime").configure(req.config);
    },
    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
        return require("pulumi-atlas-backup-snapshots/runtime").read(id, props);
    },
};

/** The read-only provider behind `ServerlessBackupSnapshots`. */
export const snapshotListProvider: ReadOnlyProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        require("pulumi-atlas-backup-snapshots/runtime").configure(req.config);
    },
    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
        return require("pulumi-atlas-backup-snapshots/runtime").readList(id, props);
    },
};
