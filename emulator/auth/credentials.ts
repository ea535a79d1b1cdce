// Who may call the emulator: the seed's service accounts and API keys, and the projects each may read.
import { timingSafeEqual } from "node:crypto";
import type { SeedCredentials } from "../data/seed";

/** An authenticated caller; `projects` lists the projects it may read, undefined meaning all of them. */
export interface Principal {
    kind: "serviceAccount" | "apiKey";
    /** The clientId or publicKey. */
    id: string;
    projects?: readonly string[];
}

/** Compares secrets in constant time, so the emulator does not teach clients timing attacks. */
export function secretsEqual(a: string, b: string): boolean {
    const left = Buffer.from(a, "utf8");
    const right = Buffer.from(b, "utf8");
    return left.length === right.length && timingSafeEqual(left, right);
}

/** True when the principal may read the project (the Project Read Only role, in Atlas's terms). */
export function canRead(principal: Principal, projectId: string): boolean {
    return principal.projects === undefined || principal.projects.includes(projectId);
}

/** The seed's credentials, looked up by clientId or publicKey. */
export class CredentialBook {
    private readonly serviceAccounts: Map<string, { secret: string; principal: Principal }>;
    private readonly apiKeys: Map<string, { secret: string; principal: Principal }>;

    /** Indexes the seed's credentials. */
    constructor(credentials: SeedCredentials) {
        this.serviceAccounts = new Map(
            (credentials.serviceAccounts ?? []).map((account) => [
                account.clientId,
                {
                    secret: account.clientSecret,
                    principal: { kind: "serviceAccount", id: account.clientId, projects: account.projects },
                },
            ]),
        );
        this.apiKeys = new Map(
            (credentials.apiKeys ?? []).map((key) => [
                key.publicKey,
                { secret: key.privateKey, principal: { kind: "apiKey", id: key.publicKey, projects: key.projects } },
            ]),
        );
    }

    /** The service account with this id and secret, or undefined when either is wrong. */
    serviceAccount(clientId: string, clientSecret: string): Principal | undefined {
        const account = this.serviceAccounts.get(clientId);
        return account !== undefined && secretsEqual(account.secret, clientSecret) ? account.principal : undefined;
    }

    /** The private key of an API key, which Digest authentication needs to check a response. */
    apiKeySecret(publicKey: string): string | undefined {
        return this.apiKeys.get(publicKey)?.secret;
    }

    /** The principal of an API key, once its Digest response has been checked. */
    apiKeyPrincipal(publicKey: string): Principal | undefined {
        return this.apiKeys.get(publicKey)?.principal;
    }
}
