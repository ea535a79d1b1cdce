import eslint from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import tseslint from "typescript-eslint";

/**
 * The rooms of provider/ and emulator/, each with the rooms it may import besides itself (its README.md says the
 * same in words). Arrows run one way, from who runs the code down to what it stands on; anything else is an error.
 */
const ROOMS = {
    provider: {
        program: ["clusters", "snapshots", "atlas", "common"],
        dynamic: ["clusters", "snapshots", "atlas", "common"],
        plugin: ["clusters", "snapshots", "atlas", "common"],
        clusters: ["snapshots", "atlas", "common"],
        snapshots: ["atlas", "common"],
        atlas: ["common"],
        common: [],
    },
    emulator: {
        serving: ["control", "auth", "faults", "data", "http"],
        control: ["auth", "faults", "http"],
        auth: ["faults", "data", "http"],
        faults: ["http", "data"],
        data: [],
        http: [],
    },
};

/** `import/no-restricted-paths` zones: a room may import itself and the rooms it lists, nothing else of its house. */
const zones = Object.entries(ROOMS).flatMap(([house, rooms]) =>
    Object.entries(rooms).map(([room, below]) => ({
        target: `./${house}/${room}`,
        from: `./${house}`,
        except: [room, ...below].map((allowed) => `./${allowed}`),
        message: `${house}/${room}/ may import only ${[room, ...below].map((allowed) => `${allowed}/`).join(", ")}.`,
    })),
);

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "coverage/**", "reports/**", ".stryker-tmp/**", "**/*.js", "**/*.mjs"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        // The arrows between rooms, and between the library and the emulator, checked on every lint.
        files: ["provider/**/*.ts", "emulator/**/*.ts"],
        plugins: { import: importPlugin },
        settings: {
            "import/parsers": { "@typescript-eslint/parser": [".ts"] },
            "import/resolver": { node: { extensions: [".ts", ".js", ".json"] } },
        },
        rules: {
            "import/no-restricted-paths": [
                "error",
                {
                    zones: [
                        ...zones,
                        {
                            target: "./provider",
                            from: "./emulator",
                            message: "The library never imports the emulator.",
                        },
                        {
                            target: "./emulator",
                            from: "./provider",
                            except: ["./atlas/schemas.ts"],
                            message: "The emulator takes only the spec's types from the library.",
                        },
                    ],
                },
            ],
            "import/no-cycle": "error",
        },
    },
);
