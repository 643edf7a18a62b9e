import { JOSEError } from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';

import { assertAccessTokenClaims } from './claim-assertions';
import { scopesOf } from './claims';
import { LogtoError, logtoErrorMessages } from './errors';
import { getRemoteJwks, isJwksFetchError } from './jwks';
import type { AccessTokenClaims, DiscoveryDocument, FetchLike } from './types';

/** Options of {@link verifyAccessToken}. */
export interface VerifyAccessTokenOptions {
  /** Supplies the issuer, the `jwks_uri` and the algorithm allow-list. */
  discovery: DiscoveryDocument;
  /** The API resource indicator, or `urn:logto:organization:<id>` for organization tokens. */
  audience: string | readonly string[];
  /** Every one of these must be in the token's `scope`. */
  requiredScopes?: readonly string[];
  /** Fetches the JWKS (only the first call for a `jwks_uri` uses its own; see `getRemoteJwks`). */
  fetch: FetchLike;
  /** Leeway for `exp` and `nbf`, in seconds. Default 60. */
  clockToleranceSec?: number;
  /** The current time in epoch seconds (for tests). */
  now?: () => number;
}

const accessTokenTypes = new Set(['at+jwt', 'application/at+jwt']);

/**
 * Reads the token from an `Authorization: Bearer <token>` header (scheme case-insensitive,
 * exactly one token in the RFC 6750 `b64token` syntax).
 *
 * @throws {LogtoError} `access_token.missing` when the header is absent, uses another scheme, or
 *   is malformed.
 * @see RFC 6750 section 2.1
 */
export function parseBearerToken(authorization: string | null | undefined): string {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new LogtoError('access_token.missing');
  return match[1];
}

/**
 * Verifies a Logto JWT access token for an API: the signature with the cached remote JWKS, the
 * algorithm against the discovery allow-list, `iss`, `aud` (one of `audience`), `exp`, presence
 * of `iat` and `sub`, a `typ` header of `at+jwt` (required by RFC 9068 and always sent by Logto, so
 * an ID token or any other JWT is refused),
 * then every `requiredScopes` entry.
 *
 * @throws {LogtoError} `access_token.invalid` (any signature, header or claim failure),
 *   `access_token.insufficient_scope`, `jwks.request_failed` (keys could not be fetched).
 * @see RFC 9068 section 4, RFC 6750 section 3.1, docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<AccessTokenClaims> {
  const { discovery } = options;
  let payload: unknown;
  let typ: string | undefined;
  try {
    const result = await jwtVerify(token, getRemoteJwks(discovery.jwks_uri, options.fetch), {
      algorithms: [...discovery.id_token_signing_alg_values_supported],
      issuer: discovery.issuer,
      audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: options.clockToleranceSec ?? 60,
      ...(options.now ? { currentDate: new Date(options.now() * 1000) } : {}),
    });
    payload = result.payload;
    typ = result.protectedHeader.typ;
  } catch (cause) {
    if (isJwksFetchError(cause)) throw new LogtoError('jwks.request_failed', { cause });
    const detail = cause instanceof JOSEError ? `(${cause.code})` : undefined;
    throw new LogtoError('access_token.invalid', { cause, detail });
  }
  if (typ === undefined || !accessTokenTypes.has(typ.toLowerCase())) {
    throw new LogtoError('access_token.invalid', { detail: 'The "typ" header must be at+jwt.' });
  }
  assertAccessTokenClaims(payload, 'access_token.invalid');
  const granted = new Set(scopesOf(payload));
  if (options.requiredScopes?.some((scope) => !granted.has(scope))) {
    throw new LogtoError('access_token.insufficient_scope');
  }
  return payload;
}

const quoted = (value: string) => `"${value.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '')}"`;

/**
 * The `WWW-Authenticate` value for a 401/403 answer: `Bearer realm="…"` alone when no token was
 * sent, `error="invalid_token"` for an invalid one, `error="insufficient_scope"` with the
 * required `scope` for a token that lacks scopes. Any other error gets the bare challenge.
 *
 * @see RFC 6750 sections 3 and 3.1
 */
export function bearerChallenge(
  error: LogtoError,
  options: { realm?: string; requiredScopes?: readonly string[] } = {},
): string {
  const params: string[] = [];
  if (options.realm !== undefined) params.push(`realm=${quoted(options.realm)}`);
  if (error.code === 'access_token.invalid' || error.code === 'access_token.insufficient_scope') {
    const insufficient = error.code === 'access_token.insufficient_scope';
    params.push(`error=${quoted(insufficient ? 'insufficient_scope' : 'invalid_token')}`);
    params.push(`error_description=${quoted(logtoErrorMessages[error.code])}`);
    if (insufficient && options.requiredScopes?.length) {
      params.push(`scope=${quoted(options.requiredScopes.join(' '))}`);
    }
  }
  return params.length > 0 ? `Bearer ${params.join(', ')}` : 'Bearer';
}
