// The package's `./runtime` export, which every state's `__provider` requires by name
// (`require("pulumi-atlas-backup-snapshots/runtime")`, see program/dynamicProvider.ts), states written by 0.1.0
// included: so this path stays, whatever room the dynamic providers live in.
export { configure, phaseOf, read, readList, snapshotProvider, snapshotListProvider } from "./dynamic/providers";
export { clusterSnapshotProvider, clusterSnapshotListProvider } from "./dynamic/clusterProviders";
