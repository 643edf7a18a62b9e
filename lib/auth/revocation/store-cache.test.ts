import { randomUUID } from 'node:crypto';
import { createStorage, defineDriver, type Driver } from 'unstorage';
import memoryDriver from 'unstorage/drivers/memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRevocationStore, RevocationStoreError } from './revocation-store.js';
import { buildRevocationStore } from './store-core.js';
import { VerdictCache } from './verdict-cache.js';

/** unstorage's plain memory driver, counting reads, and able to fail or hang on demand. */
function instrumentedStorage() {
  const inner = memoryDriver();
  const state = { reads: 0, writes: 0, mode: 'ok' as 'ok' | 'fail' | 'hang', release: [] as (() => void)[] };
  const gate = async () => {
    if (state.mode === 'fail') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    if (state.mode === 'hang') await new Promise<void>((resolve) => state.release.push(resolve));
  };
  const driver = defineDriver(
    (): Driver => ({
      name: 'instrumented',
      hasItem: async (key, options) => (state.reads++, await gate(), inner.hasItem(key, options)),
      getItem: async (key, options) => (state.reads++, await gate(), inner.getItem(key, options)),
      getItems: async (items) => {
        state.reads++;
        // Read first, answer late: the answer is as of the read.
        const values = await Promise.all(items.map(async ({ key }) => ({ key, value: await inner.getItem(key) })));
        await gate();
        return values;
      },
      setItem: async (key, value, options) => (state.writes++, await gate(), inner.setItem?.(key, value, options)),
      getKeys: (base, options) => inner.getKeys(base, options),
    }),
  );
  return { storage: createStorage({ driver: driver({}) }), state };
}

let clock = 1_900_000_000;
const now = () => clock;
const session = { sub: 'user-1', sid: 'sid-1', signedInAt: 1_899_999_000 };

afterEach(() => {
  clock = 1_900_000_000;
  vi.restoreAllMocks();
});

