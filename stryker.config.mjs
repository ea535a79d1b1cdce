// Mutation testing of the library: `npm run mutate`. Each mutant of provider/ must make a unit or integration
// test fail; the reports land in reports/mutation/ (git-ignored).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    mutate: ["provider/**/*.ts"],
    testRunner: "jest",
    jest: { projectType: "custom", configFile: "jest.mutate.config.js", enableFindRelatedTests: true },
    // Mutants that do not compile are discarded before any test runs. The checker compiles the library, the emulator
    // and these suites only, so the end-to-end suites and examples neither slow it down nor stop it.
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.mutate.json",
    coverageAnalysis: "perTest",
    // The machine has two cores; one test runner and one checker keep it usable.
    concurrency: 1,
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: "reports/mutation/index.html" },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    tempDirName: ".stryker-tmp",
    ignorePatterns: ["dist", "reports", ".demo", "bench/results"],
    cleanTempDir: "always",
};
