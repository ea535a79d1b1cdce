// The emulator's public API: what `import … from "<package>/emulator"` gives tests, demos and users.
export { startEmulator, DEFAULT_OPTIONS, type AtlasEmulator, type EmulatorOptions } from "./serving/server";
export { defaultSeed } from "./data/defaultSeed";
export {
    loadSeedFile,
    validateSeed,
    SeedError,
    type Seed,
    type SeedApiKey,
    type SeedCluster,
    type SeedCredentials,
    type SeedFlexCluster,
    type SeedFlexSnapshot,
    type SeedProject,
    type SeedServerlessInstance,
    type SeedServerlessSnapshot,
    type SeedServiceAccount,
} from "./data/seed";
export { FAULT_KINDS, type FaultRule } from "./faults/faults";
export type { RequestLogEntry } from "./control/requestLog";
export type { RouteName } from "./http/routes";
export type { SunsetMode } from "./faults/sunset";
export type { DigestAlgorithm } from "./auth/digestAuth";
export type { AuthScheme } from "./auth/authentication";
export type { RateLimitConfig, RateLimitScope } from "./faults/rateLimit";
