import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_LENGTH } from './chunks.js';
import type { CookieReader, CookieWrite } from './cookie-store.js';
import { readSessionCookie, SESSION_BUDGET, SESSION_COOKIE, sessionCookieName, writeSessionCookie } from './session-cookie.js';
import { sessionWith as buildSession } from '../test-utils/sessions.js';

const settings = { secrets: ['a-cookie-secret-that-is-long-enough-0123456789'], secure: true };
const NAME = sessionCookieName(true);
const now = 1_795_316_458;
function reader(cookies: Record<string, string>): CookieReader {
  return {
    get: (name) => (name in cookies ? { value: cookies[name]! } : undefined),
    getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })),
  };
}

const sessionWith = (resources: number, organizations: number) => buildSession(resources, organizations, now);

/** The bytes a browser would store for each Set-Cookie: name, value and attributes. */
const setCookieBytes = (write: CookieWrite) =>
  `${write.name}=${write.value}; Path=/; Max-Age=${write.options.maxAge}; HttpOnly; Secure; SameSite=Lax`.length;

const live = (writes: CookieWrite[]) => writes.filter((write) => write.options.maxAge > 0);
const asJar = (writes: CookieWrite[]) => reader(Object.fromEntries(live(writes).map((w) => [w.name, w.value])));
const cookieHeaderBytes = (writes: CookieWrite[]) =>
  live(writes).map((w) => `${w.name}=${w.value}`).join('; ').length;

describe('session cookie', () => {
  it('round-trips a session', async () => {
    const session = await sessionWith(1, 1);
    const { writes } = await writeSessionCookie(reader({}), session, settings);
    expect(await readSessionCookie(asJar(writes), settings)).toEqual({ status: 'valid', session });
  });

  it('stays within budget at 0, 3+3 and 10+10 cached tokens (sizes reported)', async () => {
    const report: Record<string, { cookies: number; largest: number; header: number; kept: number }> = {};
    for (const [resources, organizations] of [
      [0, 0],
      [3, 0],
      [3, 3],
      [10, 0],
      [10, 10],
    ] as const) {
      const { writes, session } = await writeSessionCookie(reader({}), await sessionWith(resources, organizations), settings);
      const largest = Math.max(...live(writes).map(setCookieBytes));
      expect(largest).toBeLessThanOrEqual(4096);
      expect(cookieHeaderBytes(writes)).toBeLessThanOrEqual(SESSION_BUDGET + 64);
      report[`${resources}+${organizations}`] = {
        cookies: live(writes).length,
        largest,
        header: cookieHeaderBytes(writes),
        kept: Object.keys(session.tokens).length,
      };
      expect((await readSessionCookie(asJar(writes), settings)).status).toBe('valid');
    }
    console.info('session cookie sizes', report);
    expect(report['3+3']!.header).toBeLessThanOrEqual(8192);
    expect(report['3+3']!.kept).toBe(6);
    expect(report['10+10']!.kept).toBeLessThan(20);
  });

  it('evicts the cached tokens that expire first, never the core', async () => {
    const { session } = await writeSessionCookie(reader({}), await sessionWith(10, 10), settings);
    expect(session.refreshToken).toBeDefined();
    expect(session.accessToken).toBeDefined();
    // Organization tokens expire later in this fixture, so resource tokens go first.
    const kept = Object.keys(session.tokens);
    expect(kept.filter((key) => key.startsWith('urn:logto:organization:'))).toHaveLength(10);
  });

  it('chunks a large session and deletes stale chunks when it shrinks', async () => {
    const big = await writeSessionCookie(reader({}), await sessionWith(6, 6), settings);
    const names = live(big.writes).map((write) => write.name);
    expect(names).toEqual([`${NAME}.0`, `${NAME}.1`, `${NAME}.2`].slice(0, names.length));
    expect(names.length).toBeGreaterThan(1);
    expect(live(big.writes).every((write) => write.value.length <= MAX_CHUNK_LENGTH)).toBe(true);

    const small = await writeSessionCookie(asJar(big.writes), await sessionWith(0, 0), settings);
    expect(live(small.writes).map((write) => write.name)).toEqual([NAME]);
    const deleted = small.writes.filter((write) => write.options.maxAge === 0).map((write) => write.name);
    expect(deleted.sort()).toEqual([`${NAME}.0`, `${NAME}.1`, `${NAME}.2`]);
  });

  it('reads a missing middle chunk as invalid, not as a crash', async () => {
    const { writes } = await writeSessionCookie(reader({}), await sessionWith(6, 6), settings);
    const cookies = Object.fromEntries(live(writes).map((w) => [w.name, w.value]));
    delete cookies[`${NAME}.1`];
    expect((await readSessionCookie(reader(cookies), settings)).status).toBe('invalid');
  });

  it('reads a well-sealed payload of the wrong shape as invalid', async () => {
    const { seal } = await import('./seal.js');
    const sealed = await seal({ v: 1, claims: { sub: 42 } }, settings.secrets, 60);
    expect((await readSessionCookie(reader({ [NAME]: sealed }), settings)).status).toBe('invalid');
  });

  it('reads what a render sees after the middleware rewrote the session: deletions merged in as empty cookies', async () => {
    const { writes } = await writeSessionCookie(reader({}), await sessionWith(0, 0), settings);
    const merged: CookieReader = {
      get: (name) => {
        const write = writes.find((w) => w.name === name);
        return write ? { value: write.options.maxAge === 0 ? (undefined as unknown as string) : write.value } : undefined;
      },
      getAll: () =>
        writes.map((w) => ({ name: w.name, value: w.options.maxAge === 0 ? (undefined as unknown as string) : w.value })),
    };
    expect((await readSessionCookie(merged, settings)).status).toBe('valid');
  });

  it('names the cookies __Host-… on https and plainly on http', async () => {
    const session = await sessionWith(0, 0);
    const https = await writeSessionCookie(reader({}), session, settings);
    const http = await writeSessionCookie(reader({}), session, { ...settings, secure: false });
    expect(live(https.writes).map((write) => write.name)).toEqual([`__Host-${SESSION_COOKIE}`]);
    expect(live(http.writes).map((write) => write.name)).toEqual([SESSION_COOKIE]);
    // A cookie under the other name is not ours on this origin.
    expect((await readSessionCookie(asJar(http.writes), settings)).status).toBe('none');
  });

  it('evicts a token the request needs last, even when it expires first', async () => {
    const full = await sessionWith(10, 10);
    const soonest = Object.entries(full.tokens).sort(([, a], [, b]) => a.expiresAt - b.expiresAt)[0]![0];
    const unkept = await writeSessionCookie(reader({}), full, settings);
    expect(unkept.session.tokens[soonest]).toBeUndefined();
    const kept = await writeSessionCookie(reader({}), full, settings, new Set([soonest]));
    expect(kept.session.tokens[soonest]).toBeDefined();
    expect((await readSessionCookie(asJar(kept.writes), settings)).status).toBe('valid');
  });

  it('evicts tokens the request needs when they alone do not fit (the README says so)', async () => {
    const full = await sessionWith(10, 10);
    const { writes, session } = await writeSessionCookie(reader({}), full, settings, new Set(Object.keys(full.tokens)));
    expect(Object.keys(session.tokens).length).toBeLessThan(Object.keys(full.tokens).length);
    expect((await readSessionCookie(asJar(writes), settings)).status).toBe('valid');
  });
});

