// A misspelt argument under the real Pulumi CLI, with the package installed from `npm pack`: a JavaScript program
// and a Pulumi YAML program through the provider plugin both fail their preview naming it, and Atlas (the emulator)
// sees no request. Ignored, a misspelt `snapshotId` would read the newest snapshot instead of the one named.
import * as path from "path";
import { PulumiProgram } from "../helpers/pulumi";
import { MISSPELT_ARGUMENT_PROGRAM, MISSPELT_ARGUMENT_YAML_PROGRAM, SEED } from "./programs";
import { emulator, providerEnvironment, useEmulator } from "../helpers/emulatorFixture";

jest.setTimeout(240_000);

useEmulator({}, { clearBeforeEach: false });

/** The package's executables (the plugin) ahead of everything but the Pulumi CLI, as a global install puts them. */
function pathWithPlugin(): string {
    const bin = path.join(process.env.E2E_WORKSPACE as string, "node_modules", ".bin");
    return [process.env.E2E_PULUMI_BIN, bin, process.env.PATH].join(path.delimiter);
}

function expectNoStackTrace(text: string): void {
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}

test("a JavaScript program whose ServerlessBackupSnapshot misspells snapshotId fails its preview before any request", async () => {
    const program = await PulumiProgram.create("misspelt", MISSPELT_ARGUMENT_PROGRAM, {
        config: { "mongodbatlas:baseUrl": emulator.url, "mongodbatlas:clientId": SEED.clientId },
        secrets: { "mongodbatlas:clientSecret": SEED.clientSecret },
    });
    try {
        emulator.clearLog();
        const preview = await program.preview();

        const text = preview.stdout + preview.stderr;
        expect(preview.code).not.toBe(0);
        expect(text).toContain("Unknown argument snapshotID; did you mean snapshotId?");
        expectNoStackTrace(text);
        expect(emulator.requests()).toEqual([]);
    } finally {
        program.dispose();
    }
});

// Pulumi YAML checks the arguments against the schema but only warns (`snapshotID does not exist on Invoke …`) and
// passes them on: the plugin's refusal is what fails the preview.
test("a Pulumi YAML program calling the plugin's function with snapshotID fails its preview naming it", async () => {
    const program = await PulumiProgram.create("misspelt-yaml", MISSPELT_ARGUMENT_YAML_PROGRAM, {
        env: {
            PATH: pathWithPlugin(),
            ...providerEnvironment(),
        },
    });
    try {
        emulator.clearLog();
        const preview = await program.preview();

        const text = preview.stdout + preview.stderr;
        expect(preview.code).not.toBe(0);
        expect(text).toContain(
            "invocation of atlas-backup-snapshots:index:getServerlessBackupSnapshot returned an error: " +
                "Unknown argument snapshotID; did you mean snapshotId?",
        );
        expectNoStackTrace(text);
        expect(emulator.requests()).toEqual([]);
    } finally {
        program.dispose();
    }
});
