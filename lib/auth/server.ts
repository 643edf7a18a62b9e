import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getConfig, type LogtoConfig } from '@/lib/config';
import { decodeAccessTokenClaims } from '@/lib/logto/claims';
import { LogtoError, type LogtoErrorCode } from '@/lib/logto/errors';
import { buildOrganizationUrn } from '@/lib/logto/scopes';
import type { AccessTokenClaims, IdTokenClaims, UserInfoResponse } from '@/lib/logto/types';
import { processUserinfoResponse, userinfoRequest } from '@/lib/logto/userinfo';
import { signInUrl } from './base-url';
import { BENCH_SESSION, isBenchBypassActive } from './bench-bypass';
import { applyCookieWrites, isSecureOrigin } from './cookie-store';
import { discover, requestOptions } from './logto-client';
import { REFRESH_FAILURE_HEADER } from './middleware';
import { readSessionCookie, writeSessionCookie } from './session-cookie';
import { isSessionAlive, type CachedToken, type SessionData } from './session-data';
import { ensureTokens, type TokenNeeds } from './token-refresh';

/** Why a token is not available to a server component. */
export type TokenUnavailableReason =
  | 'signed_out'
  | 'not_configured'
  | 'organizations_disabled'
  | 'not_member'
  | 'not_minted'
  | 'expired'
  | 'refresh_failed';

export type TokenResult =
  | { ok: true; token: string; expiresAt: number; claims: AccessTokenClaims }
  | { ok: false; reason: TokenUnavailableReason; error?: LogtoErrorCode };

export type UserInfoResult =
  | { ok: true; userInfo: UserInfoResponse }
  | { ok: false; reason: 'signed_out' | 'expired' | 'request_failed'; error?: LogtoErrorCode };

function settingsFor(config: LogtoConfig) {
  return { secrets: config.cookieSecrets, secure: isSecureOrigin(config.baseUrl ?? config.vercelOrigins[0]!) };
}

/**
 * The signed-in session for this request, or `null`. Read once per request (React `cache`);
 * a tampered or foreign cookie reads as signed out. Server components never refresh: the
 * middleware has already made the tokens this path needs fresh.
 */
export const getSession = cache(async (): Promise<SessionData | null> => {
  if (isBenchBypassActive()) return BENCH_SESSION; // benchmark only, see bench-bypass.ts
  const config = getConfig();
  const read = await readSessionCookie(await cookies(), settingsFor(config));
  if (read.status !== 'valid') return null;
  return isSessionAlive(read.session, Math.floor(Date.now() / 1000)) ? read.session : null;
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
 * `@authenticated(shouldRedirect=True)`). Route handlers answer 401 instead: see `withSession`.
 */
export async function requireSession(returnTo = '/protected'): Promise<SessionData> {
  const session = await getSession();
  if (!session) redirect(signInUrl(returnTo));
  return session;
}

/** The code of a refresh the middleware tried for this request and could not complete. */
export async function getRefreshFailure(): Promise<string | null> {
  return (await headers()).get(REFRESH_FAILURE_HEADER);
}

function toTokenResult(entry: CachedToken | undefined, now: number): TokenResult {
  if (!entry) return { ok: false, reason: 'not_minted' };
  if (entry.expiresAt <= now) return { ok: false, reason: 'expired' };
  try {
    return { ok: true, token: entry.token, expiresAt: entry.expiresAt, claims: decodeAccessTokenClaims(entry.token) };
  } catch (error) {
    return { ok: false, reason: 'expired', error: error instanceof LogtoError ? error.code : undefined };
  }
}

async function cachedTokenFor(key: string, gate: (config: LogtoConfig, session: SessionData) => TokenUnavailableReason | null): Promise<TokenResult> {
  const session = await getSession();
  if (!session) return { ok: false, reason: 'signed_out' };
  const blocked = gate(getConfig(), session);
  if (blocked) return { ok: false, reason: blocked };
  const result = toTokenResult(session.tokens[key], Math.floor(Date.now() / 1000));
  if (!result.ok && (await getRefreshFailure())) return { ok: false, reason: 'refresh_failed' };
  return result;
}

/**
 * The access token for an API resource (the seed's `getAccessToken(resource)`), read from the
 * session. Returns a typed reason instead of refreshing: see `refreshTokens` for actions.
 */
export function getAccessToken(resource: string): Promise<TokenResult> {
  return cachedTokenFor(resource, (config) => (config.resources.includes(resource) ? null : 'not_configured'));
}

/** The decoded claims of `getAccessToken(resource)`. */
export async function getAccessTokenClaims(resource: string): Promise<AccessTokenClaims | null> {
  const result = await getAccessToken(resource);
  return result.ok ? result.claims : null;
}

/** The organization token for `organizationId` (audience `urn:logto:organization:<id>`). */
export function getOrganizationToken(organizationId: string): Promise<TokenResult> {
  return cachedTokenFor(buildOrganizationUrn(organizationId), (config, session) => {
    if (!config.organizationsEnabled) return 'organizations_disabled';
    return session.claims.organizations?.includes(organizationId) ? null : 'not_member';
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
  const session = await getSession();
  if (!session) return { ok: false, reason: 'signed_out' };
  if (!session.accessToken || session.accessToken.expiresAt <= Math.floor(Date.now() / 1000)) {
    return { ok: false, reason: 'expired' };
  }
  try {
    const discovery = await discover(getConfig());
    const response = await userinfoRequest(discovery, session.accessToken.token, requestOptions());
    return { ok: true, userInfo: await processUserinfoResponse(response, { expectedSubject: session.claims.sub }) };
  } catch (error) {
    console.error('[logto] userinfo failed', error);
    return { ok: false, reason: 'request_failed', error: error instanceof LogtoError ? error.code : undefined };
  }
});

/**
 * For server actions and route handlers (which may write cookies): refreshes the tokens in
 * `needs` now, with the same single-flight rules as the middleware, and saves the session.
 */
export async function refreshTokens(needs: TokenNeeds): Promise<{ ok: boolean; error?: LogtoErrorCode }> {
  const config = getConfig();
  const store = await cookies();
  const read = await readSessionCookie(store, settingsFor(config));
  if (read.status !== 'valid') return { ok: false, error: 'session.missing' };
  const outcome = await ensureTokens(read.session, needs, config);
  if (outcome.changed) {
    const { writes } = await writeSessionCookie(store, outcome.session, settingsFor(config));
    applyCookieWrites(store, writes);
  }
  return outcome.failure ? { ok: false, error: outcome.failure.code } : { ok: true };
}

/** The organizations in the session's claims, for pages that list them. */
export async function getOrganizationIds(): Promise<string[]> {
  return (await getSession())?.claims.organizations ?? [];
}
