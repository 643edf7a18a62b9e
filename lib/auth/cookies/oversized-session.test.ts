import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED_HEADER } from '../middleware/middleware.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { createHarness, readJarSession, type CookieJar, type Harness } from '../test-utils/harness.js';
import { logtoOrganizationIds, manyOrganizationsProfile } from '../test-utils/many-organizations.js';
import { forwarded, isPassThrough } from '../test-utils/middleware-responses.js';
import { SESSION_BUDGET, SESSION_COOKIE } from './session-cookie.js';
import { nextRequest } from '../test-utils/next-headers.js';

/**
 * A session must never be written unless it can be read back (issue 16, defect 2): a member of
 * many organizations either gets a session that round-trips, or the error page with
 * `session.too_large`, and never a cookie the next request reads as invalid (a sign-in loop).
 */

vi.mock('next/headers', async () => (await import('../test-utils/next-headers.js')).nextHeadersMock({ writable: true }));
const action = nextRequest;

const advance = freezeClockPerTest();
let h: Harness | undefined;
afterEach(() => h?.restore());

const sessionCookies = (jar: CookieJar) => jar.names().filter((name) => name.includes(SESSION_COOKIE));
const sessionBytes = (jar: CookieJar) => sessionCookies(jar).reduce((sum, name) => sum + jar.cookies.get(name)!.length, 0);
const location = (response: Response) => new URL(response.headers.get('location') ?? 'http://x/');

async function signInAsMemberOf(count: number) {
  const profile = manyOrganizationsProfile(logtoOrganizationIds(count));
  h = await createHarness({ idp: { profile } });
  action.jar = h.jar;
  const callback = await h.signIn();
  return { h, profile, callback };
}

describe.each([
  { count: 100, fits: true },
  { count: 220, fits: true },
  { count: 400, fits: true },
  { count: 500, fits: false },
])('signing in as a member of $count organizations', ({ count, fits }) => {
  it(fits ? 'writes a session that reads back as it was signed' : 'refuses the session with session.too_large and writes nothing', async () => {
    const { h, profile, callback } = await signInAsMemberOf(count);
    console.info(`${count} organizations: session cookies ${sessionBytes(h.jar)} bytes (budget ${SESSION_BUDGET})`);
    if (fits) {
      expect(location(callback).pathname).toBe('/protected');
      const { claims } = await readJarSession(h.jar);
      const { exp: _exp, iat: _iat, ...rest } = claims;
      expect(rest).toEqual({ ...profile, sub: h.idp.subject, aud: h.idp.clientId, iss: h.idp.issuer });
      // The next request reads it: no loop back to sign-in.
      expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    } else {
      expect(location(callback).pathname).toBe('/auth/error');
      expect(location(callback).searchParams.get('code')).toBe('session.too_large');
      expect(sessionCookies(h.jar)).toEqual([]);
    }
  });
});

describe('claims that grow past the budget on refresh', () => {
  async function grownSession() {
    const { h, profile } = await signInAsMemberOf(220);
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    // Logto adds the user to more organizations; the next refreshed ID token lists them all.
    const more = manyOrganizationsProfile(logtoOrganizationIds(500));
    profile.organizations = more.organizations;
    profile.organization_roles = more.organization_roles;
    advance(3600 - 30);
    return h;
  }

  it('ends the session on a protected page with session.too_large instead of writing what cannot be read', async () => {
    const h = await grownSession();
    const response = await h.middleware('/protected');
    expect(response.status).toBe(307);
    expect(location(response).pathname).toBe('/auth/error');
    expect(location(response).searchParams.get('code')).toBe('session.too_large');
    expect(sessionCookies(h.jar)).toEqual([]);
  });

  it('answers an API with 401 and the reason', async () => {
    const h = await grownSession();
    const response = await h.middleware('/api/protected/reports');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'session.too_large' });
    expect(sessionCookies(h.jar)).toEqual([]);
  });

  it('ends the session in a server action’s refreshTokens with session.too_large', async () => {
    const h = await grownSession();
    expect(await h.logto.refreshTokens({ core: true })).toEqual({ ok: false, error: 'session.too_large', ended: 'session.too_large' });
    expect(sessionCookies(h.jar)).toEqual([]);
  });

  it('tells the render of a public page why the session ended', async () => {
    const h = await grownSession();
    const response = await h.middleware('/');
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, SESSION_ENDED_HEADER)).toBe('session.too_large');
    expect(sessionCookies(h.jar)).toEqual([]);
  });
});
