// What the Flex endpoint has said of instances: "not a Flex cluster". A read with `api: "auto"` asks Flex first;
// once Flex has refused an instance, later reads in the same process ask the serverless endpoint at once. The
// memory lasts as long as the process and is kept per client, as the clients and their coalescers are.

/** The instances (`{projectId}/{instanceName}`) whose Flex endpoint said they are not Flex clusters. */
export class NotFlexMemory {
    private readonly instances = new Set<string>();

    /** Remembers, for the life of the process, that an instance is not a Flex cluster. */
    rememberNotFlex(instance: string): void {
        this.instances.add(instance);
    }

    /** Whether the Flex endpoint has said of the instance that it is not a Flex cluster. */
    isKnownNotFlex(instance: string): boolean {
        return this.instances.has(instance);
    }
}

const memories = new WeakMap<object, NotFlexMemory>();

/** The process's memory for a client (one per base URL and credential, as the clients are). */
export function notFlexMemoryFor(client: object): NotFlexMemory {
    let memory = memories.get(client);
    if (memory === undefined) {
        memory = new NotFlexMemory();
        memories.set(client, memory);
    }
    return memory;
}
