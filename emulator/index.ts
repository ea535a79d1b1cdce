// The emulator's public API: what `import … from "<package>/emulator"` gives tests, demos and users.
export { startEmulator, DEFAULT_OPTIONS, type AtlasEmulator, type EmulatorOptions } from "./server";
export { defaultSeed } from "./defaultSeed";
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
} from "./seed";
export { FAULT_KINDS, type FaultRule } from "./faults";
export type { RequestLogEntry } from "./requestLog";
export type { RouteName } from "./routes";
export type { SunsetMode } from "./sunset";
export type { RateLimitConfig, RateLimitScope } from "./rateLimit";
export type { DigestAlgorithm } from "./digestAuth";
export type { AuthScheme } from "./authentication";
