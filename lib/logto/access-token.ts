import { JOSEError } from 'jose/errors';
import { jwtVerify } from 'jose/jwt/verify';

import { assertString } from './assert.js';
import { assertAccessTokenClaims } from './claim-assertions.js';
import { scopesOf } from './claims.js';
import { LogtoError, logtoErrorMessages, type LogtoErrorCode } from './errors.js';
import { getRemoteJwks, isJwksFetchError } from './jwks.js';
import type { AccessTokenClaims, DiscoveryDocument, FetchLike } from './types.js';

/** Options of {@link verifyAccessToken}. */
export interface VerifyAccessTokenOptions {
  /** Supplies the issuer, the `jwks_uri` and the algorithm allow-list. */
  discovery: DiscoveryDocument;
  /** The API resource indicator, or `urn:logto:organization:<id>` for organization tokens. */
  audience: string | readonly string[];
  /** Every one of these must be in the token's `scope`. */
  requiredScopes?: readonly string[];
  /**
   * The organization the token must be scoped to. Absent: the API is global, and a token carrying
   * `organization_id` is refused, because Logto fills its `scope` from the user's roles in that
   * organization. Set: the API is organization-level, and the token's `organization_id` must be
   * exactly this id. (Organization tokens, `aud` `urn:logto:organization:<id>`, carry no
   * `organization_id`: their organization is checked through `audience`.)
   */
  organizationId?: string;
  /** Fetches the JWKS (only the first call for a `jwks_uri` uses its own; see `getRemoteJwks`). */
  fetch: FetchLike;
  /** Leeway for `exp` and `nbf`, in seconds. Default 60. */
  clockToleranceSec?: number;
  /** The current time in epoch seconds (for tests). */
  now?: () => number;
}

/** What {@link verifyAccessToken} returns: the claims, with RFC 9068's `client_id` and `jti` present. */
export type VerifiedAccessTokenClaims = AccessTokenClaims & { client_id: string; jti: string };

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
 * of `iat`, `sub`, `client_id` and `jti` (RFC 9068 section 2.2; Logto sends all of them), a `typ`
 * header of `at+jwt` (required by RFC 9068 and always sent by Logto, so an ID token or any other
 * JWT is refused), then the organization (`organizationId`), then every `requiredScopes` entry.
 *
 * @throws {LogtoError} `access_token.invalid` (any signature, header or claim failure),
 *   `access_token.organization_not_allowed` (an organization-scoped token for a global API),
 *   `access_token.organization_required` (a token without `organization_id` for an
 *   organization-level API), `access_token.organization_mismatch` (another organization's token),
 *   `access_token.insufficient_scope`, `jwks.request_failed` (keys could not be fetched).
 * @throws {TypeError} When `organizationId` is an empty string.
 * @see RFC 9068 sections 2.2 and 4, RFC 6750 section 3.1, docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens
 */
export async function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<VerifiedAccessTokenClaims> {
  const { discovery } = options;
  if (options.organizationId === '') throw new TypeError('"organizationId" must be a non-empty string when set');
  let payload: unknown;
  let typ: string | undefined;
  try {
    const result = await jwtVerify(token, getRemoteJwks(discovery.jwks_uri, options.fetch), {
      algorithms: [...discovery.id_token_signing_alg_values_supported],
      issuer: discovery.issuer,
      audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
      requiredClaims: ['exp', 'iat', 'sub', 'client_id', 'jti'],
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
  const { client_id: clientId, jti } = payload;
  assertString(clientId, 'access_token.invalid', 'client_id', { nonEmpty: true });
  assertString(jti, 'access_token.invalid', 'jti', { nonEmpty: true });
  assertOrganization(payload, options.organizationId);
  const granted = new Set(scopesOf(payload));
  if (options.requiredScopes?.some((scope) => !granted.has(scope))) {
    throw new LogtoError('access_token.insufficient_scope');
  }
  return { ...payload, client_id: clientId, jti };
}

/**
 * The organization check: the claim's presence decides, not its value, so an empty
 * `organization_id` is still an organization-scoped token.
 * @see https://docs.logto.io/authorization/organization-level-api-resources
 */
function assertOrganization(claims: AccessTokenClaims, expected: string | undefined): void {
  const scoped = Object.hasOwn(claims, 'organization_id');
  if (expected === undefined) {
    if (scoped) throw new LogtoError('access_token.organization_not_allowed');
  } else if (!scoped) {
    throw new LogtoError('access_token.organization_required');
  } else if (claims.organization_id !== expected) {
    throw new LogtoError('access_token.organization_mismatch');
  }
}

const quoted = (value: string) => `"${value.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '')}"`;

/** The RFC 6750 `error` of each access-token failure that has one. */
const bearerErrors: Partial<Record<LogtoErrorCode, 'invalid_token' | 'insufficient_scope'>> = {
  'access_token.invalid': 'invalid_token',
  'access_token.insufficient_scope': 'insufficient_scope',
  'access_token.organization_not_allowed': 'insufficient_scope',
  'access_token.organization_required': 'insufficient_scope',
  'access_token.organization_mismatch': 'insufficient_scope',
};

/**
 * The `WWW-Authenticate` value for a 401/403 answer: `Bearer realm="…"` alone when no token was
 * sent, `error="invalid_token"` for an invalid one, `error="insufficient_scope"` with the
 * required `scope` for a token that lacks scopes, and `error="insufficient_scope"` without
 * `scope` for a valid token whose organization (or lack of one) does not fit the API: the token
 * is sound but does not grant this request, so it is 403, not 401. Any other error gets the bare
 * challenge.
 *
 * @see RFC 6750 sections 3 and 3.1
 */
export function bearerChallenge(
  error: LogtoError,
  options: { realm?: string; requiredScopes?: readonly string[] } = {},
): string {
  const params: string[] = [];
  if (options.realm !== undefined) params.push(`realm=${quoted(options.realm)}`);
  const bearerError = bearerErrors[error.code];
  if (bearerError) {
    params.push(`error=${quoted(bearerError)}`);
    params.push(`error_description=${quoted(logtoErrorMessages[error.code])}`);
    if (error.code === 'access_token.insufficient_scope' && options.requiredScopes?.length) {
      params.push(`scope=${quoted(options.requiredScopes.join(' '))}`);
    }
  }
  return params.length > 0 ? `Bearer ${params.join(', ')}` : 'Bearer';
}

