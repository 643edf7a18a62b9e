import type { Storage } from 'unstorage';
import { logAuthEvent } from '../log.js';
import { openStorage, type OpenedStorage } from './open-storage.js';
import { revocationKeys } from './revocation-keys.js';
import { RevocationStoreError } from './revocation-store-error.js';
import type { RevocationStore, RevocationStoreOptions, RevocationVerdict, SessionRef } from './revocation-types.js';
import type { StoreBackendSetting } from './store-settings.js';
import { VerdictCache } from './verdict-cache.js';
import { withTimeout } from './with-timeout.js';

/** How long a revocation is kept: longer than a session can go unseen (the session cookie lives 14 days). */
export const DEFAULT_ENTRY_TTL_SECONDS = 30 * 24 * 60 * 60;
/** The memory store's bound: the soonest-expiring entries go first beyond it. */
export const DEFAULT_MAX_MEMORY_ENTRIES = 10_000;

/** A store and a way to close its connection (tests, a graceful shutdown). */
export interface DisposableRevocationStore extends RevocationStore {
  dispose(): Promise<void>;
}

const ACTIVE: RevocationVerdict = { state: 'active' };
const REVOKED: RevocationVerdict = { state: 'revoked' };
const UNKNOWN: RevocationVerdict = { state: 'unknown' };

/** A stored revocation time, or undefined when the key is absent (or holds something else). */
function epochOf(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** Redis's EX takes whole seconds, at least one. */
const wholeSeconds = (seconds: number): number => Math.max(1, Math.ceil(seconds));

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/**
 * The store's logic over an unstorage `Storage`, given the verdict cache it should use (one per
 * process and app in production: see `createRevocationStore`).
 */
export function buildRevocationStore(
  source: StoreBackendSetting | Storage,
  options: RevocationStoreOptions,
  cache: VerdictCache,
): DisposableRevocationStore {
  const kind = 'kind' in source ? source.kind : 'custom';
  const now = options.now ?? (() => Date.now() / 1000);
  const entryTtl = wholeSeconds(options.entryTtlSeconds ?? DEFAULT_ENTRY_TTL_SECONDS);
  const keys = revocationKeys(options.namespace);

  let opening: Promise<OpenedStorage> | undefined;
  const open = (): Promise<OpenedStorage> =>
    (opening ??=
      'kind' in source
        ? openStorage(source, {
            maxEntries: options.maxMemoryEntries ?? DEFAULT_MAX_MEMORY_ENTRIES,
            defaultTtlSeconds: entryTtl,
            now,
          })
        : Promise.resolve({ storage: source, dispose: async () => {} }));

  /** One store operation under the timeout; every failure becomes a `RevocationStoreError`. */
  const call = async <T>(operation: (opened: OpenedStorage) => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(open().then(operation));
    } catch (error) {
      throw error instanceof RevocationStoreError ? error : new RevocationStoreError('revocation_store.unavailable', { cause: error });
    }
  };

  /**
   * Stores `at` under `key` unless a later time is there. Read-then-write: two logouts racing may
   * keep the earlier time, which still revokes every session the earlier logout meant to.
   */
  const raiseTo = async (storage: Storage, key: string, at: number): Promise<void> => {
    const stored = epochOf(await storage.getItem(key));
    if (stored === undefined || stored < at) await storage.setItem(key, at, { ttl: entryTtl });
  };

  let failing = false;
  const inFlight = new Map<string, Promise<RevocationVerdict>>();

  const read = async (session: SessionRef): Promise<RevocationVerdict> => {
    const sid = nonEmpty(session.sid);
    // OpenID Connect Back-Channel Logout 1.0 §2.7: a session is logged out by its sid, or with all
    // of its sub's sessions; a session without a sid can only be matched by sub.
    const wanted = sid === undefined ? [keys.sub(session.sub), keys.subWithoutSid(session.sub)] : [keys.sid(sid), keys.sub(session.sub)];
    try {      // One round trip where the driver has getItems (Redis and Upstash: MGET).
      const items = await call(({ storage }) => storage.getItems(wanted));
      const byKey = new Map(items.map((item) => [item.key, item.value as unknown]));
      const [first, second] = wanted.map((key, index) => (byKey.has(key) ? byKey.get(key) : items[index]?.value) ?? null);
      failing = false;
      const revokedAsOf = (value: unknown) => {
        const at = epochOf(value);
        return at !== undefined && at >= session.signedInAt;
      };
      const revoked = sid === undefined ? revokedAsOf(first) || revokedAsOf(second) : first !== null || revokedAsOf(second);
      return revoked ? REVOKED : ACTIVE;
    } catch (error) {
      if (!failing) logAuthEvent('warn', 'revocation_store.check_failed', error, { kind });
      failing = true;
      return UNKNOWN;
    }
  };

  return {
    kind,

    reachableFrom(runtime) {
      return kind === 'memory' || kind === 'redis' ? runtime === 'nodejs' : true;
    },

    async revoke(logout) {
      const sid = nonEmpty(logout.sid);
      const sub = nonEmpty(logout.sub);
      if (sid === undefined && sub === undefined) throw new TypeError('A logout names a sid, a sub or both.');
      if (!Number.isFinite(logout.at)) throw new TypeError('A logout needs its time, in epoch seconds.');
      await call(({ storage }) => {
        const writes: Promise<void>[] = [];
        if (sid !== undefined) writes.push(storage.setItem(keys.sid(sid), logout.at, { ttl: entryTtl }));
        if (sub !== undefined) writes.push(raiseTo(storage, sid === undefined ? keys.sub(sub) : keys.subWithoutSid(sub), logout.at));
        return Promise.all(writes);
      });
      // This process sees its own logout at once; other processes within their cache period.
      cache.forget({ sid, sub });
      inFlight.clear();
    },

    async rememberJti(jti, ttlSeconds) {
      const key = keys.jti(jti);
      const ttl = wholeSeconds(ttlSeconds);
      return call(async ({ storage, setIfAbsent }) => {
        if (setIfAbsent) return setIfAbsent(key, '1', ttl);
        // unstorage has no SET NX, so two deliveries of one token racing here may both pass. That
        // is harmless: each then records the same revocation, which is idempotent.
        if (await storage.hasItem(key)) return false;
        await storage.setItem(key, 1, { ttl });
        return true;
      });
    },

    async check(session) {
      const cached = cache.get(session, now());
      if (cached) return cached;
      const cacheKey = VerdictCache.keyOf(session);
      let pending = inFlight.get(cacheKey);
      if (!pending) {
        const readSince = cache.mark();
        const reading = read(session).then((verdict) => {
          if (options.cacheSeconds > 0) cache.set(session, verdict, now() + options.cacheSeconds, readSince);
          if (inFlight.get(cacheKey) === reading) inFlight.delete(cacheKey);
          return verdict;
        });
        inFlight.set(cacheKey, reading);
        pending = reading;
      }
      return pending;
    },

    async dispose() {
      if (opening) await (await opening.catch(() => undefined))?.dispose();
    },
  };
}
