import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-utils/harness.js';
import { forwarded } from '../test-utils/middleware-responses.js';
import { cookieOptions, deletion, type CookieWrite } from './cookie-store.js';
import { forwardedCookieHeader } from './forwarded-cookies.js';

/** The cookies a Next.js render reads from a `Cookie` header (`cookies()` parses it this way). */
const renderCookies = (header: string) => new NextRequest('http://localhost/', { headers: { cookie: header } }).cookies;

/** The pairs of a `Cookie` header, split as Next.js splits them. */
const pairsOf = (header: string) => header.split(/; */).filter(Boolean);
const nameOf = (pair: string) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : pair);

const PREFS = 'prefs=%7B%22a%22%3A%22x%3By%22%7D';

describe('the Cookie header forwarded to the render', () => {
  it('keeps a value holding an encoded ";" as one cookie', () => {
    const write: CookieWrite = { name: 'logto_session', value: 'Fe26.2**sealed~2', options: cookieOptions(false, 60) };
    const header = forwardedCookieHeader(`${PREFS}; logto_session=old`, [write]);
    expect(header).toBe(`${PREFS}; logto_session=Fe26.2**sealed~2`);
    const cookies = renderCookies(header);
    expect(cookies.get('prefs')?.value).toBe('{"a":"x;y"}');
    expect(cookies.getAll().map((cookie) => cookie.name)).toEqual(['prefs', 'logto_session']);
  });

  it('removes every pair of a deleted cookie and nothing else', () => {
    const header = forwardedCookieHeader('a=1; logto_session.0=x; a=2;logto_session.1=y; b', [
      deletion('logto_session.0', false),
      deletion('logto_session.1', false),
    ]);
    expect(header).toBe('a=1; a=2; b');
  });

  // Cookie names: RFC 6265 tokens, from a small pool too so that names repeat.
  const tokenChar = fc.constantFrom(...'abcxyzABZ019!#$%&\'*+-.^_`|~'.split(''));
  const otherName = fc.oneof(fc.constantFrom('a', 'prefs', 'theme', 'x.0'), fc.string({ unit: tokenChar, minLength: 1, maxLength: 12 }));
  // Values: raw cookie-octets (with `%`, `=` and broken escapes), percent-encoded text (`%3B`, …), or no `=` at all.
  const octet = fc.constantFrom(...'aZ09!#$%&\'()*+-./:<=>?@[]^_`{|}~'.split(''));
  const rawValue = fc.oneof(fc.string({ unit: octet, maxLength: 16 }), fc.string({ maxLength: 12 }).map(encodeURIComponent));
  const otherPair = fc.oneof(
    { weight: 9, arbitrary: fc.tuple(otherName, rawValue).map(([name, value]) => `${name}=${value}`) },
    { weight: 1, arbitrary: otherName },
  );
  const libraryNames = ['logto_session', 'logto_session.0', 'logto_session.1', 'logto_txn.abc'];
  const libraryName = fc.constantFrom(...libraryNames);
  const libraryPair = fc.tuple(libraryName, fc.string({ unit: octet, maxLength: 8 })).map(([name, value]) => `${name}=${value}`);
  const separator = fc.constantFrom(';', '; ', ';  ');
  const write = fc.tuple(libraryName, fc.boolean(), fc.string({ unit: octet, minLength: 1, maxLength: 16 })).map(
    ([name, remove, value]): CookieWrite => (remove ? deletion(name, false) : { name, value, options: cookieOptions(false, 60) }),
  );

  it('forwards every cookie the library does not write byte for byte, and the written ones as written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(otherPair, libraryPair), { maxLength: 12 }),
        fc.array(separator, { minLength: 12, maxLength: 12 }),
        fc.array(write, { minLength: 1, maxLength: 5 }),
        (pairs, separators, writes) => {
          const original = pairs.map((pair, index) => (index === 0 ? pair : `${separators[index]}${pair}`)).join('');
          const header = forwardedCookieHeader(original || null, writes);
          const written = new Set(writes.map((entry) => entry.name));
          const isOther = (pair: string) => !written.has(nameOf(pair));

          // Byte for byte, in order, duplicates included.
          expect(pairsOf(header).filter(isOther)).toEqual(pairsOf(original).filter(isOther));
          // So the render reads each of them as it would have read the browser's own header.
          const before = renderCookies(original);
          const after = renderCookies(header);
          for (const name of new Set(pairsOf(original).filter(isOther).map(nameOf))) {
            expect(after.get(name)?.value).toBe(before.get(name)?.value);
          }
          // Each written cookie once, with its last write; a deleted one not at all.
          for (const name of written) {
            const last = writes.filter((entry) => entry.name === name).at(-1)!;
            const present = pairsOf(header).filter((pair) => nameOf(pair) === name);
            expect(present).toEqual(last.options.maxAge === 0 ? [] : [`${name}=${encodeURIComponent(last.value)}`]);
            expect(after.get(name)?.value).toBe(last.options.maxAge === 0 ? undefined : last.value);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the middleware', () => {
  let h: Harness;
  afterEach(() => h.restore());

  it('forwards the app’s own cookies to the render unchanged when it rewrites the session', async () => {
    h = await createHarness();
    await h.signIn();
    h.jar.cookies.set('prefs', '%7B%22a%22%3A%22x%3By%22%7D');
    h.jar.cookies.set('theme', 'a=b');
    const response = await h.middleware('/protected/resources');
    const header = forwarded(response, 'cookie');
    expect(header).toContain(PREFS);
    expect(header).toContain('theme=a=b');
    const cookies = renderCookies(header!);
    expect(cookies.get('prefs')?.value).toBe('{"a":"x;y"}');
    expect(cookies.has('y"}')).toBe(false);
  });
});
