import type { LogtoConfig } from '../../config.js';
import { decodeAccessTokenClaims } from '../../logto/claims.js';
import { LogtoError, type LogtoErrorCode } from '../../logto/errors.js';
import { buildOrganizationUrn } from '../../logto/scopes.js';
import type { AccessTokenClaims } from '../../logto/types.js';
import type { CachedToken, SessionData } from '../cookies/session-data.js';
import { tokenKeyFor } from '../refresh/token-needs.js';
import { reportedRefreshFailure, reportedTokenRefusal } from './middleware-reports.js';
import { nowSeconds, type RequestSessionReader } from './request-session.js';

/** Why a token is not available to a server component. */
export type TokenUnavailableReason =
  | 'signed_out'
  | 'not_configured'
  | 'organizations_disabled'
  | 'not_member'
  | 'not_minted'
  | 'expired'
  | 'malformed'
  | 'refused'
  | 'refresh_failed';

/** A token from the session, or why there is none. */
export type TokenResult<Claims extends AccessTokenClaims = AccessTokenClaims> =
  | { ok: true; token: string; expiresAt: number; claims: Claims }
  | { ok: false; reason: TokenUnavailableReason; error?: LogtoErrorCode };

function toTokenResult(entry: CachedToken | undefined, now: number): TokenResult {
  if (!entry) return { ok: false, reason: 'not_minted' };
  if (entry.expiresAt <= now) return { ok: false, reason: 'expired' };
  try {
    return { ok: true, token: entry.token, expiresAt: entry.expiresAt, claims: decodeAccessTokenClaims(entry.token) };
  } catch (error) {
    return { ok: false, reason: 'malformed', error: error instanceof LogtoError ? error.code : undefined };
  }
}

/** Why `session` may not read the token at all (before looking for it), or `null`. */
type TokenGate = (config: LogtoConfig, session: SessionData) => TokenUnavailableReason | null;

function organizationGate(organizationId: string): TokenGate {
  return (config, session) => {
    if (!config.organizationsEnabled) return 'organizations_disabled';
    return session.claims.organizations?.includes(organizationId) ? null : 'not_member';
  };
}

/**
 * The readers of the API-resource and organization tokens the session caches, typed with the
 * app's access-token claims. They never refresh: the middleware's `tokensFor` (or
 * `refreshTokens` in an action) mints; they say why when a token is not there.
 */
export function createTokenReaders<AccessClaims extends AccessTokenClaims>(
  config: () => LogtoConfig,
  readSession: RequestSessionReader,
) {
  async function cachedTokenFor(key: string, gate: TokenGate): Promise<TokenResult<AccessClaims>> {
    const read = await readSession();
    if (!read) return { ok: false, reason: 'signed_out' };
    const blocked = gate(config(), read.session);
    if (blocked) return { ok: false, reason: blocked };
    // The app's declared access-token claim types (`LogtoTypes`); see types.ts.
    const result = toTokenResult(read.session.tokens[key], nowSeconds()) as TokenResult<AccessClaims>;
    if (result.ok || result.reason === 'malformed') return result;
    const refused = await reportedTokenRefusal();
    if (refused && result.reason === 'not_minted') return { ok: false, reason: 'refused', error: refused };
    if (await reportedRefreshFailure()) return { ok: false, reason: 'refresh_failed' };
    return result;
  }

  /**
   * The access token for an API resource (the seed's `getAccessToken(resource)`), read from the
   * session and tainted so it cannot be passed to a client component. With `organizationId`, the
   * token for that resource scoped to that organization (Logto: the refresh grant with `resource`
   * and `organization_id`; the token carries an `organization_id` claim). `resource` is one of
   * `LOGTO_RESOURCES` or one this session's sign-in asked for (the `resource` sign-in option);
   * any other is `not_configured`.
   * @see https://docs.logto.io/authorization/organization-level-api-resources
   */
  function getAccessToken(resource: string, options: { organizationId?: string } = {}): Promise<TokenResult<AccessClaims>> {
    const { organizationId } = options;
    return cachedTokenFor(tokenKeyFor({ resource, organizationId }), (currentConfig, session) => {
      if (!currentConfig.resources.includes(resource) && !session.signInResources?.includes(resource)) return 'not_configured';
      return organizationId === undefined ? null : organizationGate(organizationId)(currentConfig, session);
    });
  }

  /** The decoded claims of `getAccessToken(resource, options)`. */
  async function getAccessTokenClaims(resource: string, options: { organizationId?: string } = {}): Promise<AccessClaims | null> {
    const result = await getAccessToken(resource, options);
    return result.ok ? result.claims : null;
  }

  /** The organization token for `organizationId` (audience `urn:logto:organization:<id>`). */
  function getOrganizationToken(organizationId: string): Promise<TokenResult<AccessClaims>> {
    return cachedTokenFor(buildOrganizationUrn(organizationId), organizationGate(organizationId));
  }

  /** The decoded claims of `getOrganizationToken(organizationId)`. */
  async function getOrganizationTokenClaims(organizationId: string): Promise<AccessClaims | null> {
    const result = await getOrganizationToken(organizationId);
    return result.ok ? result.claims : null;
  }

  return { getAccessToken, getAccessTokenClaims, getOrganizationToken, getOrganizationTokenClaims };
}
