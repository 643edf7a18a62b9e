import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearVerifiedSealsForTests, MAX_VERIFIED_SEALS, seal, unsealCached } from './seal';

const secrets = ['a-cookie-secret-that-is-long-enough-0123456789'];
afterEach(() => {
  clearVerifiedSealsForTests();
  vi.useRealTimers();
});

describe('unsealCached', () => {
  it('answers a value seen before from memory, as a frozen copy of the same data', async () => {
    const sealed = await seal({ v: 1, nested: { a: 1 } }, secrets, 60);
    const first = await unsealCached(sealed, secrets, 60);
    const second = await unsealCached(sealed, secrets, 60);
    expect(second).toBe(first);
    expect(first).toEqual({ v: 1, nested: { a: 1 } });
    expect(Object.isFrozen((first as { nested: object }).nested)).toBe(true);
  });

  it('never answers a tampered value from memory', async () => {
    const sealed = await seal({ v: 1 }, secrets, 60);
    await unsealCached(sealed, secrets, 60);
    const tampered = sealed.replace(/\*([A-Za-z0-9_-])/, (_m, c: string) => `*${c === 'A' ? 'B' : 'A'}`);
    expect(await unsealCached(tampered, secrets, 60)).toBeUndefined();
  });

  it('forgets everything when the secrets change', async () => {
    const sealed = await seal({ v: 1 }, secrets, 60);
    expect(await unsealCached(sealed, secrets, 60)).toBeDefined();
    expect(await unsealCached(sealed, ['another-secret-entirely-0123456789-abcdefgh'], 60)).toBeUndefined();
  });

  it('re-checks the seal expiry on every hit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
    const sealed = await seal({ v: 1 }, secrets, 60);
    expect(await unsealCached(sealed, secrets, 60)).toBeDefined();
    vi.setSystemTime(Date.now() + 10 * 60 * 1000);
    expect(await unsealCached(sealed, secrets, 60)).toBeUndefined();
  });

  it('keeps a bounded number of values', async () => {
    const values = await Promise.all(Array.from({ length: MAX_VERIFIED_SEALS + 1 }, (_, i) => seal({ i }, secrets, 60)));
    for (const value of values) await unsealCached(value, secrets, 60);
    // The oldest was evicted; it still unseals (the slow way) to the same data.
    expect(await unsealCached(values[0]!, secrets, 60)).toEqual({ i: 0 });
  });
});
