// The OAuth 2.0 client-credentials endpoints of Atlas service accounts: token exchange and revocation.
import type { TokenResponse } from "../../provider/atlas/schemas";
import { errorAnswer, jsonAnswer, type Answer } from "../http/answer";
import type { CredentialBook } from "./credentials";
import { invalidClient, missingToken, tokenRateLimited, unsupportedGrantType } from "../http/errors";
import type { SlidingWindowLimiter } from "../faults/rateLimit";
import type { TokenStore } from "./tokens";

/** The token endpoint's path, as Atlas names it in its rate-limit message. */
export const TOKEN_PATH = "/api/oauth/token";

/** What the OAuth endpoints need. */
export interface OAuthDeps {
    credentials: CredentialBook;
    tokens: TokenStore;
    limiter: SlidingWindowLimiter;
    tokenTtlSeconds: number;
}

/** Decodes `Authorization: Basic base64(id:secret)`, or undefined when the header is not that. */
export function parseBasic(authorization: string | undefined): { id: string; secret: string } | undefined {
    const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? "");
    if (match === null) return undefined;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const BASIC_CHALLENGE = { "WWW-Authenticate": 'Basic realm="MMS Public API"' };

/**
 * Answers `POST /api/oauth/token`: 429 past the per-client limit, 401 for bad client credentials, 400 for a grant
 * other than client_credentials, else a new bearer token.
 */
export function tokenAnswer(authorization: string | undefined, form: URLSearchParams, deps: OAuthDeps): Answer {
    const client = parseBasic(authorization);
    if (client === undefined) return errorAnswer(invalidClient(), BASIC_CHALLENGE);
    // Atlas counts every call a client makes, good secret or not, so a retry loop with a wrong secret trips it too.
    const verdict = deps.limiter.attempt(client.id);
    if (!verdict.allowed) {
        return errorAnswer(tokenRateLimited(TOKEN_PATH, deps.limiter.limit), {
            "Retry-After": String(verdict.retryAfterSeconds),
            "Ratelimit-Limit": String(deps.limiter.limit),
            "Ratelimit-Remaining": "0",
        });
    }
    const principal = deps.credentials.serviceAccount(client.id, client.secret);
    if (principal === undefined) return errorAnswer(invalidClient(), BASIC_CHALLENGE);
    const grantType = form.get("grant_type");
    if (grantType !== "client_credentials") return errorAnswer(unsupportedGrantType(grantType));
    const body: TokenResponse = {
        access_token: deps.tokens.issue(principal, deps.tokenTtlSeconds),
        expires_in: deps.tokenTtlSeconds,
        token_type: "Bearer",
    };
    return jsonAnswer(200, body, "application/json", { "Cache-Control": "no-store", Pragma: "no-cache" });
}

/** Answers `POST /api/oauth/revoke`: 401 for bad client credentials, 400 without a token, else 200 and no body. */
export function revokeAnswer(authorization: string | undefined, form: URLSearchParams, deps: OAuthDeps): Answer {
    const client = parseBasic(authorization);
    if (client === undefined || deps.credentials.serviceAccount(client.id, client.secret) === undefined) {
        return errorAnswer(invalidClient(), BASIC_CHALLENGE);
    }
    const token = form.get("token");
    if (token === null || token === "") return errorAnswer(missingToken());
    deps.tokens.revoke(token, client.id);
    return { status: 200, headers: {} };
}
