import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_FAILURE_HEADER, SESSION_ENDED_HEADER, TOKEN_REFUSED_HEADER } from './middleware.js';
import { SESSION_COOKIE } from '../cookies/session-cookie.js';
import { COOKIE_SECRET, createHarness, readJarSession, RESOURCE, type CookieJar, type Harness } from '../test-utils/harness.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { copyJar, forwarded, isPassThrough } from '../test-utils/middleware-responses.js';

/** What production does to a session: secret rotation, revocation, refusals and outages. */

const advance = freezeClockPerTest();
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const hasSession = (jar: CookieJar) => jar.names().some((name) => name.includes(SESSION_COOKIE));
const errorCode = (response: Response) => new URL(response.headers.get('location') ?? 'http://x/').searchParams.get('code');
const userOf = async (jar = h.jar) => (await h.user(jar)).json() as Promise<{ isAuthenticated: boolean; status?: string }>;

const SECRET_A = COOKIE_SECRET;
const SECRET_B = 'the-next-cookie-secret-0123456789-abcdefghijkl';

describe('cookie-secret rotation: A, then B,A, then B', () => {
  it('keeps the session valid at each step', async () => {
    await h.signIn();
    h.setEnv({ LOGTO_COOKIE_SECRET: `${SECRET_B},${SECRET_A}` });
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    // The next refresh re-seals the session, now with B.
    advance(3600 - 30);
    const refreshed = await h.middleware('/protected');
    expect(refreshed.headers.getSetCookie().some((line) => line.startsWith(SESSION_COOKIE))).toBe(true);
    h.setEnv({ LOGTO_COOKIE_SECRET: SECRET_B });
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
  });

  it('keeps a session sealed with A readable while B is added and A still listed', async () => {
    await h.signIn();
    h.setEnv({ LOGTO_COOKIE_SECRET: `${SECRET_B},${SECRET_A}` });
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
    h.setEnv({ LOGTO_COOKIE_SECRET: SECRET_B });
    expect(await userOf()).toMatchObject({ isAuthenticated: false });
  });

  it('keeps every pending sign-in attempt valid at each step', async () => {
    const underA = await h.startSignIn();
    h.setEnv({ LOGTO_COOKIE_SECRET: `${SECRET_B},${SECRET_A}` });
    const underBA = await h.startSignIn();
    const first = await h.callback(await h.idp.authorize(underA.headers.get('location')!));
    expect(new URL(first.headers.get('location')!).pathname).toBe('/protected');
    h.setEnv({ LOGTO_COOKIE_SECRET: SECRET_B });
    const second = await h.callback(await h.idp.authorize(underBA.headers.get('location')!));
    expect(new URL(second.headers.get('location')!).pathname).toBe('/protected');
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
  });
});

describe('a session cannot outlive what Logto said', () => {
  it('reads expired claims as unverified on a reader that does not refresh, refresh token or not', async () => {
    await h.signIn();
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'verified' });
    advance(3600 + 1);
    expect(await userOf()).toEqual({ isAuthenticated: false, status: 'unverified' });
  });

  it('refreshes on a page outside the guard too, so every reader sees a verified session', async () => {
    await h.signIn();
    advance(3600 - 30);
    const before = h.idp.calls.token;
    const response = await h.middleware('/');
    expect(isPassThrough(response)).toBe(true);
    expect(h.idp.calls.token - before).toBe(1);
    advance(60);
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'verified' });
  });

  it('lets a signed-out visitor through a page outside the guard, untouched', async () => {
    const response = await h.middleware('/');
    expect(isPassThrough(response)).toBe(true);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('a copy of the cookie taken before sign-out lasts until its claims expire, then ends everywhere', async () => {
    await h.signIn();
    const copy = copyJar(h.jar);
    await h.signOut();
    expect(hasSession(h.jar)).toBe(false);
    // Stateless: until the ID token expires, nothing asks Logto.
    expect(await userOf(copy)).toMatchObject({ isAuthenticated: true });
    advance(3600 - 30);
    const response = await h.middleware('/', { jar: copy });
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, SESSION_ENDED_HEADER)).toBe('session.revoked');
    expect(hasSession(copy)).toBe(false);
    expect(await userOf(copy)).toEqual({ isAuthenticated: false });
  });
});

