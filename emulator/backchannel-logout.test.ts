import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SIGNING_ALG } from './keys';
import type { RunningEmulator } from './server';
import type { Browser } from './test-utils/browser';
import {
  authorizationRequest,
  exchangeCode,
  newBrowser,
  openSignIn,
  reachCallback,
  refresh,
  signInWithPassword,
  startTestEmulator,
  tokenRequest,
  type TestClient,
  type TokenSet,
} from './test-utils/flows';
import type { Seed } from './types';

const seed = JSON.parse(readFileSync(new URL('./seed.json', import.meta.url), 'utf8')) as Seed;
const elsewhereApp = seed.applications.find((app) => app.id === 'logto-next-elsewhere');
if (!elsewhereApp) throw new Error('seed.json has no logto-next-elsewhere app');
const ELSEWHERE: TestClient = { clientId: elsewhereApp.id, clientSecret: elsewhereApp.secret };
const ELSEWHERE_CALLBACK = 'http://localhost:3999/callback';
const ELSEWHERE_SIGNED_OUT = 'http://localhost:3999/';
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

interface ReceivedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

/** A relying party's back-channel logout endpoint on a loopback port: records what it receives. */
class LogoutReceiver {
  readonly received: ReceivedRequest[] = [];
  #server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      // Back-Channel Logout 1.0 §2.8: the RP answers 200 OK.
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
    });
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return (this.#server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

let receiver: LogoutReceiver;
let receiverPort: number;
let emulator: RunningEmulator;

beforeAll(async () => {
  receiver = new LogoutReceiver();
  receiverPort = await receiver.start();
  // As in the e2e tests: the app's origin is given, and its back-channel URI follows from it.
  emulator = await startTestEmulator({ appOrigins: [`http://127.0.0.1:${receiverPort}`] });
});

afterEach(() => {
  receiver.received.length = 0;
});

afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

/** The demo app's sign-in: a fresh Logto session in `browser`, and its tokens. */
async function signInToDemoApp(browser: Browser): Promise<TokenSet> {
  const { code, request } = await signInWithPassword(emulator, browser, 'alice');
  return exchangeCode(emulator, code, request);
}

/** The second app's sign-in in the same browser: the Logto session signs it in without a page. */
async function signInToElsewhereApp(browser: Browser): Promise<TokenSet> {
  // The request the README gives for e2e tests: no prompt, no PKCE, no nonce.
  const request = authorizationRequest(emulator, {
    clientId: ELSEWHERE.clientId,
    redirectUri: ELSEWHERE_CALLBACK,
    scope: 'openid',
    prompt: null,
    pkce: false,
    nonce: null,
  });
  const callback = await reachCallback(emulator, browser, await browser.get(request.url));
  expect(`${callback.origin}${callback.pathname}`).toBe(ELSEWHERE_CALLBACK);
  const { status, body } = await tokenRequest(
    emulator,
    { grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: ELSEWHERE_CALLBACK },
    'basic',
    ELSEWHERE,
  );
  expect(status).toBe(200);
  return body as unknown as TokenSet;
}

/**
 * RP-initiated logout in the browser: the auto-submitting "Signing out" page (oidc-provider's bare
 * "Continue" form when the browser has no session), then its form.
 */
async function endSession(browser: Browser, params: Record<string, string>, button = 'Sign out') {
  const url = new URL(`${emulator.issuer}/session/end`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const page = await browser.get(url.href);
  expect(page.status).toBe(200);
  return browser.submit(page, button);
}

function logoutTokenOf(request: ReceivedRequest): string {
  const form = new URLSearchParams(request.body);
  expect([...form.keys()]).toEqual(['logout_token']);
  return form.get('logout_token') ?? '';
}

describe('back-channel logout (OpenID Connect Back-Channel Logout 1.0, as Logto 1.37.1 sends it)', () => {
  it('POSTs a Logto-shaped logout token to the demo app when the session ends from another app', async () => {
    const browser = newBrowser(emulator);
    const demoTokens = await signInToDemoApp(browser);
    const elsewhereTokens = await signInToElsewhereApp(browser);

    // backchannelLogoutSessionRequired: the demo app's ID token names the session; the second app
    // (no back-channel URI) gets none.
    const demoSid = decodeJwt(demoTokens.id_token).sid;
    expect(demoSid).toEqual(expect.any(String));
    expect(decodeJwt(elsewhereTokens.id_token)).not.toHaveProperty('sid');
    expect(decodeJwt(elsewhereTokens.id_token).sub).toBe('alice0000001');

    const done = await endSession(browser, {
      id_token_hint: elsewhereTokens.id_token,
      post_logout_redirect_uri: ELSEWHERE_SIGNED_OUT,
      state: 'bye',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${ELSEWHERE_SIGNED_OUT}?state=bye`);

    // Delivered before the redirect, once: only the demo app has a back-channel URI.
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    if (!delivery) throw new Error('no back-channel request');
    expect(delivery.method).toBe('POST');
    expect(delivery.path).toBe('/api/logto/backchannel-logout');
    expect(delivery.contentType).toBe('application/x-www-form-urlencoded');

    const logoutToken = logoutTokenOf(delivery);
    const { payload, protectedHeader } = await jwtVerify(logoutToken, createLocalJWKSet({ keys: [emulator.publicJwk] }), {
      algorithms: [SIGNING_ALG],
      typ: 'logout+jwt',
      issuer: emulator.issuer,
      audience: emulator.app.clientId,
    });
    expect(protectedHeader).toEqual({ alg: SIGNING_ALG, typ: 'logout+jwt', kid: emulator.publicJwk.kid });
    // Exactly Logto's claims, in the order its token has them; no `exp` (oidc-provider 9 adds one).
    expect(Object.keys(payload)).toEqual(['sub', 'events', 'jti', 'sid', 'aud', 'iat', 'iss']);
    expect(payload).toMatchObject({
      sub: 'alice0000001',
      events: { [BACKCHANNEL_EVENT]: {} },
      sid: demoSid,
      aud: emulator.app.clientId,
      iss: emulator.issuer,
    });
    expect(payload.jti).toEqual(expect.any(String));
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(5);

    // The Logto session is gone: the demo app's next sign-in shows the sign-in page.
    const next = await openSignIn(emulator, browser, authorizationRequest(emulator));
    expect(new URL(next.url).pathname).toMatch(/\/sign-in$/);
    // Like Logto, end-session keeps grants with offline_access: the demo app's refresh token works.
    expect((await refresh(emulator, demoTokens.refresh_token ?? '')).status).toBe(200);
  });

  it('also ends the session without id_token_hint: confirmation page, then "signed out", and a delivery', async () => {
    const browser = newBrowser(emulator);
    const demoTokens = await signInToDemoApp(browser);

    const done = await endSession(browser, {});
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${emulator.url}/oidc/session/end/success`);
    const signedOut = await browser.get(done.location ?? '');
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toContain('You have signed out');

    expect(receiver.received).toHaveLength(1);
    expect(decodeJwt(logoutTokenOf(receiver.received[0] as ReceivedRequest)).sid).toBe(decodeJwt(demoTokens.id_token).sid);
  });

  it('sends nothing when no session ends (no Logto session in the browser)', async () => {
    const done = await endSession(
      newBrowser(emulator),
      { client_id: ELSEWHERE.clientId, post_logout_redirect_uri: ELSEWHERE_SIGNED_OUT },
      'Continue',
    );
    expect(done.location).toBe(ELSEWHERE_SIGNED_OUT);
    expect(receiver.received).toHaveLength(0);
  });
});

describe('the back-channel logout URI in effect', () => {
  it('is EMULATOR_BACKCHANNEL_LOGOUT_URI when given, `localhost` included', async () => {
    const uri = `http://localhost:${receiverPort}/hooks/logto-logout?tenant=demo`;
    const other = await startTestEmulator({ appOrigins: ['http://localhost:41234'], backchannelLogoutUri: uri });
    try {
      expect(other.app.backchannelLogoutUri).toBe(uri);
      const browser = newBrowser(other);
      await signInWithPassword(other, browser, 'demo');
      const url = new URL(`${other.issuer}/session/end`);
      url.searchParams.set('client_id', ELSEWHERE.clientId);
      url.searchParams.set('post_logout_redirect_uri', ELSEWHERE_SIGNED_OUT);
      const done = await browser.submit(await browser.get(url.href), 'Sign out');
      expect(done.location).toBe(ELSEWHERE_SIGNED_OUT);
      expect(receiver.received.map((request) => request.path)).toEqual(['/hooks/logto-logout?tenant=demo']);
      expect(decodeProtectedHeader(logoutTokenOf(receiver.received[0] as ReceivedRequest)).typ).toBe('logout+jwt');
    } finally {
      await other.close();
    }
  });

  it('is the seed’s URI without app origins, and `<first app origin>/api/logto/backchannel-logout` with them', async () => {
    expect(emulator.app.backchannelLogoutUri).toBe(`http://127.0.0.1:${receiverPort}/api/logto/backchannel-logout`);
    const plain = await startTestEmulator();
    try {
      expect(plain.app.backchannelLogoutUri).toBe('http://localhost:3000/api/logto/backchannel-logout');
    } finally {
      await plain.close();
    }
  });
});
