import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getConfig, type LogtoConfig } from '@/lib/config';
import { decodeAccessTokenClaims } from '@/lib/logto/claims';
import { LogtoError, type LogtoErrorCode } from '@/lib/logto/errors';
import { buildOrganizationUrn, organizationUrnPrefix } from '@/lib/logto/scopes';
import type { AccessTokenClaims, IdTokenClaims, UserInfoResponse } from '@/lib/logto/types';
import { processUserinfoResponse, userinfoRequest } from '@/lib/logto/userinfo';
import { signInUrl } from './base-url';
import { applyCookieWrites, isSecureOrigin } from './cookie-store';
import { logAuthEvent } from './log';
import { discover, requestOptions } from './logto-client';
import { REFRESH_FAILURE_HEADER, SESSION_ENDED_HEADER, TOKEN_REFUSED_HEADER } from './middleware';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { sessionStatus, type CachedToken, type SessionData } from './session-data';
import { taintToken } from './taint';
import { ensureTokens, neededTokenKeys, tokenKeyFor, type SessionEndReason, type TokenNeeds } from './token-refresh';

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

export type TokenResult =
  | { ok: true; token: string; expiresAt: number; claims: AccessTokenClaims }
  | { ok: false; reason: TokenUnavailableReason; error?: LogtoErrorCode };

