import type { Storage } from 'unstorage';
import type { RevocationStoreOptions } from './revocation-types.js';
import { buildRevocationStore, type DisposableRevocationStore } from './store-core.js';
import type { StoreBackendSetting } from './store-settings.js';
import { VerdictCache } from './verdict-cache.js';

export type { RevocationStore, RevocationStoreOptions, RevocationVerdict, SessionRef } from './revocation-types.js';
export type { DisposableRevocationStore } from './store-core.js';
export { RevocationStoreError, type RevocationStoreErrorCode } from './revocation-store-error.js';

const VERDICT_CACHE_ENTRIES = 10_000;

/**
 * One verdict cache per app and store kind for the whole process, on `globalThis`: Next.js builds
 * the middleware (or proxy) and the route handlers as separate bundles in one process, and the
 * route's `revoke` must clear what the middleware's copy cached.
 */
const CACHES = Symbol.for('next-logto.revocation-verdicts');

function processVerdictCache(scope: string): VerdictCache {
  const holder = globalThis as typeof globalThis & { [CACHES]?: Map<string, VerdictCache> };
  const caches = (holder[CACHES] ??= new Map());
  let cache = caches.get(scope);
  if (!cache) {
    cache = new VerdictCache(VERDICT_CACHE_ENTRIES);
    caches.set(scope, cache);
  }
  return cache;
}

/**
 * The store of back-channel logouts (OpenID Connect Back-Channel Logout 1.0) for one app:
 * memory (this process only), Redis (`redis://`, `rediss://`), Upstash Redis over REST, or an
 * unstorage `Storage` the app supplies (kind `custom`: Vercel KV, Cloudflare KV, …). Nothing is
 * opened or imported until the first call.
 */
export function createRevocationStore(source: StoreBackendSetting | Storage, options: RevocationStoreOptions): DisposableRevocationStore {
  const kind = 'kind' in source ? source.kind : 'custom';
  return buildRevocationStore(source, options, processVerdictCache(`${kind}\n${options.namespace}`));
}