describe('the verdict cache', () => {
  it('answers a second check within cacheSeconds without reading the store, then reads again', async () => {
    const { storage, state } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 5, now });
    expect(await store.check(session)).toEqual({ state: 'active' });
    expect(state.reads).toBe(1);
    clock += 4;
    expect(await store.check(session)).toEqual({ state: 'active' });
    expect(state.reads).toBe(1);
    clock += 1;
    expect(await store.check(session)).toEqual({ state: 'active' });
    expect(state.reads).toBe(2);
  });

  it('reads the keys of one check in one call (getItems)', async () => {
    const { storage, state } = instrumentedStorage();
    const getItems = vi.spyOn(storage, 'getItems');
    const getItem = vi.spyOn(storage, 'getItem');
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 0, now });
    await store.check(session);
    await store.check({ sub: 'user-1', signedInAt: 1 });
    expect(getItems).toHaveBeenCalledTimes(2);
    expect(getItem).not.toHaveBeenCalled();
    expect(state.reads).toBe(2);
  });

  it('shares one read among concurrent checks of a session', async () => {
    const { storage, state } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 5, now });
    const verdicts = await Promise.all([store.check(session), store.check(session), store.check(session)]);
    expect(verdicts).toEqual([{ state: 'active' }, { state: 'active' }, { state: 'active' }]);
    expect(state.reads).toBe(1);
  });

  it('sees a local revoke at once, even inside the cache period', async () => {
    const { storage } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 60, now });
    const withoutSid = { sub: 'user-2', signedInAt: 1_899_999_000 };
    expect(await store.check(session)).toEqual({ state: 'active' });
    expect(await store.check(withoutSid)).toEqual({ state: 'active' });
    await store.revoke({ sid: 'sid-1', at: clock });
    expect(await store.check(session)).toEqual({ state: 'revoked' });
    await store.revoke({ sub: 'user-2', at: clock });
    expect(await store.check(withoutSid)).toEqual({ state: 'revoked' });
  });

  it('shares the cache among the bundles of one process: the route’s revoke clears the middleware’s verdict', async () => {
    const { storage, state } = instrumentedStorage();
    const namespace = `app-${randomUUID()}`;
    const middleware = createRevocationStore(storage, { namespace, cacheSeconds: 60, now });
    const route = createRevocationStore(storage, { namespace, cacheSeconds: 60, now });
    expect(await middleware.check(session)).toEqual({ state: 'active' });
    await route.check(session);
    expect(state.reads).toBe(1);
    await route.revoke({ sid: 'sid-1', sub: 'user-1', at: clock });
    expect(await middleware.check(session)).toEqual({ state: 'revoked' });
  });

  it('does not cache an answer read before a local revoke', async () => {
    const { storage, state } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 60, now });
    state.mode = 'hang';
    const early = store.check(session);
    await vi.waitFor(() => expect(state.release).toHaveLength(1));
    state.mode = 'ok';
    await store.revoke({ sid: 'sid-1', at: clock });
    state.release.forEach((release) => release());
    expect(await early).toEqual({ state: 'active' });
    expect(await store.check(session)).toEqual({ state: 'revoked' });
  });

  it('keeps two processes apart: another instance sees a revoke once its cache period is over', async () => {
    const { storage } = instrumentedStorage();
    const options = { namespace: `app-${randomUUID()}`, cacheSeconds: 5, now };
    const one = buildRevocationStore(storage, options, new VerdictCache(100));
    const other = buildRevocationStore(storage, options, new VerdictCache(100));
    expect(await other.check(session)).toEqual({ state: 'active' });
    await one.revoke({ sid: 'sid-1', at: clock });
    expect(await one.check(session)).toEqual({ state: 'revoked' });
    expect(await other.check(session)).toEqual({ state: 'active' });
    clock += 5;
    expect(await other.check(session)).toEqual({ state: 'revoked' });
  });

  it('holds at most its bound, dropping the oldest', () => {
    const cache = new VerdictCache(3);
    const ref = (sub: string) => ({ sub, signedInAt: 1 });
    for (const sub of ['a', 'b', 'c', 'd']) cache.set(ref(sub), { state: 'active' }, 100, cache.mark());
    expect(cache.get(ref('a'), 0)).toBeUndefined();
    expect(['b', 'c', 'd'].map((sub) => cache.get(ref(sub), 0))).toEqual([{ state: 'active' }, { state: 'active' }, { state: 'active' }]);
  });
});

describe('a store that is down', () => {
  it('checks as unknown, caches that for the period (one attempt per period), and logs once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { storage, state } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 5, now });
    state.mode = 'fail';
    expect(await store.check(session)).toEqual({ state: 'unknown' });
    expect(await store.check(session)).toEqual({ state: 'unknown' });
    expect(state.reads).toBe(1);
    clock += 5;
    expect(await store.check(session)).toEqual({ state: 'unknown' });
    expect(state.reads).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/revocation_store\.check_failed kind=custom error=RevocationStoreError revocation_store\.unavailable ← Error ECONNREFUSED/);
    state.mode = 'ok';
    clock += 5;
    expect(await store.check(session)).toEqual({ state: 'active' });
  });

  it('refuses to revoke or remember a jti with a RevocationStoreError that quotes nothing', async () => {
    const { storage, state } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 5, now });
    state.mode = 'fail';
    const revoking = store.revoke({ sid: 'sid-1', sub: 'user-1', at: clock });
    await expect(revoking).rejects.toThrow(RevocationStoreError);
    await expect(revoking).rejects.toMatchObject({ code: 'revocation_store.unavailable', message: 'revocation_store.unavailable' });
    await expect(store.rememberJti('jti-1', 60)).rejects.toThrow(RevocationStoreError);
  });

  it('gives up on a hung store after about a second', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { storage, state } = instrumentedStorage();
    const store = createRevocationStore(storage, { namespace: `app-${randomUUID()}`, cacheSeconds: 0, now });
    state.mode = 'hang';
    const started = Date.now();
    expect(await store.check(session)).toEqual({ state: 'unknown' });
    await expect(store.revoke({ sid: 'sid-1', at: clock })).rejects.toMatchObject({ code: 'revocation_store.timeout' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(3500);
    state.release.forEach((release) => release());
  });
});
