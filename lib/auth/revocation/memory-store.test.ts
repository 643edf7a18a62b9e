import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedMemory } from './memory-driver.js';
import { createRevocationStore, type RevocationStoreOptions } from './revocation-store.js';
import { describeRevocationSemantics } from './test-utils/revocation-semantics.js';

const memoryStore = (namespace: string, options: Partial<RevocationStoreOptions> = {}) =>
  createRevocationStore({ kind: 'memory' }, { namespace, cacheSeconds: 0, ...options });

describeRevocationSemantics('memory', () => memoryStore);

describe('memory store', () => {
  let clock = 1_900_000_000;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_900_000_000;
    sharedMemory().entries.clear();
    sharedMemory().reportedFull = false;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is reachable from Node.js only', () => {
    const store = memoryStore('app');
    expect(store.kind).toBe('memory');
    expect(store.reachableFrom('nodejs')).toBe(true);
    expect(store.reachableFrom('edge')).toBe(false);
  });

  it('keeps its entries on globalThis, so every bundle of one process shares them', async () => {
    const namespace = `app-${randomUUID()}`;
    // Two bundles: two stores of the same app, each with a long cache.
    const routeHandler = memoryStore(namespace, { cacheSeconds: 60 });
    const middleware = memoryStore(namespace, { cacheSeconds: 60 });
    const session = { sub: 'user-1', sid: 'sid-1', signedInAt: clock - 60 };
    expect(await middleware.check(session)).toEqual({ state: 'active' });
    await routeHandler.revoke({ sid: 'sid-1', sub: 'user-1', at: clock });
    expect(await middleware.check(session)).toEqual({ state: 'revoked' });
    const holder = globalThis as Record<symbol, unknown>;
    expect(holder[Symbol.for('next-logto.revocations')]).toBe(sharedMemory());
    expect([...sharedMemory().entries.keys()]).toContain(`next-logto:${namespace}:sid:sid-1`);
  });

  it('forgets a revocation after entryTtlSeconds, and a jti after its own ttl', async () => {
    const store = memoryStore('app', { now, entryTtlSeconds: 3600 });
    await store.revoke({ sid: 'sid-1', sub: 'user-1', at: clock });
    await store.revoke({ sub: 'user-2', at: clock });
    expect(await store.rememberJti('jti-1', 120)).toBe(true);
    clock += 119;
    expect(await store.rememberJti('jti-1', 120)).toBe(false);
    clock += 2;
    expect(await store.rememberJti('jti-1', 120)).toBe(true);
    expect(await store.check({ sub: 'user-1', sid: 'sid-1', signedInAt: 1 })).toEqual({ state: 'revoked' });
    expect(await store.check({ sub: 'user-1', signedInAt: 1 })).toEqual({ state: 'revoked' });
    expect(await store.check({ sub: 'user-2', signedInAt: 1 })).toEqual({ state: 'revoked' });
    clock = 1_900_000_000 + 3600;
    expect(await store.check({ sub: 'user-1', sid: 'sid-1', signedInAt: 1 })).toEqual({ state: 'active' });
    expect(await store.check({ sub: 'user-1', signedInAt: 1 })).toEqual({ state: 'active' });
    expect(await store.check({ sub: 'user-2', signedInAt: 1 })).toEqual({ state: 'active' });
    expect(sharedMemory().entries.size).toBeLessThanOrEqual(1);
  });

  it('holds at most maxMemoryEntries, dropping the soonest-expiring first, and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const longLived = memoryStore('app', { now, maxMemoryEntries: 10, entryTtlSeconds: 86_400 });
    const shortLived = memoryStore('app', { now, maxMemoryEntries: 10, entryTtlSeconds: 600 });
    for (let index = 0; index < 5; index += 1) await longLived.revoke({ sid: `long-${index}`, at: clock });
    for (let index = 0; index < 5; index += 1) await shortLived.revoke({ sid: `short-${index}`, at: clock });
    expect(sharedMemory().entries.size).toBe(10);
    // Newer than every long-lived entry, yet the short-lived ones are the ones to go.
    await longLived.revoke({ sid: 'long-5', at: clock });
    await longLived.revoke({ sid: 'long-6', at: clock });
    expect(sharedMemory().entries.size).toBeLessThanOrEqual(10);
    for (let index = 0; index <= 6; index += 1) {
      expect(await longLived.check({ sub: 'u', sid: `long-${index}`, signedInAt: 1 }), `long-${index}`).toEqual({ state: 'revoked' });
    }
    expect(await longLived.check({ sub: 'u', sid: 'short-0', signedInAt: 1 })).toEqual({ state: 'active' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('revocation_store.memory_full');
    expect(warn.mock.calls[0]?.[0]).toContain('max_entries=10');
  });

  it('drops expired entries before live ones when full', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = memoryStore('app', { now, maxMemoryEntries: 4, entryTtlSeconds: 60 });
    await store.revoke({ sid: 'old-1', at: clock });
    await store.revoke({ sid: 'old-2', at: clock });
    clock += 61;
    await store.revoke({ sid: 'new-1', at: clock });
    await store.revoke({ sid: 'new-2', at: clock });
    await store.revoke({ sid: 'new-3', at: clock });
    for (const sid of ['new-1', 'new-2', 'new-3']) {
      expect(await store.check({ sub: 'u', sid, signedInAt: 1 }), sid).toEqual({ state: 'revoked' });
    }
    expect(console.warn).not.toHaveBeenCalled();
  });
});
