import {
  JOSEAlgNotAllowed,
  JOSEError,
  JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
} from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';

import { isObject } from './assert.js';
import { LogtoError } from './errors.js';
import { getRemoteJwks, isJwksFetchError } from './jwks.js';
import type { DiscoveryDocument, FetchLike } from './types.js';

/**
 * The claims of a verified back-channel logout token. Other claims the provider adds are kept on
 * the object as they came (the spec says claims that are not understood are ignored).
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#LogoutToken
 */
export interface LogoutTokenClaims {
  iss: string;
  aud: string | string[];
  iat: number;
  jti: string;
  events: Record<string, unknown>;
  /** The user to sign out everywhere (when `sid` is absent) or the user of `sid`. */
  sub?: string;
  /** The provider's session to end (the `sid` claim of the ID token of that session). */
  sid?: string;
  exp?: number;
}

/** Options of {@link verifyLogoutToken}. */
export interface VerifyLogoutTokenOptions {
  /** Supplies the issuer, the `jwks_uri` and the algorithm allow-list (`id_token_signing_alg_values_supported`). */
  discovery: DiscoveryDocument;
  /** The Logto app's ID: the audience the token must be for. */
  clientId: string;
  /** Fetches the JWKS (only the first call for a `jwks_uri` uses its own; see `getRemoteJwks`). */
  fetch: FetchLike;
  /** How old `iat` may be, in seconds (plus the tolerance). Default 300. */
  maxAgeSec?: number;
  /** Leeway in seconds for an `iat` in the future and for `exp`. Default 60. */
  clockToleranceSec?: number;
  /** The current time in epoch seconds (for tests). */
  now?: () => number;
}

/** The `events` member that makes a JWT a logout token (Back-Channel Logout 1.0 section 2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Longer tokens are refused before any parsing or crypto; Logto's are well under 1 KiB. */
const MAX_TOKEN_LENGTH = 16 * 1024;
/** A compact JWS: three base64url parts. Encrypted (five-part) logout tokens are not supported. */
const compactJws = /^[\w-]+\.[\w-]+\.[\w-]+$/;
/**
 * `typ` values accepted, lower-cased: `logout+jwt` (RECOMMENDED by section 2.4, sent by Logto) with
 * or without its `application/` prefix (RFC 7515 section 4.1.9), and the generic `JWT`, which says
 * no more than an absent `typ` (RFC 7519 section 5.1; Keycloak sends it). Any other type names
 * another kind of JWT (`at+jwt`, `secevent+jwt`, …) and is refused (RFC 8725 section 3.11).
 * Neither typing stops an untyped ID token: the `events` and `nonce` rules do (section 4.1).
 */
const acceptedTypes = new Set(['logout+jwt', 'application/logout+jwt', 'jwt', 'application/jwt']);

const DEFAULT_MAX_AGE_SEC = 300;
const DEFAULT_CLOCK_TOLERANCE_SEC = 60;

function refuse(rule: string, reason?: string): never {
  throw new LogtoError('logout_token.invalid', { detail: reason ? `(${rule}) ${reason}` : `(${rule})` });
}

const nonNegative = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`"${name}" must be a non-negative finite number`);
  return value;
};

const timing = (options: Pick<VerifyLogoutTokenOptions, 'maxAgeSec' | 'clockToleranceSec'>) => ({
  maxAgeSec: nonNegative(options.maxAgeSec, DEFAULT_MAX_AGE_SEC, 'maxAgeSec'),
  clockToleranceSec: nonNegative(options.clockToleranceSec, DEFAULT_CLOCK_TOLERANCE_SEC, 'clockToleranceSec'),
});

/**
 * How long a `jti` must be remembered to refuse replays for as long as the token would be
 * accepted: `iat` is accepted from `tolerance` before it until `maxAge + tolerance` after it, so
 * `maxAge + 2 × tolerance` seconds, plus 1 because the clock is compared in whole seconds.
 * With the defaults, 421 seconds.
 *
 * @throws {TypeError} When an option is negative or not finite.
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation (step 7: replay)
 */
export function logoutTokenReplayWindowSec(
  options: Pick<VerifyLogoutTokenOptions, 'maxAgeSec' | 'clockToleranceSec'> = {},
): number {
  const { maxAgeSec, clockToleranceSec } = timing(options);
  return maxAgeSec + 2 * clockToleranceSec + 1;
}

/** Maps a jose failure to the library's codes: signature, key fetching, or a broken rule. */
function toLogtoError(cause: unknown): LogtoError {
  if (
    cause instanceof JWSSignatureVerificationFailed ||
    cause instanceof JWKSNoMatchingKey ||
    cause instanceof JWKSMultipleMatchingKeys
  ) {
    return new LogtoError('logout_token.invalid_signature', { cause });
  }
  if (isJwksFetchError(cause)) return new LogtoError('jwks.request_failed', { cause });
  // Only names fixed by jose or by this module go into the detail, never text from the token.
  let rule = cause instanceof JOSEError ? cause.code : 'jwt';
  if (cause instanceof JWTClaimValidationFailed || cause instanceof JWTExpired) rule = cause.claim;
  else if (cause instanceof JOSEAlgNotAllowed) rule = 'alg';
  return new LogtoError('logout_token.invalid', { cause, detail: `(${rule})` });
}