describe('refusals end the session; outages do not, but not forever', () => {
  it.each([
    ['invalid_grant', 400, 'session.revoked'],
    ['invalid_client', 401, 'session.client_rejected'],
    ['unauthorized_client', 400, 'session.client_rejected'],
    ['access_denied', 400, 'session.access_denied'],
    ['invalid_request', 400, 'session.refused'],
  ] as const)('ends the session when Logto answers the core refresh with %s', async (error, status, reason) => {
    await h.signIn();
    advance(3600 - 30);
    h.idp.use('token', { type: 'oauth_error', error, status });
    const response = await h.middleware('/protected');
    expect(response.status).toBe(307);
    expect(errorCode(response)).toBe(reason);
    expect(hasSession(h.jar)).toBe(false);
  });

  it('ends the session when the refreshed ID token fails verification', async () => {
    await h.signIn();
    advance(3600 - 30);
    const wrongAudience = await h.idp.signIdToken({ aud: 'another-app' });
    h.idp.use('token', {
      type: 'respond',
      status: 200,
      body: { access_token: 'at', token_type: 'Bearer', expires_in: 3600, id_token: wrongAudience, refresh_token: 'rt' },
    });
    const response = await h.middleware('/protected');
    expect(errorCode(response)).toBe('session.unverifiable');
  });

  it.each([
    ['a network error', { type: 'network_error' } as const],
    ['a 500', { type: 'respond', status: 500, body: 'oops' } as const],
    ['a 503 with an OAuth body', { type: 'oauth_error', error: 'server_error', status: 503 } as const],
    ['a 429', { type: 'oauth_error', error: 'too_many_requests', status: 429 } as const],
  ])('serves the session with a notice on %s', async (_name, behaviour) => {
    await h.signIn();
    advance(3600 - 30);
    h.idp.use('token', behaviour);
    const response = await h.middleware('/protected');
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, REFRESH_FAILURE_HEADER)).toMatch(/^token\./);
    expect(hasSession(h.jar)).toBe(true);
  });

  it('serves an expired session during an outage for the grace (15 min by default), then reads it as signed out', async () => {
    await h.signIn();
    h.idp.use('token', { type: 'network_error' });
    advance(3600 + 5);
    const during = await h.middleware('/protected');
    expect(isPassThrough(during)).toBe(true);
    expect(forwarded(during, REFRESH_FAILURE_HEADER)).toBe('token.request_failed');
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'grace' });
    advance(15 * 60 - 10);
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    advance(10);
    const after = await h.middleware('/protected');
    expect(errorCode(after)).toBe('session.outage_expired');
    expect(await userOf()).toEqual({ isAuthenticated: false, status: 'unverified' });
    expect(hasSession(h.jar)).toBe(true); // kept for the next successful refresh to restore
  });

  it('takes the grace from LOGTO_OUTAGE_GRACE_SECONDS', async () => {
    h = await createHarness({ env: { LOGTO_OUTAGE_GRACE_SECONDS: '60' } });
    await h.signIn();
    h.idp.use('token', { type: 'network_error' });
    advance(3600 + 30);
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    advance(59);
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    advance(1);
    expect(errorCode(await h.middleware('/protected'))).toBe('session.outage_expired');
  });

  it('reads an expired session as signed out with its own message on a page outside the guard, too', async () => {
    h = await createHarness({ env: { LOGTO_OUTAGE_GRACE_SECONDS: '0' } });
    await h.signIn();
    h.idp.use('token', { type: 'network_error' });
    advance(3600 + 1);
    const response = await h.middleware('/');
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, SESSION_ENDED_HEADER)).toBe('session.outage_expired');
    expect(await userOf()).toEqual({ isAuthenticated: false, status: 'unverified' });
    expect(hasSession(h.jar)).toBe(true);
  });

  it('drops the outage mark once Logto vouches for the session again', async () => {
    await h.signIn();
    h.idp.use('token', { type: 'network_error' });
    advance(3600 + 5);
    await h.middleware('/protected');
    expect((await readJarSession(h.jar)).outageSince).toBeDefined();
    h.idp.reset('token');
    advance(10);
    await h.middleware('/protected');
    const session = await readJarSession(h.jar);
    expect(session.outageSince).toBeUndefined();
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'verified' });
  });

  it.each([
    ['invalid_target', 400],
    ['invalid_scope', 400],
    ['access_denied', 403],
  ] as const)('a resource token refused with %s affects that token only', async (error, status) => {
    await h.signIn();
    h.idp.use('token', { type: 'oauth_error', error, status }, 1);
    const response = await h.middleware('/protected/resources');
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, TOKEN_REFUSED_HEADER)).toBe('token.error_response');
    expect(forwarded(response, REFRESH_FAILURE_HEADER)).toBeNull();
    expect(hasSession(h.jar)).toBe(true);
    expect((await readJarSession(h.jar)).tokens[RESOURCE]).toBeUndefined();
  });

  it('a resource token refused with invalid_grant ends the session (the refresh token is dead)', async () => {
    await h.signIn();
    h.idp.use('token', { type: 'oauth_error', error: 'invalid_grant', status: 400 }, 1);
    const response = await h.middleware('/protected/resources');
    expect(errorCode(response)).toBe('session.revoked');
  });
});

describe('https', () => {
  it('signs in with __Host- cookies and reads them back', async () => {
    h = await createHarness({ env: { LOGTO_BASE_URL: 'https://app.example.com' } });
    await h.signIn();
    expect(h.jar.names()).toEqual([`__Host-${SESSION_COOKIE}`]);
    const response = await h.middleware('/protected');
    expect(isPassThrough(response)).toBe(true);
  });
});
