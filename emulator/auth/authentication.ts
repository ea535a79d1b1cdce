// Authentication of Atlas Admin API calls: a bearer token from the token endpoint, or an API key by Digest.
// Every refusal carries Atlas's Digest challenge, as Atlas's own filter sends it whatever the client tried, and
// runs before routing, so it answers the same for any path under the Admin API.
import { parse } from "auth-header";
import { jacksonIndented, type Answer } from "../http/answer";
import type { CredentialBook, Principal } from "./credentials";
import type { DigestAuthenticator } from "./digestAuth";
import { invalidAccessToken, notAuthorized } from "../http/errors";
import type { TokenStore } from "./tokens";

/** The scheme of an Authorization header, as the request log records it. */
export type AuthScheme = "bearer" | "digest" | "basic" | "none";

/** What authentication needs: the credentials, the tokens issued and the Digest nonce state. */
export interface AuthenticationDeps {
    credentials: CredentialBook;
    tokens: TokenStore;
    digest: DigestAuthenticator;
}

/** The caller, or the 401 answer (with a fresh challenge) to send instead. */
export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; answer: Answer; reason: string };

/** The scheme of an Authorization header; unknown schemes count as none. */
export function authSchemeOf(authorization: string | undefined): AuthScheme {
    const scheme = authorization?.trim().split(/\s+/)[0]?.toLowerCase();
    return scheme === "bearer" || scheme === "digest" || scheme === "basic" ? scheme : "none";
}

/**
 * A 401 as recorded from Atlas's filter: its Jackson-indented body, a fresh Digest challenge per offered algorithm,
 * and no `X-Error-Code` (the code is in the body only).
 */
function refuse(deps: AuthenticationDeps, reason: string, stale = false, bearer = false): AuthOutcome {
    const body = bearer ? invalidAccessToken() : notAuthorized();
    const answer: Answer = {
        status: 401,
        headers: {
            "Content-Type": "application/json",
            Vary: "Accept-Encoding",
            "WWW-Authenticate": deps.digest.challenges(stale),
        },
        body: { text: jacksonIndented(body) },
    };
    return { ok: false, reason, answer };
}

/** Authenticates one API request from its Authorization header, method and request target (path and query). */
export function authenticate(
    authorization: string | undefined,
    method: string,
    target: string,
    deps: AuthenticationDeps,
): AuthOutcome {
    const scheme = authSchemeOf(authorization);
    if (authorization === undefined || scheme === "none" || scheme === "basic") {
        return refuse(deps, `no usable credentials (${scheme})`);
    }
    if (scheme === "bearer") {
        const token = authorization.trim().split(/\s+/)[1] ?? "";
        const principal = deps.tokens.principalFor(token);
        return principal === undefined ? refuse(deps, "invalid bearer token", false, true) : { ok: true, principal };
    }
    let params;
    try {
        params = parse(authorization).params;
    } catch {
        return refuse(deps, "unparseable Digest header");
    }
    const verdict = deps.digest.verify(params, method, target);
    if (!verdict.ok) return refuse(deps, verdict.reason, verdict.stale);
    const principal = deps.credentials.apiKeyPrincipal(verdict.username);
    return principal === undefined ? refuse(deps, "unknown API key") : { ok: true, principal };
}
