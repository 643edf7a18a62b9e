import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_FAILURE_HEADER, TOKEN_REFUSED_HEADER } from './middleware.js';
import { SESSION_COOKIE } from '../cookies/session-cookie.js';
import { CookieJar, createHarness, ORGANIZATION, readJarSession, RESOURCE, type Harness } from '../test-utils/harness.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { copyJar, forwarded, isPassThrough } from '../test-utils/middleware-responses.js';

const advance = freezeClockPerTest();
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const sessionCookieHeader = () => h.jar.header();

describe('gate', () => {
  it('redirects a signed-out page view to sign-in with returnTo', async () => {
    const response = await h.middleware('/protected/userinfo?tab=2');
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/api/logto/sign-in');
    expect(location.searchParams.get('returnTo')).toBe('/protected/userinfo?tab=2');
  });

  it('answers 401 JSON for a signed-out API call', async () => {
    const response = await h.middleware('/api/protected/me');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it.each([
    ['tampered', (value: string) => value.slice(0, 40) + (value[40] === 'A' ? 'B' : 'A') + value.slice(41)],
    ['truncated', (value: string) => value.slice(0, value.length - 20)],
    ['garbage', () => 'not-a-seal'],
    ['empty object seal', () => 'Fe26.2**x*y*z*w*1*2*3~2'],
  ])('treats a %s session cookie as signed out (never a 500) and deletes it', async (_name, mangle) => {
    await h.signIn();
    const name = h.jar.names().find((cookie) => cookie.startsWith(SESSION_COOKIE))!;
    h.jar.cookies.set(name, mangle(h.jar.cookies.get(name)!));
    const response = await h.middleware('/protected');
    expect(response.status).toBe(307);
    expect(h.jar.names().some((cookie) => cookie.startsWith(SESSION_COOKIE))).toBe(false);
  });

  it('treats a cookie sealed with a foreign secret as signed out', async () => {
    await h.signIn();
    const session = h.jar.header();
    const other = await createHarness({ env: { LOGTO_COOKIE_SECRET: 'another-secret-entirely-0123456789-abcdefgh' } });
    const foreign = new CookieJar();
    for (const part of session.split('; ')) {
      const [name, value] = part.split('=') as [string, string];
      foreign.cookies.set(name, value);
    }
    const response = await other.middleware('/protected', { jar: foreign });
    expect(response.status).toBe(307);
    other.restore();
  });

  it('opens a cookie sealed with a previous secret after rotation', async () => {
    await h.signIn();
    const jar = copyJar(h.jar);
    const rotated = await createHarness({
      env: { LOGTO_COOKIE_SECRET: `a-brand-new-secret-0123456789-abcdefghijkl,${'test-cookie-secret-0123456789-abcdefghijklmnop'}` },
    });
    const response = await rotated.middleware('/protected', { jar });
    expect(isPassThrough(response)).toBe(true);
    rotated.restore();
  });
});

describe('refresh ahead of the render', () => {
  it('makes no call to Logto while tokens are fresh', async () => {
    await h.signIn();
    const before = h.idp.calls.total;
    for (let i = 0; i < 20; i += 1) {
      const response = await h.middleware('/protected');
      expect(isPassThrough(response)).toBe(true);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(h.idp.calls.total - before).toBe(0);
  });

  it('mints the resource token a page needs, once, and forwards it to the same render', async () => {
    await h.signIn();
    const before = h.idp.calls.token;
    const response = await h.middleware('/protected/resources');
    expect(h.idp.calls.token - before).toBe(1);
    expect(h.idp.requests.at(-1)?.form?.get('resource')).toBe(RESOURCE);
    expect(response.headers.getSetCookie().some((line) => line.startsWith(SESSION_COOKIE))).toBe(true);
    expect(forwarded(response, 'cookie')).toBe(sessionCookieHeader());
    await h.middleware('/protected/resources');
    expect(h.idp.calls.token - before).toBe(1);
  });

  it('mints organization tokens for the organizations page', async () => {
    await h.signIn();
    const before = h.idp.calls.token;
    await h.middleware('/protected/organizations');
    expect(h.idp.calls.token - before).toBe(1);
    expect(h.idp.requests.at(-1)?.form?.get('organization_id')).toBe(ORGANIZATION);
  });

  it('refreshes expiring tokens (one request) and keeps the user signed in', async () => {
    await h.signIn();
    advance(3600 - 30);
    const before = h.idp.calls.token;
    const response = await h.middleware('/protected');
    expect(isPassThrough(response)).toBe(true);
    expect(h.idp.calls.token - before).toBe(1);
    const user = await (await h.user()).json();
    expect(user.claims.exp).toBeGreaterThan(Math.floor(Date.now() / 1000) + 3000);
  });

  it('declines a browser prefetch that would need a refresh, and passes one that would not', async () => {
    await h.signIn();
    const prefetch = { 'sec-purpose': 'prefetch' };
    expect(isPassThrough(await h.middleware('/protected/resources', { headers: prefetch }))).toBe(true);
    advance(3600);
    const before = h.idp.calls.token;
    const response = await h.middleware('/protected', { headers: prefetch });
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(h.idp.calls.token - before).toBe(0);
  });

  it('single-flights 50 concurrent requests from one session: one refresh each, nobody signed out', async () => {
    await h.signIn();
    await h.middleware('/protected/resources');
    advance(3600);
    const stale = copyJar(h.jar);
    const before = h.idp.calls.token;
    h.idp.use('token', { type: 'delay', ms: 50 });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => h.middleware('/protected/resources', { jar: copyJar(stale) })),
    );
    expect(h.idp.calls.token - before).toBe(2); // core + the one resource, in sequence
    expect(responses.every(isPassThrough)).toBe(true);
    expect(responses.every((response) => response.headers.getSetCookie().length > 0)).toBe(true);
  });

  it('with rotation on every refresh, racing requests adopt the winner instead of replaying the old token', async () => {
    h = await createHarness({ idp: { rotateRefreshTokens: true } });
    await h.signIn();
    advance(3600);
    const stale = copyJar(h.jar);
    h.idp.use('token', { type: 'delay', ms: 30 });
    const first = await Promise.all(Array.from({ length: 10 }, () => h.middleware('/protected', { jar: copyJar(stale) })));
    expect(first.every(isPassThrough)).toBe(true);
    // A request that still carries the pre-rotation cookie arrives after the refresh finished.
    const lateJar = copyJar(stale);
    const late = await h.middleware('/protected', { jar: lateJar });
    expect(isPassThrough(late)).toBe(true);
    expect(h.idp.calls.token).toBe(2); // code exchange + one refresh
    // The late request adopted the rotated refresh token, which Logto still honours.
    const adopted = await readJarSession(lateJar);
    expect(adopted.refreshToken).not.toBe((await readJarSession(stale)).refreshToken);
    expect(h.idp.isRefreshTokenActive(adopted.refreshToken!)).toBe(true);
  });

  it('ends the session with an explanation when Logto rejects the refresh token', async () => {
    await h.signIn();
    h.idp.revokeAll();
    advance(3600);
    const response = await h.middleware('/protected/userinfo');
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/auth/error');
    expect(location.searchParams.get('code')).toBe('session.revoked');
    expect(location.searchParams.get('returnTo')).toBe('/protected/userinfo');
    expect(h.jar.names().some((cookie) => cookie.startsWith(SESSION_COOKIE))).toBe(false);
  });

  it('keeps the user signed in and tells the render when Logto is down', async () => {
    await h.signIn();
    advance(3600 - 10);
    h.idp.use('token', { type: 'network_error' });
    const response = await h.middleware('/protected');
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, REFRESH_FAILURE_HEADER)).toBe('token.request_failed');
    expect(h.jar.names().some((cookie) => cookie.startsWith(SESSION_COOKIE))).toBe(true);
    h.idp.reset('token');
    const recovered = await h.middleware('/protected');
    // The failure is remembered for a few seconds so a storm does not hammer a down IdP.
    expect(isPassThrough(recovered)).toBe(true);
    advance(6);
    const before = h.idp.calls.token;
    await h.middleware('/protected');
    expect(h.idp.calls.token - before).toBe(1);
  });

  it('keeps going when Logto refuses one organization (403) and mints the rest', async () => {
    h = await createHarness({
      idp: {
        organizations: { org1: 'read:members', [ORGANIZATION]: 'read:members' },
        profile: { name: 'Member of two', organizations: ['org1', ORGANIZATION] },
      },
    });
    await h.signIn();
    h.idp.use('token', { type: 'oauth_error', error: 'access_denied', status: 403 }, 1);
    const response = await h.middleware('/protected/organizations');
    expect(isPassThrough(response)).toBe(true);
    const asked = h.idp.requests.filter((r) => r.route === 'token').slice(-2).map((r) => r.form?.get('organization_id'));
    expect(asked).toEqual(['org1', ORGANIZATION]);
    expect(forwarded(response, TOKEN_REFUSED_HEADER)).toBe('token.error_response');
    expect(forwarded(response, REFRESH_FAILURE_HEADER)).toBeNull();
    const session = await readJarSession(h.jar);
    expect(Object.keys(session.tokens)).toEqual([`urn:logto:organization:${ORGANIZATION}`]);
  });

  it('sends the user to sign-in again from an API with 401 JSON when the session is dead', async () => {
    await h.signIn();
    h.idp.revokeAll();
    advance(3600);
    const response = await h.middleware('/api/protected/me');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'session_expired', reason: 'session.revoked' });
  });
});

describe('configuration', () => {
  it('shows the configuration error page instead of failing the request', async () => {
    h = await createHarness({ env: { LOGTO_ENDPOINT: 'not a url' } });
    const response = await h.middleware('/protected');
    expect(new URL(response.headers.get('location')!).searchParams.get('code')).toBe('config.invalid');
  });
});
