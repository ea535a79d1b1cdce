// The provider plugin `atlas-backup-snapshots`: what the engine calls for programs in any language. A thin
// adapter: the schema says what it serves, the function table does the work through the library's reads.
import { readFileSync } from "fs";
import type { InvokeResult, Provider } from "@pulumi/pulumi/provider";
import { rethrowForEngine } from "../common/engineErrors";
import { FUNCTIONS, PACKAGE_NAME } from "./functions";
import schemaDocument from "./schema.json";

/** The installed package's version, which the plugin reports to the engine and stamps on its schema. */
export function packageVersion(): string {
    // Resolved through the package's own name so the answer is the same from source and from `dist/`.
    const manifest = require.resolve("pulumi-atlas-backup-snapshots/package.json");
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** The schema `pulumi package get-schema` prints and SDK generators read, stamped with the package's version. */
export function schemaText(version = packageVersion()): string {
    return JSON.stringify({ ...schemaDocument, version });
}

/** The plugin's provider: it serves the schema and invokes; it has no resources to create. */
export class AtlasBackupSnapshotsProvider implements Provider {
    /** The version the engine sees in the plugin's info. */
    readonly version = packageVersion();

    /** The JSON schema, served as it is. */
    readonly schema = schemaText(this.version);

    /** Runs the function named by `token`; its errors reach the engine with their message and no stack. */
    async invoke(token: string, inputs: Record<string, unknown>): Promise<InvokeResult> {
        const fn = FUNCTIONS[token];
        if (!fn) {
            throw new Error(
                `Unknown function ${token}: the ${PACKAGE_NAME} provider ${this.version} serves ` +
                    `${Object.keys(FUNCTIONS).join(", ")}. Generate the SDK again from this version's schema ` +
                    "(pulumi package gen-sdk), or install the package version the SDK was made from.",
            );
        }
        try {
            return { outputs: await fn(inputs ?? {}) };
        } catch (error) {
            rethrowForEngine(error);
        }
    }
}
