import { decodeJwt } from 'jose/jwt/decode';

import { assertAccessTokenClaims } from './claim-assertions.js';
import { LogtoError } from './errors.js';
import type { AccessTokenClaims } from './types.js';

/**
 * Decodes a JWT's payload **without verifying it**. Only for tokens already trusted, e.g. to show
 * an access token's `aud`, `scope` and `exp` that came straight from the token endpoint over TLS.
 *
 * @throws {LogtoError} `access_token.invalid` when `jwt` is not a JWT with a JSON object payload.
 * @see RFC 7519 section 7.2
 */
export function decodeJwtClaims(jwt: string): Record<string, unknown> {
  try {
    return { ...decodeJwt(jwt) };
  } catch (cause) {
    throw new LogtoError('access_token.invalid', { cause });
  }
}

/**
 * Decodes a Logto JWT access token's claims **without verifying it** and checks their types.
 *
 * @throws {LogtoError} `access_token.invalid` when it is not a JWT or a claim has the wrong type.
 * @see RFC 9068 section 2.2, docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens
 */
export function decodeAccessTokenClaims(jwt: string): AccessTokenClaims {
  const claims = decodeJwtClaims(jwt);
  assertAccessTokenClaims(claims, 'access_token.invalid');
  return claims;
}

/**
 * The scopes in a space-separated `scope` claim; `[]` when it is absent or empty.
 *
 * @see RFC 9068 section 2.2.3, RFC 6749 section 3.3
 */
export function scopesOf(claims: { scope?: string }): string[] {
  return (claims.scope ?? '').split(' ').filter((scope) => scope.length > 0);
}
