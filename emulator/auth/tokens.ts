// The OAuth access tokens the emulator has issued, and whether each is still honoured.
import { randomBytes } from "node:crypto";
import type { Principal } from "./credentials";

interface TokenRecord {
    principal: Principal;
    expiresAtMs: number;
    revoked: boolean;
}

/** Issues opaque bearer tokens and answers whether a presented one is still valid. */
export class TokenStore {
    private readonly records = new Map<string, TokenRecord>();

    /** Issues a random token for the principal that expires after `ttlSeconds`. */
    issue(principal: Principal, ttlSeconds: number, nowMs = Date.now()): string {
        // 32 random bytes make a 43-character opaque token, like the unguessable tokens Atlas issues.
        const token = randomBytes(32).toString("base64url");
        this.records.set(token, { principal, expiresAtMs: nowMs + ttlSeconds * 1000, revoked: false });
        return token;
    }

    /** The principal behind a token, or undefined when it is unknown, expired or revoked. */
    principalFor(token: string, nowMs = Date.now()): Principal | undefined {
        const record = this.records.get(token);
        if (record === undefined || record.revoked || nowMs >= record.expiresAtMs) return undefined;
        return record.principal;
    }

    /** Revokes a token if it was issued to this client; unknown tokens are ignored, as RFC 7009 asks. */
    revoke(token: string, clientId: string): void {
        const record = this.records.get(token);
        if (record !== undefined && record.principal.id === clientId) record.revoked = true;
    }

    /** Makes every token issued so far invalid, as if they had all expired. */
    expireAll(): void {
        for (const record of this.records.values()) record.expiresAtMs = 0;
    }

    /** Every token ever issued, oldest first. */
    all(): string[] {
        return [...this.records.keys()];
    }
}
