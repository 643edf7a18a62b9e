import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getConfig } from '../../config.js';
import { REFRESH_FAILURE_HEADER, SESSION_ENDED_HEADER } from './middleware.js';
import { SESSION_COOKIE } from '../cookies/session-cookie.js';
import { ensureTokens } from '../refresh/token-refresh.js';
import { createHarness, readJarSession, RESOURCE, type Harness } from '../test-utils/harness.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { copyJar, forwarded, isPassThrough } from '../test-utils/middleware-responses.js';
import { nextRequest } from '../test-utils/next-headers.js';

/**
 * The outage grace runs from the first refresh that failed for want of an answer from Logto, not
 * from the ID token's expiry. Past it nobody can vouch for the session: every reader reads it as
 * signed out, and the cookie stays so the next successful refresh restores it.
 */

vi.mock('next/headers', async () => (await import('../test-utils/next-headers.js')).nextHeadersMock());
const request = nextRequest;

const advance = freezeClockPerTest();
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  request.jar = h.jar;
});
afterEach(() => h.restore());

const ID_TOKEN_TTL = 3600;
const GRACE = 15 * 60;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const hasSession = (jar = h.jar) => jar.names().some((name) => name.startsWith(SESSION_COOKIE));
const errorCode = (response: Response) => new URL(response.headers.get('location') ?? 'http://x/').searchParams.get('code');
const userOf = async (jar = h.jar) => (await h.user(jar)).json() as Promise<{ isAuthenticated: boolean; status?: string }>;

/** Signs in, then comes back `idleSeconds` later to a Logto that does not answer. */
async function backDuringOutage(idleSeconds: number) {
  await h.signIn();
  advance(idleSeconds);
  h.idp.use('token', { type: 'network_error' });
  return h.middleware('/protected');
}

async function expectSignedOutEverywhere() {
  expect(await userOf()).toEqual({ isAuthenticated: false, status: 'unverified' });
  expect(await h.logto.getSession()).toBeNull();
  expect(await h.logto.isAuthenticated()).toBe(false);
  expect(await h.logto.getAccessToken(RESOURCE)).toMatchObject({ ok: false, reason: 'signed_out' });
}

describe('the outage grace runs from the first failed refresh', () => {
  it('serves a user back after 75 minutes who meets one timeout (the refresh token was never refused)', async () => {
    const response = await backDuringOutage(75 * 60);
    expect(isPassThrough(response)).toBe(true);
    expect(forwarded(response, REFRESH_FAILURE_HEADER)).toBe('token.request_failed');
    expect((await readJarSession(h.jar)).outageSince).toBe(nowSeconds());
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'grace' });
    expect(await h.logto.getSession()).toMatchObject({ status: 'grace' });
  });

  it('serves the session for the grace after that failure, then reads it as signed out everywhere, keeping the cookie', async () => {
    await backDuringOutage(75 * 60);
    advance(GRACE - 1);
    expect(isPassThrough(await h.middleware('/protected'))).toBe(true);
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'grace' });
    advance(1);
    const page = await h.middleware('/protected?tab=2');
    expect(errorCode(page)).toBe('session.outage_expired');
    expect(new URL(page.headers.get('location')!).searchParams.get('returnTo')).toBe('/protected?tab=2');
    expect(page.headers.getSetCookie()).toEqual([]);
    expect(hasSession()).toBe(true);
    await expectSignedOutEverywhere();

    const api = await h.middleware('/api/protected/me');
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: 'session_unconfirmed', reason: 'session.outage_expired' });
    expect(api.headers.getSetCookie()).toEqual([]);

    const outside = await h.middleware('/');
    expect(isPassThrough(outside)).toBe(true);
    expect(forwarded(outside, SESSION_ENDED_HEADER)).toBe('session.outage_expired');
    expect(forwarded(outside, REFRESH_FAILURE_HEADER)).toBeNull();
    expect(outside.headers.getSetCookie()).toEqual([]);
    expect(hasSession()).toBe(true);
  });

  it('restores the session with the next successful refresh, and clears the mark', async () => {
    await backDuringOutage(75 * 60);
    advance(GRACE + 60);
    expect(errorCode(await h.middleware('/protected'))).toBe('session.outage_expired');
    h.idp.reset('token');
    advance(6); // past the 5 s for which a failure is not retried
    const back = await h.middleware('/protected');
    expect(isPassThrough(back)).toBe(true);
    expect(forwarded(back, REFRESH_FAILURE_HEADER)).toBeNull();
    expect((await readJarSession(h.jar)).outageSince).toBeUndefined();
    expect(await userOf()).toMatchObject({ isAuthenticated: true, status: 'verified' });
    expect(await h.logto.getSession()).toMatchObject({ status: 'verified' });
  });

  it('ends the session, past the grace too, as soon as Logto refuses it', async () => {
    await backDuringOutage(75 * 60);
    advance(GRACE + 60);
    h.idp.reset('token');
    h.idp.use('token', { type: 'oauth_error', error: 'invalid_grant', status: 400 });
    const response = await h.middleware('/protected');
    expect(errorCode(response)).toBe('session.revoked');
    expect(hasSession()).toBe(false);
  });

  it('keeps the first failure as the start: later failures do not move it', async () => {
    await backDuringOutage(75 * 60);
    const since = (await readJarSession(h.jar)).outageSince;
    advance(10 * 60);
    await h.middleware('/protected');
    expect((await readJarSession(h.jar)).outageSince).toBe(since);
  });

  it('never serves a session more than a day past its ID token’s expiry, even from a copy of the cookie made before the mark', async () => {
    await h.signIn();
    const unmarked = copyJar(h.jar);
    h.idp.use('token', { type: 'network_error' });
    advance(ID_TOKEN_TTL + 24 * 60 * 60 - 60);
    expect(isPassThrough(await h.middleware('/protected', { jar: unmarked }))).toBe(true);
    expect(await userOf(unmarked)).toMatchObject({ isAuthenticated: true, status: 'grace' });
    advance(60);
    expect(await userOf(unmarked)).toEqual({ isAuthenticated: false, status: 'unverified' });
    const later = copyJar(h.jar); // still without the mark
    expect(errorCode(await h.middleware('/protected', { jar: later }))).toBe('session.outage_expired');
    expect(hasSession(later)).toBe(true);
  });
});

describe('the outage mark, as ensureTokens sets it', () => {
  const ensure = async () => ensureTokens(await readJarSession(h.jar), { core: true }, getConfig());

  it('is set by a failure without an answer once the claims have expired, for every caller (server actions too)', async () => {
    await h.signIn();
    advance(ID_TOKEN_TTL + 5);
    h.idp.use('token', { type: 'network_error' });
    const outcome = await ensure();
    expect(outcome).toMatchObject({ changed: true, failure: { fatal: false } });
    expect(outcome.session.outageSince).toBe(nowSeconds());
  });

  it('is not set by a failed refresh ahead of expiry, while the claims still vouch for the session', async () => {
    await h.signIn();
    advance(ID_TOKEN_TTL - 30);
    h.idp.use('token', { type: 'network_error' });
    const outcome = await ensure();
    expect(outcome.failure).toMatchObject({ fatal: false });
    expect(outcome.session.outageSince).toBeUndefined();
  });
});
