// A family of snapshots: how its answers become the one model. The read machinery (phases, newest, lists,
// waiting) asks the family of the read it runs and knows no family's shapes; serverless instances and Flex clusters
// are the family here, dedicated clusters have theirs in clusters/.
import type { AtlasClient, SnapshotAnswer, SnapshotListAnswer } from "../atlas/client";
import { fromFlex, fromServerless } from "./mapping";
import type { SnapshotKey } from "./mapping";
import type { SnapshotOutputs } from "./outputs";

/** How one family's answers become outputs, asking Atlas for more when the family needs it. */
export interface SnapshotFamily {
    /** One snapshot's answer, mapped. */
    mapOne(client: AtlasClient, key: SnapshotKey, answer: SnapshotAnswer): Promise<SnapshotOutputs>;
    /** A list's answer, mapped; a snapshot without an id, which can be neither chosen nor read again, left out. */
    mapList(
        client: AtlasClient,
        key: { projectId: string; instanceName: string },
        answer: SnapshotListAnswer,
    ): Promise<SnapshotOutputs[]>;
}

/** An answer of an API the family does not read: a read that asked the wrong family's endpoint. */
export function foreignAnswer(family: string, api: string): Error {
    return new Error(`The ${family} family cannot map an answer of the ${api} API`);
}

/** Serverless instances and the Flex clusters that replaced them: each answer mapped on its own. */
export const INSTANCE_FAMILY: SnapshotFamily = {
    async mapOne(_client, key, answer) {
        switch (answer.api) {
            case "flex":
                return fromFlex(key, answer.snapshot);
            case "serverless":
                return fromServerless(key, answer.snapshot);
            default:
                throw foreignAnswer("serverless and Flex", answer.api);
        }
    },
    async mapList(_client, key, answer) {
        const keyOf = (snapshotId: string) => ({ ...key, snapshotId });
        switch (answer.api) {
            case "flex":
                return answer.snapshots.flatMap((s) => (s.id ? [fromFlex(keyOf(s.id), s)] : []));
            case "serverless":
                return answer.snapshots.flatMap((s) => (s.id ? [fromServerless(keyOf(s.id), s)] : []));
            default:
                throw foreignAnswer("serverless and Flex", answer.api);
        }
    },
};
