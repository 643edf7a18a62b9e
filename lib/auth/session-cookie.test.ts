import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_LENGTH } from './chunks';
import type { CookieReader, CookieWrite } from './cookie-store';
import { readSessionCookie, SESSION_BUDGET, SESSION_COOKIE, writeSessionCookie } from './session-cookie';
import { sessionWith as buildSession } from './test-utils/sessions';

const settings = { secrets: ['a-cookie-secret-that-is-long-enough-0123456789'], secure: true };
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
    expect(names).toEqual([`${SESSION_COOKIE}.0`, `${SESSION_COOKIE}.1`, `${SESSION_COOKIE}.2`].slice(0, names.length));
    expect(names.length).toBeGreaterThan(1);
    expect(live(big.writes).every((write) => write.value.length <= MAX_CHUNK_LENGTH)).toBe(true);

    const small = await writeSessionCookie(asJar(big.writes), await sessionWith(0, 0), settings);
    expect(live(small.writes).map((write) => write.name)).toEqual([SESSION_COOKIE]);
    const deleted = small.writes.filter((write) => write.options.maxAge === 0).map((write) => write.name);
    expect(deleted.sort()).toEqual(names.sort());
  });

  it('reads a missing middle chunk as invalid, not as a crash', async () => {
    const { writes } = await writeSessionCookie(reader({}), await sessionWith(6, 6), settings);
    const cookies = Object.fromEntries(live(writes).map((w) => [w.name, w.value]));
    delete cookies[`${SESSION_COOKIE}.1`];
    expect((await readSessionCookie(reader(cookies), settings)).status).toBe('invalid');
  });

  it('reads a well-sealed payload of the wrong shape as invalid', async () => {
    const { seal } = await import('./seal');
    const sealed = await seal({ v: 1, claims: { sub: 42 } }, settings.secrets, 60);
    expect((await readSessionCookie(reader({ [SESSION_COOKIE]: sealed }), settings)).status).toBe('invalid');
  });
});
