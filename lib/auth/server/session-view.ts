import { organizationUrnPrefix } from '../../logto/scopes.js';
import type { IdTokenClaims } from '../../logto/types.js';
import type { SessionData } from '../cookies/session-data.js';

/** A token the session holds, without the token itself. */
export interface HeldToken {
  /** The resource indicator, or `urn:logto:organization:<id>`. */
  audience: string;
  /** An API resource token, an organization token, or an API resource token for an organization. */
  kind: 'resource' | 'organization' | 'organization_resource';
  /** The organization of an `organization` or `organization_resource` token. */
  organizationId?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/**
 * What pages may see of a session, safe to hand to a client component: the verified claims,
 * expiries and which tokens are held, but no token. Token strings come only from
 * `getAccessToken` / `getOrganizationToken`.
 */
export interface SessionView<Claims extends IdTokenClaims = IdTokenClaims> {
  /** The verified ID-token claims (typed with the app's declared claims). */
  claims: Claims;
  /**
   * `verified`: Logto vouched for these claims within the ID token's lifetime. `grace`: they
   * expired while Logto could not be reached; served with a notice until the outage grace ends.
   */
  status: 'verified' | 'grace';
  /** When the ID token's claims expire (epoch seconds); the middleware refreshes them ahead. */
  expiresAt: number;
  /** Whether Logto issued a refresh token; without one the session ends at `expiresAt`. */
  hasRefreshToken: boolean;
  /** When the userinfo access token expires (epoch seconds), when one is held. */
  accessTokenExpiresAt?: number;
  /** The API-resource and organization tokens the session holds. */
  tokens: HeldToken[];
  /**
   * Present when the store of back-channel logouts could not be read for this request: the
   * session is served, but a sign-out elsewhere may not have reached it yet (say so on the page).
   */
  revocationCheck?: 'unavailable';
}

/** What a cache key (see `tokenKeyFor`) says about its token. */
function heldToken(key: string, expiresAt: number): HeldToken {
  const [audience = key, scope] = key.split('#', 2);
  if (scope?.startsWith(organizationUrnPrefix)) {
    return { audience, kind: 'organization_resource', organizationId: scope.slice(organizationUrnPrefix.length), expiresAt };
  }
  if (audience.startsWith(organizationUrnPrefix)) {
    return { audience, kind: 'organization', organizationId: audience.slice(organizationUrnPrefix.length), expiresAt };
  }
  return { audience, kind: 'resource', expiresAt };
}

/** The view of `session` that pages get: everything but the token strings. */
export function toSessionView(session: SessionData, status: SessionView['status'], revocationUnchecked = false): SessionView {
  return {
    ...(revocationUnchecked ? { revocationCheck: 'unavailable' as const } : {}),
    claims: session.claims,
    status,
    expiresAt: session.claims.exp,
    hasRefreshToken: Boolean(session.refreshToken),
    ...(session.accessToken ? { accessTokenExpiresAt: session.accessToken.expiresAt } : {}),
    tokens: Object.entries(session.tokens).map(([key, token]) => heldToken(key, token.expiresAt)),
  };
}