export type UserInfoResult =
  | { ok: true; userInfo: UserInfoResponse }
  | { ok: false; reason: 'signed_out' | 'expired' | 'request_failed'; error?: LogtoErrorCode };

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
export interface SessionView {
  claims: IdTokenClaims;
  /**
   * `verified`: Logto vouched for these claims within the ID token's lifetime. `grace`: they
   * expired while Logto could not be reached; served with a notice until the outage grace ends.
   */
  status: 'verified' | 'grace';
  /** When the ID token's claims expire (epoch seconds); the middleware refreshes them ahead. */
  expiresAt: number;
  hasRefreshToken: boolean;
  /** When the userinfo access token expires (epoch seconds), when one is held. */
  accessTokenExpiresAt?: number;
  tokens: HeldToken[];
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function settingsFor(config: LogtoConfig) {
  return { secrets: config.cookieSecrets, secure: isSecureOrigin(config.baseUrl ?? config.vercelOrigins[0]!) };
}

function toView(session: SessionData, status: SessionView['status']): SessionView {
  return {
    claims: session.claims,
    status,
    expiresAt: session.claims.exp,
    hasRefreshToken: Boolean(session.refreshToken),
    ...(session.accessToken ? { accessTokenExpiresAt: session.accessToken.expiresAt } : {}),
    tokens: Object.entries(session.tokens).map(([key, token]) => heldToken(key, token.expiresAt)),
  };
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

/** Sessions already tainted: the unsealed session is shared by every request carrying that cookie. */
const tainted = new WeakSet<SessionData>();

/**
 * Taints every token string of a session, so none can reach a client component. Once per session
 * object: React registers the lifetime object on every call, so tainting per request would grow
 * its registry with every page view.
 */
function taintSession(session: SessionData): void {
  if (tainted.has(session)) return;
  tainted.add(session);
  if (session.refreshToken) taintToken(session, session.refreshToken);
  if (session.accessToken) taintToken(session, session.accessToken.token);
  for (const token of Object.values(session.tokens)) taintToken(session, token.token);
}

/** The session this request may use (verified or in its outage grace), with its tokens. */
const readSession = cache(async (): Promise<{ session: SessionData; status: SessionView['status'] } | null> => {
  const config = getConfig();
  const read = await readSessionCookie(await cookies(), settingsFor(config));
  if (read.status !== 'valid') return null;
  const status = sessionStatus(read.session, nowSeconds(), config.outageGraceSeconds);
  if (status === 'unverified') return null;
  taintSession(read.session);
  return { session: read.session, status };
});

/**
 * The signed-in session for this request, or `null`. Read once per request (React `cache`).
 * A tampered or foreign cookie, and a session whose claims expired without Logto vouching for
 * it again, read as signed out. Server components never refresh: the middleware, which runs on
 * every page, has already done it.
 */
export const getSession = cache(async (): Promise<SessionView | null> => {
  const read = await readSession();
  return read ? toView(read.session, read.status) : null;
});

/** Whether a user is signed in (the seed SDK's `isAuthenticated`). */
export async function isAuthenticated(): Promise<boolean> {
  return (await getSession()) !== null;
}

/** The verified ID-token claims, or `null` when signed out. */
export async function getIdTokenClaims(): Promise<IdTokenClaims | null> {
  return (await getSession())?.claims ?? null;
}

/**
 * The session, or a redirect to sign-in that returns to `returnTo` (the seed's
 * `@authenticated(shouldRedirect=True)`). Route handlers answer 401 instead.
 */
export async function requireSession(returnTo = '/protected'): Promise<SessionView> {
  const session = await getSession();
  if (!session) redirect(signInUrl(returnTo));
  return session;
}

/** The code of a refresh the middleware tried for this request and could not complete. */
export async function getRefreshFailure(): Promise<string | null> {
  return (await headers()).get(REFRESH_FAILURE_HEADER);
}

/** Why the middleware ended the session on this request (a page outside the guard), if it did. */
export async function getSessionEndReason(): Promise<string | null> {
  return (await headers()).get(SESSION_ENDED_HEADER);
}

function toTokenResult(entry: CachedToken | undefined, now: number): TokenResult {
  if (!entry) return { ok: false, reason: 'not_minted' };
  if (entry.expiresAt <= now) return { ok: false, reason: 'expired' };
  try {
    return { ok: true, token: entry.token, expiresAt: entry.expiresAt, claims: decodeAccessTokenClaims(entry.token) };
  } catch (error) {
    return { ok: false, reason: 'malformed', error: error instanceof LogtoError ? error.code : undefined };
  }
}

async function cachedTokenFor(key: string, gate: (config: LogtoConfig, claims: IdTokenClaims) => TokenUnavailableReason | null): Promise<TokenResult> {
  const read = await readSession();
  if (!read) return { ok: false, reason: 'signed_out' };
  const blocked = gate(getConfig(), read.session.claims);
  if (blocked) return { ok: false, reason: blocked };
  const result = toTokenResult(read.session.tokens[key], nowSeconds());
  if (result.ok || result.reason === 'malformed') return result;
  const requestHeaders = await headers();
  const refused = requestHeaders.get(TOKEN_REFUSED_HEADER);
  if (refused && result.reason === 'not_minted') return { ok: false, reason: 'refused', error: refused as LogtoErrorCode };
  if (requestHeaders.get(REFRESH_FAILURE_HEADER)) return { ok: false, reason: 'refresh_failed' };
  return result;
}

/**
 * The access token for an API resource (the seed's `getAccessToken(resource)`), read from the
 * session and tainted so it cannot be passed to a client component. With `organizationId`, the
 * token for that resource scoped to that organization (Logto: the refresh grant with `resource`
 * and `organization_id`; the token carries an `organization_id` claim). Returns a typed reason
 * instead of refreshing: the middleware's `tokensFor` (or `refreshTokens` in an action) mints it.
 * @see https://docs.logto.io/authorization/organization-level-api-resources
 */
export function getAccessToken(resource: string, options: { organizationId?: string } = {}): Promise<TokenResult> {
  const { organizationId } = options;
  return cachedTokenFor(tokenKeyFor({ resource, organizationId }), (config, claims) => {
    if (!config.resources.includes(resource)) return 'not_configured';
    if (organizationId === undefined) return null;
    if (!config.organizationsEnabled) return 'organizations_disabled';
    return claims.organizations?.includes(organizationId) ? null : 'not_member';
  });
}

/** The decoded claims of `getAccessToken(resource, options)`. */
export async function getAccessTokenClaims(resource: string, options: { organizationId?: string } = {}): Promise<AccessTokenClaims | null> {
  const result = await getAccessToken(resource, options);
  return result.ok ? result.claims : null;
}

/** The organization token for `organizationId` (audience `urn:logto:organization:<id>`). */
export function getOrganizationToken(organizationId: string): Promise<TokenResult> {
  return cachedTokenFor(buildOrganizationUrn(organizationId), (config, claims) => {
    if (!config.organizationsEnabled) return 'organizations_disabled';
    return claims.organizations?.includes(organizationId) ? null : 'not_member';
  });
}

/** The decoded claims of `getOrganizationToken(organizationId)`. */
export async function getOrganizationTokenClaims(organizationId: string): Promise<AccessTokenClaims | null> {
  const result = await getOrganizationToken(organizationId);
  return result.ok ? result.claims : null;
}

/**
 * Calls Logto's userinfo endpoint with the session's access token (the seed's
 * `fetchUserInfo`): `custom_data`, `identities`, `organization_data` and the profile claims.
 * One call per request at most.
 */
export const fetchUserInfo = cache(async (): Promise<UserInfoResult> => {
  const read = await readSession();
  if (!read) return { ok: false, reason: 'signed_out' };
  const { session } = read;
  if (!session.accessToken || session.accessToken.expiresAt <= nowSeconds()) {
    return { ok: false, reason: 'expired' };
  }
  try {
    const discovery = await discover(getConfig());
    const response = await userinfoRequest(discovery, session.accessToken.token, requestOptions());
    return { ok: true, userInfo: await processUserinfoResponse(response, { expectedSubject: session.claims.sub }) };
  } catch (error) {
    logAuthEvent('error', 'userinfo failed', error);
    return { ok: false, reason: 'request_failed', error: error instanceof LogtoError ? error.code : undefined };
  }
});

/**
 * For server actions and route handlers (which may write cookies): refreshes the tokens in
 * `needs` now, with the same single-flight rules as the middleware, and saves the session.
 */
export async function refreshTokens(
  needs: TokenNeeds,
): Promise<{ ok: boolean; error?: LogtoErrorCode; ended?: SessionEndReason }> {
  const config = getConfig();
  const store = await cookies();
  const settings = settingsFor(config);
  const read = await readSessionCookie(store, settings);
  if (read.status !== 'valid') return { ok: false, error: 'session.missing' };
  const outcome = await ensureTokens(read.session, needs, config);
  if (outcome.failure?.fatal) {
    applyCookieWrites(store, clearSessionCookie(store, settings.secure));
    return { ok: false, error: outcome.failure.code, ended: outcome.failure.reason };
  }
  if (outcome.changed) {
    const { writes } = await writeSessionCookie(store, outcome.session, settingsFor(config), neededTokenKeys(needs));
    applyCookieWrites(store, writes);
  }
  return outcome.failure ? { ok: false, error: outcome.failure.code } : { ok: true };
}

/** The organizations in the session's claims, for pages that list them. */
export async function getOrganizationIds(): Promise<string[]> {
  return (await getSession())?.claims.organizations ?? [];
}