/**
 * Verifies a back-channel logout token (the `logout_token` form parameter Logto POSTs to the
 * app's back-channel logout URI), following Back-Channel Logout 1.0 section 2.6:
 *
 * - a compact JWS of at most 16 KiB, checked before any crypto;
 * - the signature with the cached remote JWKS (an unknown `kid` refetches as `getRemoteJwks`
 *   allows), the algorithm from the discovery allow-list only, so `none` and HS* never pass, and
 *   `crit` extensions jose does not understand refused (RFC 7515 section 4.1.11);
 * - `typ` absent, `logout+jwt` or `JWT` (case-insensitive, `application/` allowed); any other
 *   type is another kind of JWT and refused;
 * - `iss`, `aud`, `iat` and `exp` as for an ID token (step 3; OpenID Connect Core 1.0 section
 *   3.1.3.7 steps 2, 3, 9 and 10): `iss` the discovery issuer; `aud` the client and nothing else
 *   (step 3 of Core refuses "additional audiences not trusted by the Client", and this client
 *   trusts none: Logto sends the app id as a string); `iat` required, at most `maxAgeSec` old and
 *   at most `clockToleranceSec` ahead; `exp` optional (Logto sends none) but honoured with the
 *   tolerance;
 * - `jti` a non-empty string (section 2.4; refusing a replay is the caller's job, for
 *   {@link logoutTokenReplayWindowSec} seconds);
 * - `events` an object whose `http://schemas.openid.net/event/backchannel-logout` member is an
 *   object (step 5);
 * - `sub`, `sid` or both, each a non-empty string when present (step 4);
 * - no `nonce` (step 6).
 *
 * Which sessions to end (`sid`, else every session of `sub`) is the caller's decision (section 2.7).
 *
 * @throws {LogtoError} `logout_token.invalid` (the detail names the rule in parentheses: `(format)`,
 *   `(size)`, `(alg)`, `(typ)`, `(iss)`, `(aud)`, `(iat)`, `(exp)`, `(nbf)`, `(jti)`, `(events)`,
 *   `(sub)`, `(sid)`, `(nonce)`, or a jose error code for a malformed JWS or header),
 *   `logout_token.invalid_signature` (bad signature, or no key for the `kid` even after a JWKS
 *   refetch), `jwks.request_failed` (keys could not be fetched).
 * @throws {TypeError} When `maxAgeSec` or `clockToleranceSec` is negative or not finite, or `now()`
 *   is not a finite number.
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#LogoutToken
 * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#CrossJWT
 */
export async function verifyLogoutToken(token: string, options: VerifyLogoutTokenOptions): Promise<LogoutTokenClaims> {
  const { maxAgeSec, clockToleranceSec } = timing(options);
  const now = options.now?.() ?? Date.now() / 1000;
  if (!Number.isFinite(now)) throw new TypeError('"now" must return a finite number of seconds');
  // The value comes from a request body, so the type annotation is not trusted.
  if (typeof token !== 'string' || !compactJws.test(token)) refuse('format', 'Not a compact JWS.');
  if (token.length > MAX_TOKEN_LENGTH) refuse('size');

  const { discovery } = options;
  let payload: Record<string, unknown>;
  let typ: unknown;
  try {
    const result = await jwtVerify(token, getRemoteJwks(discovery.jwks_uri, options.fetch), {
      algorithms: [...discovery.id_token_signing_alg_values_supported],
      issuer: discovery.issuer,
      audience: options.clientId,
      maxTokenAge: maxAgeSec,
      clockTolerance: clockToleranceSec,
      currentDate: new Date(now * 1000),
    });
    payload = result.payload;
    typ = result.protectedHeader.typ;
  } catch (cause) {
    throw toLogtoError(cause);
  }

  if (typ !== undefined && (typeof typ !== 'string' || !acceptedTypes.has(typ.toLowerCase()))) {
    refuse('typ', 'The token is another kind of JWT.');
  }
  // jose has checked `iss`, that `aud` holds the client, that `iat` is a number inside the window
  // and that an `exp` has not passed; what follows narrows the types and adds the logout rules.
  const { iss, aud, iat, exp, jti, events, sub, sid } = payload;
  if (typeof iss !== 'string') refuse('iss');
  const isClient = (value: unknown): value is string => value === options.clientId;
  if (!isClient(aud) && !(Array.isArray(aud) && aud.length > 0 && aud.every(isClient))) {
    refuse('aud', 'The token lists an audience other than the client.');
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) refuse('iat');
  if (exp !== undefined && (typeof exp !== 'number' || !Number.isFinite(exp))) refuse('exp');
  if (typeof jti !== 'string' || jti.length === 0) refuse('jti', 'A non-empty "jti" is required.');
  if (!isObject(events) || !Object.hasOwn(events, BACKCHANNEL_LOGOUT_EVENT) || !isObject(events[BACKCHANNEL_LOGOUT_EVENT])) {
    refuse('events', 'The back-channel logout event must be an object member of "events".');
  }
  if (sub === undefined && sid === undefined) refuse('sub', 'Neither "sub" nor "sid" is present.');
  if (sub !== undefined && (typeof sub !== 'string' || sub.length === 0)) refuse('sub', 'Must be a non-empty string.');
  if (sid !== undefined && (typeof sid !== 'string' || sid.length === 0)) refuse('sid', 'Must be a non-empty string.');
  if (Object.hasOwn(payload, 'nonce')) refuse('nonce', 'A logout token must not carry a nonce.');

  return {
    ...payload,
    iss,
    aud,
    iat,
    jti,
    events,
    ...(sub === undefined ? {} : { sub }),
    ...(sid === undefined ? {} : { sid }),
    ...(exp === undefined ? {} : { exp }),
  };
}
