/** Jest runs every suite in tests/: unit, integration (emulator over HTTP) and end-to-end (real Pulumi CLI). */
module.exports = {
    preset: "ts-jest",
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.test.ts"],
    testTimeout: 30000,
    globalSetup: "<rootDir>/tests/helpers/globalSetup.ts",
    reporters: ["default", "<rootDir>/tests/helpers/summaryReporter.js"],
    transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};
