import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from './server';
import { alertText, parseForms, type Browser, type BrowserResponse } from './test-utils/browser';
import {
  authorizationRequest,
  exchangeCode,
  newBrowser,
  openSignIn,
  reachCallback,
  startTestEmulator,
  userinfo,
  verifyIdToken,
  type AuthorizationRequest,
} from './test-utils/flows';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});

afterAll(async () => {
  await emulator.close();
});

const SCOPE = 'openid profile email identities';

const connectors = [
  {
    name: 'GitLab',
    target: 'gitlab',
    connectorId: 'gitlab-universal',
    authorizePath: '/mock/gitlab/oauth/authorize',
    freshAccount: '20002',
    expectedDetails: { id: '20002', name: 'Gabe Gitlab', email: 'gabe@gitlab.example.com' },
  },
  {
    name: 'Feishu',
    target: 'feishu',
    connectorId: 'feishu-web',
    authorizePath: '/mock/feishu/suite/passport/oauth/authorize',
    freshAccount: 'ou_mockfeishu0000000000000000000001',
    expectedDetails: {
      id: 'ou_mockfeishu0000000000000000000001',
      name: 'Fei Shu',
      email: 'fei.shu@feishu.example.com',
      phone: '8613800138000',
      avatar: 'https://feishu.example.com/avatar/fei-shu.png',
    },
  },
  {
    name: 'Azure AD',
    target: 'azuread',
    connectorId: 'azuread-universal',
    authorizePath: '/mock/azuread/11111111-2222-4333-8444-555555555555/oauth2/v2.0/authorize',
    freshAccount: '7a3c0f52-0000-4000-8000-00000000a001',
    expectedDetails: { id: '7a3c0f52-0000-4000-8000-00000000a001', name: 'Adele Azure', email: 'adele@contoso.example.com' },
  },
] as const;

/** From the sign-in page: "Continue with …" → the mock upstream's consent page. */
async function continueWith(browser: Browser, signInPage: BrowserResponse, name: string): Promise<BrowserResponse> {
  return browser.follow(await browser.submit(signInPage, `Continue with ${name}`), new URL(emulator.url).origin);
}

async function authorizeAtUpstream(
  browser: Browser,
  consent: BrowserResponse,
  request: AuthorizationRequest,
  account: string,
): Promise<{ sub: string; info: Record<string, unknown> }> {
  const callback = await reachCallback(emulator, browser, await browser.submit(consent, 'Authorize', { account }));
  const tokens = await exchangeCode(emulator, callback.searchParams.get('code') ?? '', request);
  const { payload } = await verifyIdToken(emulator, tokens.id_token, request.nonce);
  const info = await userinfo(emulator, tokens.access_token);
  return { sub: String(payload.sub), info: info.body };
}

describe.each(connectors)('social sign-in with $name', (connector) => {
  it('runs a real OAuth code flow against the mock upstream, creates the user, then finds it again', async () => {
    const subs: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      const browser = newBrowser(emulator);
      const request = authorizationRequest(emulator, { scope: SCOPE });
      const consent = await continueWith(browser, await openSignIn(emulator, browser, request), connector.name);
      expect(consent.status).toBe(200);
      expect(new URL(consent.url).pathname).toBe(connector.authorizePath);
      expect(consent.body).toContain('Authorize Logto (local)');
      const buttons = parseForms(consent.body, consent.url).flatMap((form) => form.buttons.map((button) => button.label));
      expect(buttons).toEqual(['Authorize', 'Cancel']);

      const { sub, info } = await authorizeAtUpstream(browser, consent, request, connector.freshAccount);
      subs.push(sub);
      const identities = info.identities as Record<string, { userId: string; details: Record<string, unknown> }>;
      expect(Object.keys(identities)).toEqual([connector.target]);
      expect(identities[connector.target]?.userId).toBe(connector.freshAccount);
      expect(identities[connector.target]?.details).toMatchObject(connector.expectedDetails);
      expect(identities[connector.target]?.details.rawData).toBeTypeOf('object');
    }
    expect(subs[0]).toMatch(/^[0-9a-z]{12}$/);
    expect(subs[1]).toBe(subs[0]);
  });

  it('goes straight to the upstream with direct_sign_in=social:<target>', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator, { scope: SCOPE, extra: { direct_sign_in: `social:${connector.target}` } });
    const consent = await openSignIn(emulator, browser, request);
    expect(new URL(consent.url).pathname).toBe(connector.authorizePath);
    const { info } = await authorizeAtUpstream(browser, consent, request, connector.freshAccount);
    expect(Object.keys(info.identities as object)).toContain(connector.target);
  });

  it('shows the sign-in page with an error when the user cancels at the upstream', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator, { scope: SCOPE });
    const consent = await continueWith(browser, await openSignIn(emulator, browser, request), connector.name);
    const back = await browser.follow(await browser.submit(consent, 'Cancel'), new URL(emulator.url).origin);
    expect(back.status).toBe(200);
    expect(new URL(back.url).pathname).toMatch(/\/sign-in$/);
    expect(alertText(back.body)).toBe(`Sign-in with ${connector.name} was cancelled.`);
    // The interaction is still usable.
    const callback = await reachCallback(emulator, browser, await browser.submit(back, 'Sign in', { username: 'demo', password: 'Demo-Passw0rd' }));
    expect(callback.searchParams.get('code')).toBeTruthy();
  });
});

describe('social sign-in details', () => {
  it('finds the seeded user whose identity is linked (alice’s GitLab account)', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator, { scope: SCOPE });
    const consent = await continueWith(browser, await openSignIn(emulator, browser, request), 'GitLab');
    const { sub, info } = await authorizeAtUpstream(browser, consent, request, '20001');
    expect(sub).toBe('alice0000001');
    expect(info.email).toBe('alice@example.com');
  });

  it('falls back to the first screen for an unknown direct_sign_in target', async () => {
    const page = await openSignIn(
      emulator,
      newBrowser(emulator),
      authorizationRequest(emulator, { extra: { direct_sign_in: 'social:github', first_screen: 'register' } }),
    );
    expect(new URL(page.url).pathname).toMatch(/\/register$/);
  });

  it('rejects a callback whose state is unknown', async () => {
    const response = await newBrowser(emulator).get(`${emulator.url}/callback/gitlab-universal?code=x&state=forged`);
    expect(response.status).toBe(400);
  });

  it('upstream token endpoints check the client credentials', async () => {
    const gitlab = await fetch(`${emulator.internalUrl}/mock/gitlab/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('mock-gitlab-client-id:wrong').toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: `${emulator.url}/callback/gitlab-universal` }),
    });
    expect(gitlab.status).toBe(401);
    const me = await fetch(`${emulator.internalUrl}/mock/azuread/v1.0/me`, { headers: { authorization: 'Bearer nope' } });
    expect(me.status).toBe(401);
  });
});
