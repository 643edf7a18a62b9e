import { createStorage, type Storage } from 'unstorage';
import { logAuthEvent } from '../log.js';
import { boundedMemoryDriver, type MemoryDriverOptions } from './memory-driver.js';
import { RevocationStoreError } from './revocation-store-error.js';
import type { StoreBackendSetting } from './store-settings.js';

/** An unstorage `Storage`, and an atomic "set if absent" where the backend has one. */
export interface OpenedStorage {
  storage: Storage;
  /** `SET key value NX EX ttl`: true when the key was absent and is now set. */
  setIfAbsent?: (key: string, value: string, ttlSeconds: number) => Promise<boolean>;
  /** Closes what this module opened (a Redis connection); never the app's own storage. */
  dispose(): Promise<void>;
}

/**
 * Opens the storage a setting names. Drivers are imported at first use, so an app on the memory
 * store never loads a Redis client, and the Edge bundle never holds ioredis (see
 * {@link openRedis}).
 */
export async function openStorage(setting: StoreBackendSetting, memory: MemoryDriverOptions): Promise<OpenedStorage> {
  switch (setting.kind) {
    case 'memory': {
      // No dispose: the entries are the process's, shared with every other bundle.
      return { storage: createStorage({ driver: boundedMemoryDriver(memory) }), dispose: async () => {} };
    }
    case 'redis':
      return openRedis(setting.url);
    case 'upstash':
      return openUpstash(setting.url, setting.token);
  }
}

async function openRedis(url: string): Promise<OpenedStorage> {
  // Next.js replaces `process.env.NEXT_RUNTIME` at build time and drops the dead branch, so the
  // Edge bundle holds no `import('unstorage/drivers/redis')` and so no ioredis (Node's `net`).
  // The same pattern as Next's instrumentation.ts guide.
  if (process.env.NEXT_RUNTIME === 'edge') {
    throw new RevocationStoreError('revocation_store.redis_on_edge');
  } else {
    const { default: redisDriver } = await import('unstorage/drivers/redis');
    const driver = redisDriver({
      url,
      // Fail a command after one reconnection attempt instead of twenty: the store's own one-second
      // timeout answers first anyway, and a queue of stale commands helps nobody.
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
    });
    const client = driver.getInstance?.();
    if (!client) throw new RevocationStoreError('revocation_store.unavailable');
    // Without a listener ioredis prints every reconnection failure; report one per outage instead.
    let reported = false;
    client.on('error', (error: unknown) => {
      if (reported) return;
      reported = true;
      logAuthEvent('warn', 'revocation_store.redis_error', error);
    });
    client.on('ready', () => {
      reported = false;
    });
    return {
      storage: createStorage({ driver }),
      setIfAbsent: async (key, value, ttlSeconds) => (await client.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK',
      dispose: async () => {
        client.disconnect();
      },
    };
  }
}

async function openUpstash(url: string, token: string): Promise<OpenedStorage> {
  const { default: upstashDriver } = await import('unstorage/drivers/upstash');
  const driver = upstashDriver({
    url,
    token,
    // The client's default is five retries with exponential backoff, far past the store's timeout.
    retry: { retries: 1, backoff: () => 100 },
    enableTelemetry: false,
  });
  const client = driver.getInstance?.();
  if (!client) throw new RevocationStoreError('revocation_store.unavailable');
  return {
    storage: createStorage({ driver }),
    setIfAbsent: async (key, value, ttlSeconds) => (await client.set(key, value, { nx: true, ex: ttlSeconds })) === 'OK',
    dispose: async () => {},
  };
}
