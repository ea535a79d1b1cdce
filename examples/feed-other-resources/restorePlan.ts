// A small resource that writes a restore plan to a JSON file: it stands for anything that consumes a snapshot.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

/** What the plan records. */
export interface RestorePlanArgs {
    path: pulumi.Input<string>;
    projectId: pulumi.Input<string>;
    instanceName: pulumi.Input<string>;
    snapshotId: pulumi.Input<string>;
    takenAt: pulumi.Input<string | undefined>;
    expiresAt: pulumi.Input<string | undefined>;
}

const planProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs) {
        fs.writeFileSync(inputs.path, JSON.stringify({ restoreFrom: inputs }, null, 2));
        return { id: inputs.path, outs: inputs };
    },
    async diff(_id, olds, news) {
        const changed = ["snapshotId", "takenAt", "expiresAt", "path"].filter((key) => olds[key] !== news[key]);
        return { changes: changed.length > 0, replaces: changed.includes("path") ? ["path"] : [] };
    },
    async update(_id, _olds, news) {
        fs.writeFileSync(news.path, JSON.stringify({ restoreFrom: news }, null, 2));
        return { outs: news };
    },
    async delete(_id, props) {
        fs.rmSync(props.path, { force: true });
    },
};

/** A restore plan written to `path`, rewritten whenever the snapshot it names changes. */
export class RestorePlan extends pulumi.dynamic.Resource {
    declare readonly snapshotId: pulumi.Output<string>;
    declare readonly path: pulumi.Output<string>;

    constructor(name: string, args: RestorePlanArgs, opts?: pulumi.CustomResourceOptions) {
        super(planProvider, name, args, opts);
    }
}
