// What the Flex endpoint said of an instance, kept so `auto` reads ask the serverless endpoint at once.
import { NotFlexMemory, notFlexMemoryFor } from "../../provider/snapshots/notFlex";

const INSTANCE = "32b6e34b3d91647abb20e7b8/orders";

test("an instance Flex refused stays known as not Flex; others do not", () => {
    const memory = new NotFlexMemory();
    memory.rememberNotFlex(INSTANCE);

    expect(memory.isKnownNotFlex(INSTANCE)).toBe(true);
    expect(memory.isKnownNotFlex("32b6e34b3d91647abb20e7b8/other")).toBe(false);
});

test("a client's memory is one per client: what one client's Flex said is not another's", () => {
    const client = {};
    notFlexMemoryFor(client).rememberNotFlex(INSTANCE);

    expect(notFlexMemoryFor(client)).toBe(notFlexMemoryFor(client));
    expect(notFlexMemoryFor(client).isKnownNotFlex(INSTANCE)).toBe(true);
    expect(notFlexMemoryFor({}).isKnownNotFlex(INSTANCE)).toBe(false);
});
