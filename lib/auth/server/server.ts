// No 'server-only' here: middleware.ts imports the factory too, and `next/headers` already
// fails the build of any client component that would import it.
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { LogtoConfig } from '../../config';
import { decodeAccessTokenClaims } from '../../logto/claims';
import { asLogtoErrorCode, LogtoError, type LogtoErrorCode } from '../../logto/errors';
import { buildOrganizationUrn, organizationUrnPrefix } from '../../logto/scopes';
import type { AccessTokenClaims, IdTokenClaims, UserInfoResponse } from '../../logto/types';
import { processUserinfoResponse, userinfoRequest } from '../../logto/userinfo';
import type { LogtoContext } from '../context';
import { applyCookieWrites, isSecureOrigin } from '../cookies/cookie-store';
import { logAuthEvent } from '../log';
import { asSessionEndReason } from '../refresh/refresh-failure';
import { discover, requestOptions } from '../logto-client';
import { REFRESH_FAILURE_HEADER, SESSION_ENDED_HEADER, TOKEN_REFUSED_HEADER } from '../middleware/middleware';
import { signInUrl } from '../paths';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../cookies/session-cookie';
import { sessionStatus, type CachedToken, type SessionData } from '../cookies/session-data';
import { taintToken } from './taint';
import type { AccessClaimsOf, IdClaimsOf, LogtoTypes, UserInfoOf } from '../types';
import { ensureTokens, neededTokenKeys, tokenKeyFor, type SessionEndReason, type TokenNeeds } from '../refresh/token-refresh';

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

/** Logto's userinfo answer, or why there is none. */
export type UserInfoResult<Info extends object = UserInfoResponse> =
  | { ok: true; userInfo: Info }
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

function toTokenResult(entry: CachedToken | undefined, now: number): TokenResult {
  if (!entry) return { ok: false, reason: 'not_minted' };
  if (entry.expiresAt <= now) return { ok: false, reason: 'expired' };
  try {
    return { ok: true, token: entry.token, expiresAt: entry.expiresAt, claims: decodeAccessTokenClaims(entry.token) };
  } catch (error) {
    return { ok: false, reason: 'malformed', error: error instanceof LogtoError ? error.code : undefined };
  }
}

/**
 * The server-side helpers for `context`, for server components, server actions and route
 * handlers, typed with the app's declared claims (`T`).
 */
