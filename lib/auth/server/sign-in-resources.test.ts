import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, readJarSession, RESOURCE, type Harness } from '../test-utils/harness.js';
import { nextRequest } from '../test-utils/next-headers.js';


vi.mock('next/headers', async () => (await import('../test-utils/next-headers.js')).nextHeadersMock());
const request = nextRequest;

/** An API resource the app does not configure, asked for by one sign-in (`?resource=`). */
const EXTRA = 'https://extra.example.com';

let h: Harness;
afterEach(() => h.restore());

async function harness() {
  h = await createHarness({
    idp: { resources: { [RESOURCE]: 'read write', [EXTRA]: 'read:extra' } },
    middleware: {
      // What an app does with the resources a sign-in asked for: mints them on the page that uses them.
      tokensFor: (pathname, session) => (pathname === '/protected/extra' ? { resources: session.signInResources ?? [] } : {}),
    },
  });
  request.jar = h.jar;
}

describe('the per-sign-in resource option', () => {
  it('is remembered by the session, minted by the middleware and read back with getAccessToken', async () => {
    await harness();
    const start = await h.startSignIn(`?resource=${encodeURIComponent(EXTRA)}`);
    expect(new URL(start.headers.get('location')!).searchParams.getAll('resource')).toContain(EXTRA);
    await h.callback(await h.idp.authorize(start.headers.get('location')!));
    expect((await readJarSession(h.jar)).signInResources).toEqual([EXTRA]);

    await h.middleware('/protected/extra');
    expect(h.idp.requests.at(-1)?.form?.get('resource')).toBe(EXTRA);
    const result = await h.logto.getAccessToken(EXTRA);
    expect(result).toMatchObject({ ok: true, claims: { aud: EXTRA, scope: 'read:extra' } });
    expect(await h.logto.getAccessTokenClaims(EXTRA)).toMatchObject({ aud: EXTRA });
  });

  it('grants nothing to a session whose sign-in did not ask for the resource', async () => {
    await harness();
    await h.signIn();
    expect((await readJarSession(h.jar)).signInResources).toBeUndefined();
    await h.middleware('/protected/extra');
    expect(await h.logto.getAccessToken(EXTRA)).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('remembers only the resources beyond LOGTO_RESOURCES, once each', async () => {
    await harness();
    await h.signIn(`?resource=${encodeURIComponent(`${RESOURCE} ${EXTRA}`)}&resource=${encodeURIComponent(EXTRA)}`);
    expect((await readJarSession(h.jar)).signInResources).toEqual([EXTRA]);
  });
});
