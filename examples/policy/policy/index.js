// Rejects a stack whose backup snapshot outputs are not completed. A read resource (which ServerlessBackupSnapshot
// is) reaches neither resource policies (they see only the inputs the program passed) nor, in a preview, the
// stack's resource list; the stack's outputs do reach stack policies, so the program exports each status it relies
// on as an output named `…SnapshotStatus`, and this policy checks those.
const { PolicyPack } = require("@pulumi/policy");

const SNAPSHOT_TYPE = "pulumi-nodejs:dynamic/atlas:ServerlessBackupSnapshot";

new PolicyPack("atlas-snapshots", {
    policies: [
        {
            name: "snapshots-completed",
            description: "Every backup snapshot status the stack exports must be completed.",
            enforcementLevel: "mandatory",
            validateStack: (stack, reportViolation) => {
                for (const resource of stack.resources) {
                    if (resource.type === "pulumi:pulumi:Stack") {
                        for (const [name, value] of Object.entries(resource.props)) {
                            if (/SnapshotStatus$/.test(name) && value !== "completed") {
                                reportViolation(`Stack output ${name} is ${value ?? "unknown"}, not completed.`);
                            }
                        }
                    } else if (resource.type === SNAPSHOT_TYPE && resource.props.status !== "completed") {
                        reportViolation(
                            `Snapshot ${resource.props.snapshotId} of "${resource.props.instanceName}" is ` +
                                `${resource.props.status ?? "of unknown status"}, not completed.`,
                            resource.urn,
                        );
                    }
                }
            },
        },
    ],
});
