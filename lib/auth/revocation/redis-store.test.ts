import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisSkipReason, startRedisServer, type RedisServer } from '../test-utils/redis-server.js';
import { createRevocationStore, RevocationStoreError, type DisposableRevocationStore, type RevocationStoreOptions } from './revocation-store.js';
import { buildRevocationStore } from './store-core.js';
import { describeRevocationSemantics } from './test-utils/revocation-semantics.js';
import { VerdictCache } from './verdict-cache.js';

const skipReason = redisSkipReason();
let server: RedisServer | undefined;

beforeAll(async () => {
  if (!skipReason) server = await startRedisServer();
}, 20_000);
afterAll(async () => {
  await server?.stop();
});

const redisUrl = () => {
  if (!server) throw new Error('redis-server was not started');
  return server.url;
};

describeRevocationSemantics(
  'redis',
  () => (namespace: string, options: Partial<RevocationStoreOptions> = {}) =>
    createRevocationStore({ kind: 'redis', url: redisUrl() }, { namespace, cacheSeconds: 0, ...options }),
  skipReason,
);

// Skipped only on a developer's machine without redis-server (redisSkipReason says so in the
// report); CI installs it and sets CI, where a missing binary fails instead.
describe.skipIf(skipReason !== undefined)(`redis store${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const opened: DisposableRevocationStore[] = [];
  const clients: Redis[] = [];
  const track = <T extends DisposableRevocationStore>(store: T) => (opened.push(store), store);
  const client = () => {
    const redis = new Redis(redisUrl());
    clients.push(redis);
    return redis;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.dispose()));
    clients.splice(0).forEach((redis) => redis.disconnect());
    vi.restoreAllMocks();
  });

  it('is reachable from Node.js only', () => {
    const store = track(createRevocationStore({ kind: 'redis', url: redisUrl() }, { namespace: 'app', cacheSeconds: 0 }));
    expect(store.kind).toBe('redis');
    expect(store.reachableFrom('nodejs')).toBe(true);
    expect(store.reachableFrom('edge')).toBe(false);
  });

  it('gives every entry a TTL: entryTtlSeconds for revocations, its own for a jti', async () => {
    const namespace = `app-${randomUUID()}`;
    const store = track(createRevocationStore({ kind: 'redis', url: redisUrl() }, { namespace, cacheSeconds: 0, entryTtlSeconds: 3600 }));
    await store.revoke({ sid: 'sid-1', sub: 'user-1', at: 1_800_000_000 });
    await store.revoke({ sub: 'user-2', at: 1_800_000_000 });
    expect(await store.rememberJti('jti-1', 120)).toBe(true);
    const redis = client();
    const prefix = `next-logto:${namespace}`;
    const keys = (await redis.keys(`${prefix}:*`)).sort();
    expect(keys).toEqual([`${prefix}:jti:jti-1`, `${prefix}:sid:sid-1`, `${prefix}:sub-nosid:user-1`, `${prefix}:sub:user-2`]);
    for (const key of keys.filter((key) => !key.includes(':jti:'))) {
      const ttl = await redis.ttl(key);
      expect(ttl, key).toBeGreaterThan(3500);
      expect(ttl, key).toBeLessThanOrEqual(3600);
    }
    const jtiTtl = await redis.ttl(`${prefix}:jti:jti-1`);
    expect(jtiTtl).toBeGreaterThan(100);
    expect(jtiTtl).toBeLessThanOrEqual(120);
    expect(await redis.get(`${prefix}:sub:user-2`)).toBe('1800000000');
  });

  it('remembers a jti atomically (SET NX): of racing deliveries exactly one passes', async () => {
    const namespace = `app-${randomUUID()}`;
    const stores = [1, 2, 3, 4, 5].map(() => track(createRevocationStore({ kind: 'redis', url: redisUrl() }, { namespace, cacheSeconds: 0 })));
    const results = await Promise.all(stores.map((store) => store.rememberJti('jti-race', 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('two app instances share one Redis: the other sees a revoke after its cache period', async () => {
    const options = { namespace: `app-${randomUUID()}`, cacheSeconds: 1 };
    // Two processes: two connections, two caches.
    const one = track(buildRevocationStore({ kind: 'redis', url: redisUrl() }, options, new VerdictCache(100)));
    const other = track(buildRevocationStore({ kind: 'redis', url: redisUrl() }, options, new VerdictCache(100)));
    const session = { sub: 'user-1', sid: 'sid-1', signedInAt: 1_799_999_000 };
    expect(await other.check(session)).toEqual({ state: 'active' });
    await one.revoke({ sid: 'sid-1', sub: 'user-1', at: 1_800_000_000 });
    expect(await one.check(session)).toEqual({ state: 'revoked' });
    expect(await other.check(session)).toEqual({ state: 'active' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await other.check(session)).toEqual({ state: 'revoked' });
  });

  it('a stopped Redis: check says unknown within the timeout, revoke and rememberJti throw RevocationStoreError', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const doomed = await startRedisServer();
    const store = track(createRevocationStore({ kind: 'redis', url: doomed.url }, { namespace: `app-${randomUUID()}`, cacheSeconds: 0 }));
    const session = { sub: 'user-1', sid: 'sid-1', signedInAt: 1_799_999_000 };
    expect(await store.check(session)).toEqual({ state: 'active' });
    await doomed.stop();
    const started = Date.now();
    expect(await store.check(session)).toEqual({ state: 'unknown' });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(store.revoke({ sid: 'sid-1', at: 1_800_000_000 })).rejects.toThrow(RevocationStoreError);
    await expect(store.rememberJti('jti-1', 60)).rejects.toThrow(RevocationStoreError);
    // Codes only in the log: never the URL.
    const logged = vi.mocked(console.warn).mock.calls.map((call) => String(call[0]));
    expect(logged.some((line) => line.includes('revocation_store.check_failed kind=redis'))).toBe(true);
    expect(logged.join('\n')).not.toContain(doomed.url);
  });

  it('never puts the password of the URL in its error', async () => {
    const store = track(
      createRevocationStore({ kind: 'redis', url: 'redis://:s3cret-password@127.0.0.1:1' }, { namespace: 'app', cacheSeconds: 0 }),
    );
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = await store.revoke({ sid: 'sid-1', at: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RevocationStoreError);
    expect(String((error as Error).message)).not.toContain('s3cret');
    expect(vi.mocked(console.warn).mock.calls.flat().join(' ')).not.toContain('s3cret');
  });
});

describe('the redis store on the Edge runtime', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('never loads the Redis driver: revoke throws redis_on_edge, check says unknown', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'edge');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createRevocationStore({ kind: 'redis', url: 'redis://127.0.0.1:1' }, { namespace: 'edge-app', cacheSeconds: 0 });
    await expect(store.revoke({ sid: 'sid-1', at: 1 })).rejects.toMatchObject({ code: 'revocation_store.redis_on_edge' });
    expect(await store.check({ sub: 'u', sid: 'sid-1', signedInAt: 0 })).toEqual({ state: 'unknown' });
  });
});
