import fc from 'fast-check';
import { sealData, unsealData } from 'iron-session';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearIronKeysForTests, derivedKeyCount, MAX_DERIVED_KEYS, sealIron, unsealIron } from './iron.js';
import { ironCryptoNow, useIronCryptoForTests, webIronCrypto } from './iron-crypto.js';

/**
 * `iron.ts` against iron-session itself: what one seals the other unseals, what one refuses the
 * other refuses, and the derived keys are kept only for salts whose MAC verified.
 */

const SECRET = 'iron-test-secret-0123456789-abcdefghijklmnop';
const OTHER_SECRET = 'iron-test-other-secret-0123456789-abcdefghij';
const ID = '281474976710657';
const TTL = 3600;
const secretFor = (id: string) => (id === ID ? SECRET : undefined);
const json = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 6 });

/** What iron-session makes of `value`: the payload, or undefined when it refuses it. */
async function ironSession(value: string): Promise<unknown> {
  try {
    const data: object = await unsealData(value, { password: { [ID]: SECRET }, ttl: TTL });
    return Object.keys(data).length > 0 ? data : undefined;
  } catch {
    return undefined;
  }
}

beforeEach(() => clearIronKeysForTests());
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await useIronCryptoForTests(undefined);
});

describe.each(['node', 'webcrypto'] as const)('the same format as iron-session, with %s primitives', (implementation) => {
  beforeEach(() => useIronCryptoForTests(implementation));

  it('iron-session unseals what sealIron seals', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (data) => {
        const sealed = await sealIron(data, ID, SECRET, TTL);
        expect(await ironSession(sealed)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
      { numRuns: 60 },
    );
  });

  it('unsealIron unseals what iron-session seals (random salts, as older cookies have)', async () => {
    await fc.assert(
      fc.asyncProperty(json, async (data) => {
        const sealed = await sealData(data, { password: { [ID]: SECRET }, ttl: TTL });
        expect(await unsealIron(sealed, secretFor)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses exactly what iron-session refuses when one character changes', async () => {
    const sealed = await sealIron({ sub: 'user', tokens: { a: 1 } }, ID, SECRET, TTL);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...'AZaz09-_*~.'.split('')), async (index, char) => {
        const changed = sealed.slice(0, index) + char + sealed.slice(index + 1);
        fc.pre(changed !== sealed);
        const ours = await unsealIron(changed, secretFor);
        expect(ours).toBeUndefined();
        // iron-session reads the version after "~" with parseInt and ignores the rest: the only
        // edits it accepts are there, and seal.ts's pattern refuses those before either runs.
        if (!changed.slice(0, -2).includes('~')) expect(await ironSession(changed)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a MAC in a non-canonical base64url spelling, which decodes to the same bytes', async () => {
    const sealed = await sealIron({ sub: 'user' }, ID, SECRET, TTL);
    const body = sealed.slice(0, -2);
    const last = body.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes are 43 characters; the last carries 4 bits, so its 2 low bits are padding.
    const alias = alphabet[alphabet.indexOf(last) | 1]!;
    expect(alias).not.toBe(last);
    expect(await unsealIron(`${body.slice(0, -1)}${alias}~2`, secretFor)).toBeUndefined();
    expect(await unsealIron(sealed, secretFor)).toEqual({ sub: 'user' });
  });

  it('refuses an integrity salt this format never draws (not hex, too short, too long) before deriving a key', async () => {
    const sealed = await sealIron({ sub: 'user' }, ID, SECRET, TTL);
    clearIronKeysForTests();
    const derive = vi.spyOn(ironCryptoNow()!, 'deriveKey');
    const parts = sealed.split('*');
    for (const salt of ['', 'zz'.repeat(16), 'ab'.repeat(7), 'ab'.repeat(65), `${parts[6]!.slice(0, -1)}G`]) {
      const forged = [...parts.slice(0, 6), salt, parts[7]].join('*');
      expect(await unsealIron(forged, secretFor)).toBeUndefined();
    }
    expect(derive).not.toHaveBeenCalled();
    expect(derivedKeyCount()).toBe(0);
    expect(await unsealIron(sealed, secretFor)).toEqual({ sub: 'user' });
  });

  it('refuses another secret, an unknown id and a missing version suffix', async () => {
    const sealed = await sealIron({ sub: 'user' }, ID, SECRET, TTL);
    expect(await unsealIron(sealed, (id) => (id === ID ? OTHER_SECRET : undefined))).toBeUndefined();
    expect(await unsealIron(sealed, () => undefined)).toBeUndefined();
    expect(await unsealIron(sealed.slice(0, -2), secretFor)).toBeUndefined();
  });

  it('honours the expiry with iron’s 60 s skew, as iron-session does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_800_000_000_000);
    const sealed = await sealIron({ sub: 'user' }, ID, SECRET, 10);
    const expiry = 1_800_000_000_000 + 10_000;
    expect(await unsealIron(sealed, secretFor, expiry + 59_999)).toEqual({ sub: 'user' });
    expect(await unsealIron(sealed, secretFor, expiry + 60_000)).toBeUndefined();
    vi.setSystemTime(expiry + 59_999);
    expect(await ironSession(sealed)).toEqual({ sub: 'user' });
    vi.setSystemTime(expiry + 60_000);
    expect(await ironSession(sealed)).toBeUndefined();
  });
});

describe('derived keys', () => {
  beforeEach(() => useIronCryptoForTests('webcrypto'));

  it('derives once per process salt: a first sight of another seal from this process costs no PBKDF2', async () => {
    const first = await sealIron({ n: 1 }, ID, SECRET, TTL);
    const second = await sealIron({ n: 2 }, ID, SECRET, TTL);
    expect(first.split('*')[2]).toBe(second.split('*')[2]);
    expect(await unsealIron(first, secretFor)).toEqual({ n: 1 });
    const derive = vi.spyOn(webIronCrypto, 'deriveKey');
    expect(await unsealIron(second, secretFor)).toEqual({ n: 2 });
    expect(derive).not.toHaveBeenCalled();
    expect(derivedKeyCount()).toBe(2);
  });

  it('keeps no key for a salt whose MAC does not verify, so forged salts cannot evict real ones', async () => {
    const sealed = await sealIron({ sub: 'user' }, ID, SECRET, TTL);
    await unsealIron(sealed, secretFor);
    const before = derivedKeyCount();
    for (let index = 0; index < 20; index += 1) {
      const parts = sealed.split('*');
      parts[6] = index.toString(16).padStart(64, 'f'); // another integrity salt: the MAC fails
      expect(await unsealIron(parts.join('*'), secretFor)).toBeUndefined();
    }
    expect(derivedKeyCount()).toBe(before);
  });

  it('keeps at most MAX_DERIVED_KEYS, however many instances wrote the cookies', async () => {
    const seals: string[] = [];
    for (let index = 0; index < MAX_DERIVED_KEYS; index += 1) {
      seals.push(await sealData({ n: index }, { password: { [ID]: SECRET }, ttl: TTL })); // salts of their own
    }
    for (const sealed of seals) expect(await unsealIron(sealed, secretFor)).toBeTruthy();
    expect(derivedKeyCount()).toBe(MAX_DERIVED_KEYS);
  });
});

describe('the primitives on each runtime', () => {
  it('Node’s are chosen on Node, and seals made with either open with the other', async () => {
    await useIronCryptoForTests(undefined);
    const { ironCrypto } = await import('./iron-crypto.js');
    expect((await ironCrypto()).name).toBe('node');
    const byNode = await sealIron({ by: 'node' }, ID, SECRET, TTL);
    await useIronCryptoForTests('webcrypto');
    clearIronKeysForTests();
    expect(await unsealIron(byNode, secretFor)).toEqual({ by: 'node' });
    const byWeb = await sealIron({ by: 'web' }, ID, SECRET, TTL);
    await useIronCryptoForTests('node');
    expect(await unsealIron(byWeb, secretFor)).toEqual({ by: 'web' });
  });

  it('leaves Node’s crypto out of an Edge bundle', async () => {
    const { build } = await import('esbuild');
    const bundle = (runtime: string) =>
      build({
        entryPoints: [new URL('./iron.ts', import.meta.url).pathname],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        define: { 'process.env.NEXT_RUNTIME': JSON.stringify(runtime) },
        logLevel: 'silent',
        external: runtime === 'edge' ? [] : ['node:crypto'],
      });
    const edge = (await bundle('edge')).outputFiles[0]!.text;
    expect(edge).not.toContain('node:crypto');
    expect((await bundle('nodejs')).outputFiles[0]!.text).toContain('node:crypto');
  });
});
