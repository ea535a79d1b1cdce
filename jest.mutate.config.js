/**
 * The suites Stryker runs against each mutant: unit and integration (the client against the emulator over HTTP).
 * No globalSetup, since these suites need neither the packed package nor the Pulumi CLI; ts-jest only transpiles,
 * because Stryker's TypeScript checker already rejects mutants that do not compile.
 */
const base = require("./jest.config.js");
const { compilerOptions } = require("./tsconfig.json");

module.exports = {
    preset: base.preset,
    testEnvironment: base.testEnvironment,
    testTimeout: base.testTimeout,
    roots: ["<rootDir>/tests/unit", "<rootDir>/tests/integration"],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: { ...compilerOptions, isolatedModules: true } }] },
};
