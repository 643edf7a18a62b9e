import type { Storage } from 'unstorage';
import type { LogtoConfig } from '../../config.js';
import { sessionRef, type SessionData } from '../cookies/session-data.js';
import { createRevocationStore, type RevocationStore } from './revocation-store.js';

/** The runtime this code runs in, as Next.js sets it (`NEXT_RUNTIME`; unset outside Next, e.g. in tests). */
export function currentRuntime(): 'nodejs' | 'edge' {
  return process.env.NEXT_RUNTIME === 'edge' ? 'edge' : 'nodejs';
}

/**
 * What a reader knows about a session's back-channel logouts:
 * - `active`, `revoked`: the store answered (or answered within the cache period);
 * - `unknown`: the store could not be read: the session is served, with a notice;
 * - `unreachable`: this runtime cannot see the store (memory or Redis from the Edge runtime);
 * - `off`: back-channel logout is turned off (`LOGTO_SESSION_STORE=off`).
 */
export type RevocationState = 'active' | 'revoked' | 'unknown' | 'unreachable' | 'off';

/** The revocation store of one `createLogto` instance: built at first use from its configuration. */
export type RevocationStoreOf = (config: LogtoConfig) => RevocationStore | null;

/**
 * The store for a configuration, memoised while the settings stay the same. `custom` is an
 * unstorage `Storage` the app passed in code (Vercel KV, Cloudflare KV, …); it wins over
 * `LOGTO_SESSION_STORE` unless that says `off`.
 */
export function createRevocationStoreOf(custom?: Storage): RevocationStoreOf {
  let cached: { config: LogtoConfig; key: string; store: RevocationStore } | undefined;
  return (config) => {
    const setting = config.sessionStore;
    if (setting.kind === 'off') return null;
    // Every reader asks on every request: the validated configuration is one memoised object, so
    // the same object answers at once and only a new one is compared by its settings.
    if (cached?.config === config) return cached.store;
    const key = JSON.stringify([custom ? 'custom' : setting, config.revocationCacheSeconds, config.appId]);
    if (cached?.key !== key) {
      const options = { namespace: config.appId, cacheSeconds: config.revocationCacheSeconds };
      cached = { config, key, store: createRevocationStore(custom ?? setting, options) };
    } else {
      cached = { ...cached, config };
    }
    return cached.store;
  };
}

/** Whether `session` was ended by a back-channel logout, as far as this runtime can tell. */
export async function revocationState(store: RevocationStore | null, session: SessionData): Promise<RevocationState> {
  if (!store) return 'off';
  if (!store.reachableFrom(currentRuntime())) return 'unreachable';
  return (await store.check(sessionRef(session))).state;
}
