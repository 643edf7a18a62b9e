import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CookieReader, CookieWrite } from './cookie-store.js';
import { seal } from './seal.js';
import { readSessionCookie, SESSION_COOKIE, SESSION_TTL_SECONDS, writeSessionCookie } from './session-cookie.js';
import type { SessionData } from './session-data.js';
import { CookieJar, createHarness, type Harness } from '../test-utils/harness.js';
import { emptyReader, sessionWith } from '../test-utils/sessions.js';

/**
 * Only the exact bytes we wrote count: every other cookie value reads as signed out, never as a
 * crash and never as signed in.
 */

const secrets = ['hostile-cookie-test-secret-0123456789-abcdefgh'];
const settings = { secrets, secure: false };
type Jar = Map<string, string>;

const reader = (jar: Jar): CookieReader => ({
  get: (name) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
  getAll: () => [...jar].map(([name, value]) => ({ name, value })),
});

const jarOf = (writes: CookieWrite[]): Jar => new Map(writes.filter((w) => w.options.maxAge > 0).map((w) => [w.name, w.value]));
const sameJar = (a: Jar, b: Jar) => a.size === b.size && [...a].every(([name, value]) => b.get(name) === value);

let chunked: Jar; // three chunks
let other: Jar; // another session, three chunks
let single: Jar; // one cookie
let foreign: Jar; // the same session sealed with another secret
let expired: Jar; // sealed fifteen days ago
let authentic: Jar[];

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const big: SessionData = await sessionWith(8, 8, now);
  chunked = jarOf((await writeSessionCookie(emptyReader, big, settings)).writes);
  other = jarOf((await writeSessionCookie(emptyReader, { ...(await sessionWith(8, 8, now)), refreshToken: 'another-rt' }, settings)).writes);
  single = jarOf((await writeSessionCookie(emptyReader, await sessionWith(0, 0, now), settings)).writes);
  foreign = jarOf(
    (await writeSessionCookie(emptyReader, await sessionWith(0, 0, now), { ...settings, secrets: ['a-foreign-secret-0123456789-abcdefghijklmn'] })).writes,
  );
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - (SESSION_TTL_SECONDS + 3600) * 1000);
  expired = new Map([[SESSION_COOKIE, await seal(await sessionWith(0, 0, now), secrets, SESSION_TTL_SECONDS)]]);
  vi.useRealTimers();
  expect(chunked.size).toBe(3);
  expect(other.size).toBe(3);
  expect(single.size).toBe(1);
  authentic = [chunked, other, single];
  for (const jar of authentic) expect((await readSessionCookie(reader(jar), settings)).status).toBe('valid');
});

/** A variant of an authentic jar: one hostile change. */
function variants(): fc.Arbitrary<Jar> {
  const pick = fc.constantFrom<'chunked' | 'single'>('chunked', 'single').map((which) => (which === 'chunked' ? chunked : single));
  const edit = (mutate: (value: string, position: number, extra: string) => string) =>
    fc.tuple(pick, fc.nat(), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })).map(([jar, which, position, extra]) => {
      const names = [...jar.keys()];
      const name = names[which % names.length]!;
      const value = jar.get(name)!;
      return new Map(jar).set(name, mutate(value, position % (value.length + 1), extra));
    });
  return fc.oneof(
    edit((value, at) => value.slice(0, at) + String.fromCharCode((value.charCodeAt(at) || 65) ^ (1 << (at % 7))) + value.slice(at + 1)),
    edit((value, at) => value.slice(0, Math.min(at, value.length - 1))),
    edit((value, _at, extra) => value + extra),
    edit((value, at, extra) => value.slice(0, at) + extra + value.slice(at)),
    edit((value, at, extra) => value.slice(0, at) + extra + value.slice(at + extra.length)),
    edit((value) => value.replace(/~2$/, '~02')),
    edit((value) => `${value}~2`),
    // chunks reordered, duplicated, missing, or two sessions mixed
    fc.tuple(fc.nat(2), fc.nat(2)).filter(([a, b]) => a !== b).map(([a, b]) => {
      const names = [...chunked.keys()];
      return new Map(chunked).set(names[a]!, chunked.get(names[b]!)!).set(names[b]!, chunked.get(names[a]!)!);
    }),
    fc.tuple(fc.nat(2), fc.nat(2)).filter(([a, b]) => a !== b).map(([a, b]) => {
      const names = [...chunked.keys()];
      return new Map(chunked).set(names[a]!, chunked.get(names[b]!)!);
    }),
    fc.nat(2).map((index) => {
      const jar = new Map(chunked);
      jar.delete([...chunked.keys()][index]!);
      return jar;
    }),
    fc.subarray([0, 1, 2], { minLength: 1, maxLength: 2 }).map((indexes) => {
      const jar = new Map(chunked);
      for (const index of indexes) jar.set(`${SESSION_COOKIE}.${index}`, other.get(`${SESSION_COOKIE}.${index}`)!);
      return jar;
    }),
    // a stray extra chunk, or the single form beside chunks
    fc.string({ minLength: 1, maxLength: 40 }).map((value) => new Map(chunked).set(`${SESSION_COOKIE}.3`, value)),
    fc.constant(new Map([...chunked, ...single])),
    fc.constant(new Map([...single, [`${SESSION_COOKIE}.0`, chunked.get(`${SESSION_COOKIE}.0`)!]])),
    // huge, non-ASCII, foreign and expired values
    fc.string({ minLength: 16_384, maxLength: 16_384 }).map((value) => new Map([[SESSION_COOKIE, value]])),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }).map((value) => new Map([[SESSION_COOKIE, `${single.get(SESSION_COOKIE)!.slice(0, 40)}${value}`]])),
    fc.constant(foreign),
    fc.constant(expired),
  );
}

describe('hostile session cookies', () => {
  it('every variant of an authentic cookie reads as not signed in, never as a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        variants().filter((jar) => !authentic.some((known) => sameJar(jar, known))),
        async (jar) => {
          const read = await readSessionCookie(reader(jar), settings);
          expect(read.status).not.toBe('valid');
        },
      ),
      { numRuns: 400 },
    );
  });

  let h: Harness | undefined;
  afterEach(() => h?.restore());

  it('reads as signed out on every route: pages, the guard, the session API and the user API', async () => {
    h = await createHarness();
    await h.signIn();
    const [name, value] = [...h.jar.cookies].find(([cookie]) => cookie.startsWith(SESSION_COOKIE))!;
    for (const hostile of [`${value}x`, value.replace(/~2$/, '~2~2'), value.slice(0, -3), `${value.slice(0, 30)}é${value.slice(31)}`]) {
      const attempt = () => {
        const jar = new CookieJar();
        jar.cookies.set(name, hostile);
        return jar;
      };
      const page = await h.middleware('/protected', { jar: attempt() });
      expect(page.status).toBe(307);
      expect(new URL(page.headers.get('location')!).pathname).toBe('/api/logto/sign-in');
      const api = await h.middleware('/api/protected/me', { jar: attempt() });
      expect(api.status).toBe(401);
      const jar = attempt();
      const home = await h.middleware('/', { jar });
      expect(home.status).toBe(200);
      expect(jar.names()).toEqual([]);
      const user = await h.user(attempt());
      expect(user.status).toBe(200);
      expect(await user.json()).toEqual({ isAuthenticated: false });
    }
  });
});
