import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearVerifiedSealsForTests, MAX_VERIFIED_SEALS, seal, unsealCached } from './seal.js';

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

  it.each([
    ['MAC', 7],
    ['ciphertext', 4],
  ])('never answers from memory a value whose %s was altered: the HMAC refuses it', async (_part, segment) => {
    const sealed = await seal({ v: 1 }, secrets, 60);
    const verified = await unsealCached(sealed, secrets, 60);
    expect(verified).toEqual({ v: 1 });
    // `Fe26.2*id*salt*iv*data*expiry*macSalt*mac~2`: flip one character in the middle of a segment,
    // keeping the shape SEAL_PATTERN accepts, so only the HMAC can tell.
    const parts = sealed.split('*');
    const target = parts[segment]!;
    const at = Math.floor(target.length / 2);
    parts[segment] = `${target.slice(0, at)}${target[at] === 'A' ? 'B' : 'A'}${target.slice(at + 1)}`;
    const tampered = parts.join('*');
    expect(tampered).not.toBe(sealed);
    expect(tampered).toMatch(/^Fe26\.2\*\w+\*[0-9a-f]+\*[\w-]+\*[\w-]+\*\d+\*[0-9a-f]+\*[\w-]{43}~2$/);

    expect(await unsealCached(tampered, secrets, 60)).toBeUndefined();
    // Refused again once the genuine value has been answered from memory in between.
    expect(await unsealCached(sealed, secrets, 60)).toBe(verified);
    expect(await unsealCached(tampered, secrets, 60)).toBeUndefined();
  });

  it('answers from memory only the very value verified, not one that merely ends the same way', async () => {
    const sealed = await seal({ v: 1 }, secrets, 60);
    const verified = await unsealCached(sealed, secrets, 60);
    const [prefix, id, ...rest] = sealed.split('*');
    const lookalikes = [
      `x${sealed}`,
      `${prefix}*${id}0*${rest.join('*')}`,
      sealed.replace('*', '**'),
      `${sealed.slice(0, 100)}${sealed.slice(101)}`,
    ];
    for (const lookalike of lookalikes) {
      expect(lookalike.slice(-45)).toBe(sealed.slice(-45));
      expect(await unsealCached(lookalike, secrets, 60)).toBeUndefined();
    }
    expect(await unsealCached(sealed, secrets, 60)).toBe(verified);
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

  // A hit answers the very object verified first; a value verified again (the slow way) is a new one.
  it('keeps at most MAX_VERIFIED_SEALS values, evicting the least recently used', async () => {
    const values = await Promise.all(Array.from({ length: MAX_VERIFIED_SEALS + 2 }, (_, i) => seal({ i }, secrets, 60)));
    const first: unknown[] = [];
    for (const value of values.slice(0, MAX_VERIFIED_SEALS)) first.push(await unsealCached(value, secrets, 60));
    // Touch the oldest: it becomes the most recently used, so the next insert evicts values[1].
    expect(await unsealCached(values[0]!, secrets, 60)).toBe(first[0]);
    await unsealCached(values[MAX_VERIFIED_SEALS]!, secrets, 60);
    await unsealCached(values[MAX_VERIFIED_SEALS + 1]!, secrets, 60);

    // Hits do not evict, so checking them first keeps the cache as it is.
    const kept = [0, ...Array.from({ length: MAX_VERIFIED_SEALS - 3 }, (_, i) => i + 3)];
    for (const i of kept) expect(await unsealCached(values[i]!, secrets, 60)).toBe(first[i]);
    // values[1] and values[2] were evicted; each still unseals, the slow way, to a new copy.
    for (const i of [1, 2]) {
      const again = await unsealCached(values[i]!, secrets, 60);
      expect(again).toEqual({ i });
      expect(again).not.toBe(first[i]);
    }
  });
});
