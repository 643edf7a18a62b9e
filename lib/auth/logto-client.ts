import type { LogtoConfig } from '../config.js';
import { getDiscovery } from '../logto/discovery.js';
import type { DiscoveryDocument, FetchLike } from '../logto/types.js';

/** Requests to Logto are never cached by Next's fetch cache. */
const uncachedFetch: FetchLike = (input, init) => fetch(input, { ...init, cache: 'no-store' });

let fetchOverride: FetchLike | undefined;

/** The fetch every Logto call goes through. Tests swap it for a fake provider. */
export function logtoFetch(): FetchLike {
  return fetchOverride ?? uncachedFetch;
}

/** For tests: route Logto calls to a fake provider (pass `undefined` to restore). */
export function setLogtoFetchForTests(fetch: FetchLike | undefined): void {
  fetchOverride = fetch;
}

/** Timeout for calls made while a person waits (sign-in, refresh ahead of a render). */
export const LOGTO_TIMEOUT_MS = 8_000;

/** The `RequestOptions` of every call to Logto: `logtoFetch()` and `LOGTO_TIMEOUT_MS`. */
export function requestOptions() {
  return { fetch: logtoFetch(), timeoutMs: LOGTO_TIMEOUT_MS };
}

/**
 * The tenant's discovery document, fetched once per process and endpoint.
 * @throws LogtoError `discovery.*` when it cannot be fetched or is invalid (see `getDiscovery`).
 */
export function discover(config: LogtoConfig): Promise<DiscoveryDocument> {
  return getDiscovery(config.endpoint, requestOptions());
}