export function createServerHelpers<T extends LogtoTypes = Record<never, never>>(context: LogtoContext) {
  type IdClaims = IdClaimsOf<T>;
  type AccessClaims = AccessClaimsOf<T>;
  type UserInfo = UserInfoOf<T>;

  /** The session this request may use (verified or in its outage grace), with its tokens. */
  const readSession = cache(async (): Promise<{ session: SessionData; status: SessionView['status'] } | null> => {
    // cookies() first: it marks the page dynamic, so `next build` never prerenders it and never
    // needs the configuration (which is read, and checked, at first use).
    const store = await cookies();
    const config = context.config();
    const read = await readSessionCookie(store, settingsFor(config));
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
  const getSession = cache(async (): Promise<SessionView<IdClaims> | null> => {
    const read = await readSession();
    // The app's declared claim types (`LogtoTypes`) over verified claims; see types.ts.
    return read ? (toView(read.session, read.status) as SessionView<IdClaims>) : null;
  });

  /** Whether a user is signed in (the seed SDK's `isAuthenticated`). */
  async function isAuthenticated(): Promise<boolean> {
    return (await getSession()) !== null;
  }

  /** The verified ID-token claims, or `null` when signed out. */
  async function getIdTokenClaims(): Promise<IdClaims | null> {
    return (await getSession())?.claims ?? null;
  }

  /**
   * The session, or a redirect to sign-in that returns to `returnTo` (the seed's
   * `@authenticated(shouldRedirect=True)`). Route handlers answer 401 instead.
   */
  async function requireSession(returnTo: string = context.paths.defaultReturnTo): Promise<SessionView<IdClaims>> {
    const session = await getSession();
    if (!session) redirect(signInUrl(context.paths, returnTo));
    return session;
  }

  /** The code of a refresh the middleware tried for this request and could not complete. */
  async function getRefreshFailure(): Promise<LogtoErrorCode | null> {
    return asLogtoErrorCode((await headers()).get(REFRESH_FAILURE_HEADER));
  }

  /** Why the middleware ended the session on this request (a page outside the guard), if it did. */
  async function getSessionEndReason(): Promise<SessionEndReason | null> {
    return asSessionEndReason((await headers()).get(SESSION_ENDED_HEADER));
  }

  async function cachedTokenFor(
    key: string,
    gate: (config: LogtoConfig, claims: IdTokenClaims) => TokenUnavailableReason | null,
  ): Promise<TokenResult<AccessClaims>> {
    const read = await readSession();
    if (!read) return { ok: false, reason: 'signed_out' };
    const blocked = gate(context.config(), read.session.claims);
    if (blocked) return { ok: false, reason: blocked };
    // The app's declared access-token claim types (`LogtoTypes`); see types.ts.
    const result = toTokenResult(read.session.tokens[key], nowSeconds()) as TokenResult<AccessClaims>;
    if (result.ok || result.reason === 'malformed') return result;
    const requestHeaders = await headers();
    const refused = asLogtoErrorCode(requestHeaders.get(TOKEN_REFUSED_HEADER));
    if (refused && result.reason === 'not_minted') return { ok: false, reason: 'refused', error: refused };
    if (asLogtoErrorCode(requestHeaders.get(REFRESH_FAILURE_HEADER))) return { ok: false, reason: 'refresh_failed' };
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
  function getAccessToken(resource: string, options: { organizationId?: string } = {}): Promise<TokenResult<AccessClaims>> {
    const { organizationId } = options;
    return cachedTokenFor(tokenKeyFor({ resource, organizationId }), (config, claims) => {
      if (!config.resources.includes(resource)) return 'not_configured';
      if (organizationId === undefined) return null;
      if (!config.organizationsEnabled) return 'organizations_disabled';
      return claims.organizations?.includes(organizationId) ? null : 'not_member';
    });
  }

  /** The decoded claims of `getAccessToken(resource, options)`. */
  async function getAccessTokenClaims(resource: string, options: { organizationId?: string } = {}): Promise<AccessClaims | null> {
    const result = await getAccessToken(resource, options);
    return result.ok ? result.claims : null;
  }

  /** The organization token for `organizationId` (audience `urn:logto:organization:<id>`). */
  function getOrganizationToken(organizationId: string): Promise<TokenResult<AccessClaims>> {
    return cachedTokenFor(buildOrganizationUrn(organizationId), (config, claims) => {
      if (!config.organizationsEnabled) return 'organizations_disabled';
      return claims.organizations?.includes(organizationId) ? null : 'not_member';
    });
  }

  /** The decoded claims of `getOrganizationToken(organizationId)`. */
  async function getOrganizationTokenClaims(organizationId: string): Promise<AccessClaims | null> {
    const result = await getOrganizationToken(organizationId);
    return result.ok ? result.claims : null;
  }

  /**
   * Calls Logto's userinfo endpoint with the session's access token (the seed's
   * `fetchUserInfo`): `custom_data`, `identities`, `organization_data` and the profile claims.
   * One call per request at most.
   */
  const fetchUserInfo = cache(async (): Promise<UserInfoResult<UserInfo>> => {
    const read = await readSession();
    if (!read) return { ok: false, reason: 'signed_out' };
    const { session } = read;
    if (!session.accessToken || session.accessToken.expiresAt <= nowSeconds()) {
      return { ok: false, reason: 'expired' };
    }
    try {
      const discovery = await discover(context.config());
      const response = await userinfoRequest(discovery, session.accessToken.token, requestOptions());
      const userInfo = await processUserinfoResponse(response, { expectedSubject: session.claims.sub });
      // The app's declared `custom_data` type (`LogtoTypes`); see types.ts.
      return { ok: true, userInfo: userInfo as UserInfo };
    } catch (error) {
      logAuthEvent('error', 'userinfo failed', error);
      return { ok: false, reason: 'request_failed', error: error instanceof LogtoError ? error.code : undefined };
    }
  });

  /**
   * For server actions and route handlers (which may write cookies): refreshes the tokens in
   * `needs` now, with the same single-flight rules as the middleware, and saves the session.
   */
  async function refreshTokens(
    needs: TokenNeeds,
  ): Promise<{ ok: boolean; error?: LogtoErrorCode; ended?: SessionEndReason }> {
    const store = await cookies();
    const config = context.config();
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
  async function getOrganizationIds(): Promise<string[]> {
    return (await getSession())?.claims.organizations ?? [];
  }

  return {
    getSession,
    isAuthenticated,
    getIdTokenClaims,
    requireSession,
    getRefreshFailure,
    getSessionEndReason,
    getAccessToken,
    getAccessTokenClaims,
    getOrganizationToken,
    getOrganizationTokenClaims,
    fetchUserInfo,
    refreshTokens,
    getOrganizationIds,
  };
}

/** The server helpers of an app declaring `T`. */
export type LogtoServerHelpers<T extends LogtoTypes = Record<never, never>> = ReturnType<typeof createServerHelpers<T>>;
