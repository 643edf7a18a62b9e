import type { IdTokenClaims, TokenResponse } from '../../logto/types.js';

/** A token cached in the session. Times are epoch seconds. */
export interface CachedToken {
  /** The access token itself: never hand it to a client component. */
  token: string;
  /** When the token request was sent, so a token's lifetime is never overestimated. */
  issuedAt: number;
  /** `issuedAt` plus the response's `expires_in`. */
  expiresAt: number;
}

/**
 * What the session cookie holds. The core (verified ID-token claims, refresh token, userinfo
 * access token) is never evicted; `tokens` (API-resource and organization JWTs, keyed by their
 * audience) can be re-minted and are the first to go when the cookie budget is exceeded.
 */
export interface SessionData {
  /**
   * Format version of this shape. The cookie stores it as version 2 (organization roles packed,
   * see `stored-session.ts`) and still reads version 1; any other version is not a session.
   */
  v: 1;
  /** The latest verified ID token's claims, without `nonce` and `at_hash` (see `sessionClaims`). */
  claims: IdTokenClaims;
  /** Absent when Logto issued none (no `offline_access`): the session then ends with its claims. */
  refreshToken?: string;
  /** The opaque access token for Logto's userinfo endpoint. */
  accessToken?: CachedToken;
  /** API-resource and organization tokens, keyed as `tokenKeyFor` says. */
  tokens: Record<string, CachedToken>;
  /**
   * API resources this sign-in asked for beyond the configured ones (the `resource` sign-in
   * option): the refresh token can mint their tokens, so `getAccessToken` may read them.
   */
  signInResources?: string[];
  /**
   * The outage mark: when (epoch seconds) the first refresh after the claims expired failed for
   * want of an answer from Logto. The outage grace runs from it (`sessionStatus`); a successful
   * refresh removes it.
   */
  outageSince?: number;
  /**
   * When (epoch seconds) the sign-in that started this session completed. A back-channel logout
   * that names only the user (`sub`) ends the sessions signed in before it, not later ones.
   * Absent in cookies written before it existed: such sessions count as signed in at 0.
   */
  signedInAt?: number;
  /**
   * The `sid` of the sign-in's ID token: Logto's session, which a back-channel logout names. Kept
   * apart from `claims` so a refreshed ID token without `sid` cannot lose it.
   */
  sid?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isCachedToken(value: unknown): value is CachedToken {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    typeof value.issuedAt === 'number' &&
    typeof value.expiresAt === 'number'
  );
}

/** Narrows an unsealed cookie payload; anything of another shape is not a session. */
export function isSessionData(value: unknown): value is SessionData {
  if (!isRecord(value) || value.v !== 1) return false;
  const { claims, refreshToken, accessToken, tokens } = value;
  if (!isRecord(claims) || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return false;
  if (refreshToken !== undefined && typeof refreshToken !== 'string') return false;
  if (accessToken !== undefined && !isCachedToken(accessToken)) return false;
  if (value.outageSince !== undefined && typeof value.outageSince !== 'number') return false;
  if (value.signedInAt !== undefined && typeof value.signedInAt !== 'number') return false;
  if (value.sid !== undefined && typeof value.sid !== 'string') return false;
  const { signInResources } = value;
  if (signInResources !== undefined && !(Array.isArray(signInResources) && signInResources.every((resource) => typeof resource === 'string'))) {
    return false;
  }
  return isRecord(tokens) && Object.values(tokens).every(isCachedToken);
}

/** Claims we keep from a verified ID token: everything but the one-time values. */
export function sessionClaims(claims: IdTokenClaims): IdTokenClaims {
  const { nonce: _nonce, at_hash: _atHash, ...kept } = claims;
  return kept;
}

/** The access token of a token response, to cache; `requestedAt` is when the request was sent. */
export function cachedToken(response: TokenResponse, requestedAt: number): CachedToken {
  return { token: response.accessToken, issuedAt: requestedAt, expiresAt: response.expiresAt };
}

/** A new session from a verified sign-in that asked for `signInResources` beyond the configured ones. */
export function createSession(
  claims: IdTokenClaims,
  response: TokenResponse,
  requestedAt: number,
  signInResources: readonly string[] = [],
): SessionData {
  return {
    v: 1,
    claims: sessionClaims(claims),
    refreshToken: response.refreshToken,
    accessToken: cachedToken(response, requestedAt),
    tokens: {},
    ...(signInResources.length > 0 ? { signInResources: [...signInResources] } : {}),
    signedInAt: Math.floor(requestedAt),
    ...(typeof claims.sid === 'string' && claims.sid !== '' ? { sid: claims.sid } : {}),
  };
}

/** What a back-channel logout can name this session by (see `revocation/`). */
export function sessionRef(session: SessionData): { sub: string; sid?: string; signedInAt: number } {
  const sid = session.sid ?? (typeof session.claims.sid === 'string' ? session.claims.sid : undefined);
  return { sub: session.claims.sub, ...(sid ? { sid } : {}), signedInAt: session.signedInAt ?? 0 };
}

/**
 * A token is due for refresh when it has expired or is about to: within a quarter of its
 * lifetime, capped at 60 s. Short test lifetimes (5 s) are thus refreshed about a second early.
 */
export function isDue(token: Pick<CachedToken, 'issuedAt' | 'expiresAt'> | undefined, now: number): boolean {
  if (!token) return true;
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
  const margin = Math.min(60, lifetime / 4);
  return token.expiresAt - margin <= now;
}

/**
 * What a session proves at `now`:
 * - `verified`: Logto vouched for it within the ID token's lifetime (its claims are unexpired);
 * - `grace`: its claims expired while Logto could not be reached, and the outage grace (counted
 *   from the first failed refresh, `outageSince`) has not run out: served with a notice;
 * - `unverified`: nobody can vouch for it any more. It reads as signed out until a refresh (the
 *   middleware's, on the next page view) verifies it again or ends it; the cookie is kept.
 */
export type SessionStatus = 'verified' | 'grace' | 'unverified';

/**
 * How long past its ID token's expiry a session can be in its outage grace at most. The outage
 * mark lives in the cookie, which the browser holds: a copy made before the mark would start the
 * grace again, so the hard bound comes from the signed claims alone.
 */
const OUTAGE_GRACE_CEILING_SECONDS = 24 * 60 * 60;

/** The `SessionStatus` of `session` at `now` (epoch seconds). */
export function sessionStatus(session: SessionData, now: number, outageGraceSeconds: number): SessionStatus {
  const { claims, outageSince } = session;
  if (claims.exp > now) return 'verified';
  const inGrace = outageSince !== undefined && now < outageSince + outageGraceSeconds && now < claims.exp + OUTAGE_GRACE_CEILING_SECONDS;
  return inGrace ? 'grace' : 'unverified';
}

/** Cached tokens ordered by eviction preference: soonest to expire first. */
export function evictionOrder(session: SessionData): string[] {
  return Object.entries(session.tokens)
    .sort(([, a], [, b]) => a.expiresAt - b.expiresAt)
    .map(([key]) => key);
}

/** A copy of `session` without the cached token under `key` (to fit the cookie budget). */
export function withoutToken(session: SessionData, key: string): SessionData {
  const { [key]: _removed, ...tokens } = session.tokens;
  return { ...session, tokens };
}
