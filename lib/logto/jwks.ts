import { JOSEError, JWKSInvalid, JWKSTimeout } from 'jose/errors';
import { createRemoteJWKSet, customFetch, type RemoteJWKSet } from 'jose/jwks/remote';

import type { FetchLike } from './types.js';

/** Keys are re-fetched at the latest after this long. */
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60 * 1000;
/**
 * After a fetch, a token with an unknown `kid` triggers another fetch only once this has passed:
 * a stream of forged `kid`s costs at most one request per cooldown, and a rotated key is picked up
 * by the first fetch after it.
 */
export const JWKS_COOLDOWN_MS = 30 * 1000;
/** How long one JWKS fetch may take before it fails with `jwks.request_failed`. */
export const JWKS_TIMEOUT_MS = 10 * 1000;

const cache = new Map<string, RemoteJWKSet>();

/**
 * The remote key set for a `jwks_uri`, created once per URI and kept for the process, so keys are
 * fetched once and shared by every verification (jose caches them for
 * {@link JWKS_CACHE_MAX_AGE_MS}, refetching on an unknown `kid` at most once per
 * {@link JWKS_COOLDOWN_MS}). The `fetch` of the first call for a URI is the one used.
 *
 * @throws {TypeError} When `jwksUri` is not an absolute URL.
 * @see RFC 7517 section 5, OpenID Connect Core 1.0 section 10.1.1, docs/logto-protocol.md#discovery
 */
export function getRemoteJwks(jwksUri: string, fetch: FetchLike): RemoteJWKSet {
  let jwks = cache.get(jwksUri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(jwksUri), {
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
      timeoutDuration: JWKS_TIMEOUT_MS,
      [customFetch]: (url, init) => fetch(url, init),
    });
    cache.set(jwksUri, jwks);
  }
  return jwks;
}

/**
 * Forgets every cached key set (for tests).
 *
 * @see getRemoteJwks
 */
export function clearJwksCache(): void {
  cache.clear();
}

/** Whether a jose failure came from fetching or parsing the JWKS rather than from the token. */
export const isJwksFetchError = (error: unknown): boolean =>
  !(error instanceof JOSEError) ||
  error instanceof JWKSTimeout ||
  error instanceof JWKSInvalid ||
  error.code === JOSEError.code;
