import { JOSEError, JWKSMultipleMatchingKeys, JWKSNoMatchingKey, JWSSignatureVerificationFailed } from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';

import { assertIdTokenClaims } from './claim-assertions.js';
import { LogtoError } from './errors.js';
import { timingSafeEqual } from './http.js';
import { getRemoteJwks, isJwksFetchError } from './jwks.js';
import type { DiscoveryDocument, FetchLike, IdTokenClaims } from './types.js';

/** Options of {@link verifyIdToken}. */
export interface VerifyIdTokenOptions {
  /** Supplies the issuer, the `jwks_uri` and the algorithm allow-list. */
  discovery: DiscoveryDocument;
  /** The Logto app's ID: the audience the token must be for. */
  clientId: string;
  /** Fetches the JWKS (only the first call for a `jwks_uri` uses its own; see `getRemoteJwks`). */
  fetch: FetchLike;
  /** The nonce sent with the authorization request; when given, the claim must be present and equal. */
  nonce?: string;
  /** On refresh: the `sub` of the signed-in user; a token for anyone else is refused. */
  expectedSubject?: string;
  /** Leeway for `exp` and `nbf`, in seconds. Default 60. */
  clockToleranceSec?: number;
  /** Largest allowed distance between `iat` and now, in seconds. Default 300 (the Logto SDK's). */
  maxIatSkewSec?: number;
  /** The current time in epoch seconds (for tests). */
  now?: () => number;
}

const foreignTypes = new Set(['at+jwt', 'application/at+jwt', 'logout+jwt', 'application/logout+jwt']);

/**
 * Verifies an ID token from the token endpoint: the signature with the cached remote JWKS, the
 * algorithm against the discovery allow-list (so `none` and HS* never pass), `iss`, `aud` (the
 * client and nothing else), `azp` (when present, the client), `exp`, presence of `iat` and `sub`,
 * `|iat − now|`, the `nonce` when one was sent, and the subject on refresh. A `typ` header is not
 * required (Logto 1.42+ sends none) but access-token and logout-token types are refused; `at_hash`
 * is neither required nor checked (1.42+ drops it). Returns the narrowed claims.
 *
 * @throws {LogtoError} `id_token.invalid` (malformed, alg not allowed, wrong `iss`/`aud`/`azp`,
 *   expired, missing or ill-typed claims), `id_token.invalid_signature` (bad signature, or no key
 *   for the `kid` even after a JWKS refetch), `id_token.invalid_iat`, `id_token.nonce_mismatch`,
 *   `id_token.subject_mismatch`, `jwks.request_failed` (keys could not be fetched).
 * @see OpenID Connect Core 1.0 section 3.1.3.7, docs/logto-protocol.md#claims
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokens (same `sub` after a refresh)
 */
export async function verifyIdToken(idToken: string, options: VerifyIdTokenOptions): Promise<IdTokenClaims> {
  const now = options.now?.() ?? Date.now() / 1000;
  const { discovery } = options;
  let payload: unknown;
  let typ: string | undefined;
  try {
    const result = await jwtVerify(idToken, getRemoteJwks(discovery.jwks_uri, options.fetch), {
      algorithms: [...discovery.id_token_signing_alg_values_supported],
      issuer: discovery.issuer,
      audience: options.clientId,
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: options.clockToleranceSec ?? 60,
      currentDate: new Date(now * 1000),
    });
    payload = result.payload;
    typ = result.protectedHeader.typ;
  } catch (cause) {
    if (
      cause instanceof JWSSignatureVerificationFailed ||
      cause instanceof JWKSNoMatchingKey ||
      cause instanceof JWKSMultipleMatchingKeys
    ) {
      throw new LogtoError('id_token.invalid_signature', { cause });
    }
    if (isJwksFetchError(cause)) throw new LogtoError('jwks.request_failed', { cause });
    const detail = cause instanceof JOSEError ? `(${cause.code})` : undefined;
    throw new LogtoError('id_token.invalid', { cause, detail });
  }

  if (typ !== undefined && foreignTypes.has(typ.toLowerCase())) {
    throw new LogtoError('id_token.invalid', { detail: `The "typ" header is "${typ}".` });
  }
  assertIdTokenClaims(payload, 'id_token.invalid');
  const claims = payload;
  // The client trusts no audience but itself (step 3), and an `azp` must name it (step 5; on
  // refresh, OIDC Core 12.2 forbids an `azp` the first ID token did not carry: Logto sends none).
  if (Array.isArray(claims.aud) && claims.aud.some((audience) => audience !== options.clientId)) {
    throw new LogtoError('id_token.invalid', { detail: 'The "aud" claim lists an audience other than the client.' });
  }
  if (claims.azp !== undefined && claims.azp !== options.clientId) {
    throw new LogtoError('id_token.invalid', { detail: '"azp" must be the client id.' });
  }
  if (Math.abs(claims.iat - now) > (options.maxIatSkewSec ?? 300)) {
    throw new LogtoError('id_token.invalid_iat');
  }
  if (
    options.nonce !== undefined &&
    (typeof claims.nonce !== 'string' || !timingSafeEqual(claims.nonce, options.nonce))
  ) {
    throw new LogtoError('id_token.nonce_mismatch');
  }
  if (options.expectedSubject !== undefined && claims.sub !== options.expectedSubject) {
    throw new LogtoError('id_token.subject_mismatch');
  }
  return claims;
}

/**
 * Checks the ID token's `auth_time` after a sign-in that asked for a fresh authentication:
 * with `max_age`, the authentication is at most that old; with `prompt=login`, it happened after
 * the sign-in started (`notBefore`). Both allow `clockToleranceSec` (default 60) of skew.
 *
 * @throws {LogtoError} `id_token.stale_authentication` when `auth_time` is missing or too old.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation (step 13; the `prompt=login` check is this library's own)
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest (`max_age`, `prompt=login`)
 */
export function checkAuthTime(
  claims: Pick<IdTokenClaims, 'auth_time'>,
  options: { maxAge?: number; notBefore?: number; now: number; clockToleranceSec?: number },
): void {
  if (options.maxAge === undefined && options.notBefore === undefined) return;
  const tolerance = options.clockToleranceSec ?? 60;
  const authTime = claims.auth_time;
  if (typeof authTime !== 'number') throw new LogtoError('id_token.stale_authentication', { detail: 'No "auth_time".' });
  if (options.maxAge !== undefined && options.now - authTime > options.maxAge + tolerance) {
    throw new LogtoError('id_token.stale_authentication');
  }
  if (options.notBefore !== undefined && authTime < options.notBefore - tolerance) {
    throw new LogtoError('id_token.stale_authentication');
  }
}