describe('a session that cannot fit', () => {
  /** A session whose claims carry `length` bytes of custom data, and cached tokens. */
  const withCustomData = async (length: number, tokens = 0) => {
    const session = await sessionWith(tokens, tokens);
    return { ...session, claims: { ...session.claims, custom_data: { note: 'x'.repeat(length) } } };
  };
  const sealedLength = (writes: CookieWrite[]) => live(writes).reduce((sum, write) => sum + write.value.length, 0);

  it('is never written: across the budget, every session either reads back as written or is refused', async () => {
    const written: number[] = [];
    let refused = 0;
    for (let length = 7600; length <= 8200; length += 7) {
      const session = await withCustomData(length);
      try {
        const { writes } = await writeSessionCookie(reader({}), session, settings);
        expect(await readSessionCookie(asJar(writes), settings), `custom data of ${length} bytes`).toEqual({ status: 'valid', session });
        written.push(sealedLength(writes));
      } catch (error) {
        expect(error).toMatchObject({ code: 'session.too_large' });
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
    // The writer refuses only what the reader would: the largest written is within one AES block.
    expect(Math.max(...written)).toBeGreaterThan(SESSION_BUDGET - 32);
    expect(Math.max(...written)).toBeLessThanOrEqual(SESSION_BUDGET);
  });

  it('is refused only after every cached token was evicted', async () => {
    await expect(writeSessionCookie(reader({}), await withCustomData(9000, 3), settings)).rejects.toMatchObject({ code: 'session.too_large' });
    const { session } = await writeSessionCookie(reader({}), await withCustomData(6000, 3), settings);
    expect(Object.keys(session.tokens).length).toBeLessThan(6);
  });
});

describe('two responses racing to write the session', () => {
  /** Applies Set-Cookie writes to a jar the way a browser does. */
  const apply = (jar: Map<string, string>, writes: CookieWrite[]) => {
    for (const write of writes) {
      if (write.options.maxAge === 0) jar.delete(write.name);
      else jar.set(write.name, write.value);
    }
  };
  const jarReader = (jar: Map<string, string>) => reader(Object.fromEntries(jar));

  it.each([
    ['3 chunks vs 2 chunks', [8, 8], [4, 2]],
    ['3 chunks vs 1 cookie', [8, 8], [0, 0]],
    ['2 chunks vs 1 cookie', [4, 2], [0, 0]],
  ] as const)('leaves one coherent session whatever order they land in (%s)', async (_name, [ra, oa], [rb, ob]) => {
    // Both requests carried the same cookies: a session in one cookie.
    const start = new Map<string, string>();
    apply(start, (await writeSessionCookie(reader({}), await sessionWith(0, 0), settings)).writes);
    const a = await writeSessionCookie(jarReader(start), await sessionWith(ra, oa), settings);
    const b = await writeSessionCookie(jarReader(start), await sessionWith(rb, ob), settings);
    expect(live(a.writes).length).not.toBe(live(b.writes).length);
    for (const [first, second] of [
      [a, b],
      [b, a],
    ] as const) {
      const jar = new Map(start);
      apply(jar, first.writes);
      apply(jar, second.writes);
      const read = await readSessionCookie(jarReader(jar), settings);
      expect(read).toEqual({ status: 'valid', session: second.session });
    }
  });
});
