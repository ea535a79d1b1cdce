// The provider the engine calls. Pulumi serializes this object into the state of every resource, so it
// holds nothing but calls into the installed package: the client, its dependencies and any credential
// stay out of the state.
import type * as pulumi from "@pulumi/pulumi";

/** The read-only provider behind `ServerlessBackupSnapshot`: every resource is a read step. */
export const snapshotProvider: pulumi.dynamic.ResourceProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        require("pulumi-atlas-backup-snapshots/runtime").configure(req.config);
    },
    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
        return require("pulumi-atlas-backup-snapshots/runtime").read(id, props);
    },
    async create(): Promise<pulumi.dynamic.CreateResult> {
        // Resources are constructed with an id, so the engine reads them and never asks to create one.
        throw new Error("ServerlessBackupSnapshot is read-only: it reads a snapshot and never creates one in Atlas.");
    },
};

/** The read-only provider behind `ServerlessBackupSnapshots`. */
export const snapshotListProvider: pulumi.dynamic.ResourceProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        require("pulumi-atlas-backup-snapshots/runtime").configure(req.config);
    },
    async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
        return require("pulumi-atlas-backup-snapshots/runtime").readList(id, props);
    },
    async create(): Promise<pulumi.dynamic.CreateResult> {
        throw new Error("ServerlessBackupSnapshots is read-only: it lists snapshots and never creates one in Atlas.");
    },
};
