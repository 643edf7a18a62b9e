import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRevocationStore, RevocationStoreError, type RevocationStoreOptions } from './revocation-store.js';
import { startFakeUpstash, type FakeUpstash } from './test-utils/fake-upstash.js';
import { describeRevocationSemantics } from './test-utils/revocation-semantics.js';

let upstash: FakeUpstash;
beforeAll(async () => {
  upstash = await startFakeUpstash();
});
afterAll(async () => {
  await upstash.stop();
});

const upstashStore = (namespace: string, options: Partial<RevocationStoreOptions> = {}) =>
  createRevocationStore({ kind: 'upstash', url: upstash.url, token: upstash.token }, { namespace, cacheSeconds: 0, ...options });

describeRevocationSemantics('upstash (a local server speaking its REST protocol)', () => upstashStore);

describe('upstash store', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is reachable from Node.js and the Edge runtime', () => {
    const store = upstashStore('app');
    expect(store.kind).toBe('upstash');
    expect(store.reachableFrom('nodejs')).toBe(true);
    expect(store.reachableFrom('edge')).toBe(true);
  });

  it('reads a check with one MGET, writes with EX, remembers a jti with SET NX EX', async () => {
    const namespace = `app-${randomUUID()}`;
    const store = upstashStore(namespace, { entryTtlSeconds: 3600 });
    const prefix = `next-logto:${namespace}`;
    upstash.commands.length = 0;
    await store.check({ sub: 'user-1', sid: 'sid-1', signedInAt: 1 });
    expect(upstash.commands).toEqual([['MGET', `${prefix}:sid:sid-1`, `${prefix}:sub:user-1`]]);
    await store.revoke({ sid: 'sid-1', at: 1_800_000_000 });
    expect(upstash.ttl(`${prefix}:sid:sid-1`)).toBeGreaterThan(3500);
    expect(upstash.ttl(`${prefix}:sid:sid-1`)).toBeLessThanOrEqual(3600);
    upstash.commands.length = 0;
    expect(await store.rememberJti('jti-1', 120)).toBe(true);
    expect(upstash.commands).toEqual([['SET', `${prefix}:jti:jti-1`, '1', expect.stringMatching(/^nx$/i), expect.stringMatching(/^ex$/i), '120']]);
    expect(upstash.ttl(`${prefix}:jti:jti-1`)).toBe(120);
  });

  it('with a wrong token: check says unknown, revoke throws a RevocationStoreError without the token', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = createRevocationStore(
      { kind: 'upstash', url: upstash.url, token: 'wrong-t0ken' },
      { namespace: `app-${randomUUID()}`, cacheSeconds: 0 },
    );
    expect(await store.check({ sub: 'user-1', signedInAt: 1 })).toEqual({ state: 'unknown' });
    const error = await store.revoke({ sub: 'user-1', at: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RevocationStoreError);
    expect((error as Error).message).toBe('revocation_store.unavailable');
    expect(vi.mocked(console.warn).mock.calls.flat().join(' ')).not.toContain('wrong-t0ken');
  });
});
