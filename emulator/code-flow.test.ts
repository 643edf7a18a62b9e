import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from './server';
import { alertText, labels, parseForms } from './test-utils/browser';
import {
  APP_REDIRECT_URI,
  DEMO_PASSWORD,
  authorizationRequest,
  exchangeCode,
  newBrowser,
  openSignIn,
  reachCallback,
  signInWithPassword,
  startTestEmulator,
  tokenRequest,
  userinfo,
  verifyIdToken,
} from './test-utils/flows';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ appOrigins: ['http://localhost:41234'] });
});

afterAll(async () => {
  await emulator.close();
});

describe('authorization code flow with PKCE and a password', () => {
  it('redirects to the callback with code, state and iss, and issues Logto-shaped tokens', async () => {
    const browser = newBrowser(emulator);
    const { request, callback, code } = await signInWithPassword(emulator, browser, 'alice', {
      scope: 'openid offline_access profile email phone address roles custom_data identities urn:logto:scope:organizations urn:logto:scope:organization_roles',
    });

    expect(`${callback.origin}${callback.pathname}`).toBe(APP_REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(emulator.issuer);

    const tokens = await exchangeCode(emulator, code, request);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'offline_access', 'profile', 'email']));
    // The access token of the code exchange is opaque (no audience): it is for /oidc/me only.
    expect(tokens.access_token.split('.')).toHaveLength(1);

    const header = decodeProtectedHeader(tokens.id_token);
    expect(header).toEqual({ alg: 'ES384', kid: emulator.publicJwk.kid });

    const { payload } = await verifyIdToken(emulator, tokens.id_token, request.nonce);
    expect(payload.sub).toBe('alice0000001');
    expect(payload.aud).toBe(emulator.app.clientId);
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    expect(payload).toMatchObject({
      name: 'Alice Example',
      username: 'alice',
      picture: 'https://avatars.example.com/alice.png',
      given_name: 'Alice',
      family_name: 'Example',
      email: 'alice@example.com',
      email_verified: true,
      phone_number: '15555550100',
      phone_number_verified: true,
      roles: ['reports-admin', 'billing-viewer'],
      organizations: [],
      organization_roles: [],
    });
    expect(payload.address).toMatchObject({ locality: 'Springfield', country: 'US' });
    expect(payload.created_at).toBeGreaterThan(1e12);
    expect(payload.updated_at).toBeGreaterThanOrEqual(payload.created_at as number);
    // Userinfo-only claims stay out of the ID token; Logto 1.42+ sends no at_hash.
    for (const claim of ['custom_data', 'identities', 'organization_data', 'at_hash']) {
      expect(payload).not.toHaveProperty(claim);
    }
    // The demo app has backchannelLogoutSessionRequired, so its ID tokens name the session
    // (OpenID Connect Back-Channel Logout 1.0 §2.1; backchannel-logout.test.ts covers the rest).
    expect(payload.sid).toEqual(expect.any(String));

    const info = await userinfo(emulator, tokens.access_token);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      sub: 'alice0000001',
      custom_data: { plan: 'pro', beta: true },
      identities: { gitlab: { userId: '20001', details: { id: '20001', email: 'alice@example.com' } } },
      organization_data: [],
      sso_identities: [],
    });
    expect(info.body.created_at).toBe(payload.created_at);
    expect(info.body.updated_at).toBeGreaterThan(1e12);
  });

  it('gives null for unset profile claims and organization data in userinfo', async () => {
    const demo = await signInWithPassword(emulator, newBrowser(emulator), 'demo', { scope: 'openid profile email' });
    const demoTokens = await exchangeCode(emulator, demo.code, demo.request, 'post');
    const { payload } = await verifyIdToken(emulator, demoTokens.id_token, demo.request.nonce);
    expect(payload).toMatchObject({ name: 'Demo User', picture: null, username: 'demo', email: null, email_verified: false });

    const olivia = await signInWithPassword(emulator, newBrowser(emulator), 'olivia', {
      scope: 'openid profile urn:logto:scope:organizations urn:logto:scope:organization_roles',
    });
    const tokens = await exchangeCode(emulator, olivia.code, olivia.request);
    const claims = (await verifyIdToken(emulator, tokens.id_token)).payload;
    expect(claims.organizations).toEqual(['acme00000001', 'globex000001']);
    expect(claims.organization_roles).toEqual(['acme00000001:admin', 'globex000001:member']);
    const info = await userinfo(emulator, tokens.access_token);
    expect(info.body.organization_data).toEqual([
      { id: 'acme00000001', name: 'Acme', description: 'Acme Corporation' },
      { id: 'globex000001', name: 'Globex', description: null },
    ]);
  });

  it('keeps offline_access only with prompt=consent', async () => {
    const { code, request } = await signInWithPassword(emulator, newBrowser(emulator), 'demo', { prompt: 'login' });
    const tokens = await exchangeCode(emulator, code, request);
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope.split(' ')).not.toContain('offline_access');
  });

  it('checks PKCE and rejects a second use of the code', async () => {
    const { code, request } = await signInWithPassword(emulator, newBrowser(emulator), 'demo');
    const wrong = await tokenRequest(emulator, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: request.redirectUri,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      code: 'oidc.invalid_grant',
      message: 'Grant request is invalid.',
      error_uri: 'https://openid.sh/debug/invalid_grant',
      error: 'invalid_grant',
      error_description: 'grant request is invalid',
    });
  });

  it('rejects an unknown client secret with invalid_client', async () => {
    const response = await fetch(`${emulator.internalUrl}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${emulator.app.clientId}:nope`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'oidc.invalid_client', error: 'invalid_client' });
  });

  it('accepts an extra app origin from EMULATOR_APP_ORIGINS and any loopback port', async () => {
    for (const redirectUri of ['http://localhost:41234/api/logto/callback', 'http://localhost:5999/api/logto/callback']) {
      const { callback } = await signInWithPassword(emulator, newBrowser(emulator), 'demo', { redirectUri });
      expect(callback.href.startsWith(redirectUri)).toBe(true);
    }
  });

  it('splits a comma-separated resource parameter like Logto', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator, { resources: ['https://reports.example.com,https://billing.example.com'] });
    const page = await openSignIn(emulator, browser, request);
    const callback = await reachCallback(emulator, browser, await browser.submit(page, 'Sign in', { username: 'alice', password: 'Demo-Passw0rd' }));
    const tokens = await exchangeCode(emulator, callback.searchParams.get('code') ?? '', request);
    for (const resource of ['https://reports.example.com', 'https://billing.example.com']) {
      const { status } = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', resource });
      expect(status).toBe(200);
    }
  });

  it('signs in silently when the browser already has a session (SSO)', async () => {
    const browser = newBrowser(emulator);
    await signInWithPassword(emulator, browser, 'demo');
    const request = authorizationRequest(emulator);
    const callback = await reachCallback(emulator, browser, await browser.get(request.url));
    expect(callback.searchParams.get('code')).toBeTruthy();
  });
});

describe('sign-in experience', () => {
  it('labels its inputs and buttons with the names the e2e suite uses', async () => {
    const browser = newBrowser(emulator);
    const page = await openSignIn(emulator, browser, authorizationRequest(emulator));
    expect(page.status).toBe(200);
    expect([...labels(page.body).values()]).toEqual(['Username', 'Password']);
    const buttons = parseForms(page.body, page.url).flatMap((form) => form.buttons.map((button) => button.label));
    expect(buttons).toEqual(['Sign in', 'Continue with Feishu', 'Continue with Azure AD', 'Continue with GitLab', 'Cancel']);
    expect(page.body).toContain('Create an account');
    expect(page.body).toContain('Sign in with email code');
  });

  it('shows the form again with an error for a wrong password', async () => {
    const browser = newBrowser(emulator);
    const page = await openSignIn(emulator, browser, authorizationRequest(emulator));
    const again = await browser.submit(page, 'Sign in', { username: 'alice', password: 'wrong-password' });
    expect(again.status).toBe(400);
    expect(alertText(again.body)).toBe('Incorrect account or password. Please check your input.');
    const unknown = await browser.submit(again, 'Sign in', { username: 'nobody', password: 'whatever1' });
    expect(alertText(unknown.body)).toBe('Incorrect account or password. Please check your input.');
    // The same interaction still works afterwards.
    const callback = await reachCallback(emulator, browser, await browser.submit(unknown, 'Sign in', { username: 'alice', password: 'Demo-Passw0rd' }));
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('pre-fills the username from login_hint', async () => {
    const page = await openSignIn(emulator, newBrowser(emulator), authorizationRequest(emulator, { extra: { login_hint: 'olivia' } }));
    expect(parseForms(page.body, page.url)[0]?.fields.username).toBe('olivia');
  });

  it('registers a new user with first_screen=register and signs them in', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator, { scope: 'openid profile email', extra: { first_screen: 'register' } });
    const page = await openSignIn(emulator, browser, request);
    expect(new URL(page.url).pathname).toMatch(/\/register$/);
    expect([...labels(page.body).values()]).toEqual(['Username', 'Password', 'Email']);

    const taken = await browser.submit(page, 'Create account', { username: 'alice', password: 'Another-Passw0rd' });
    expect(alertText(taken.body)).toBe('This username is already in use.');
    const short = await browser.submit(page, 'Create account', { username: 'newcomer', password: 'short' });
    expect(alertText(short.body)).toBe('Password requires a minimum of 8 characters.');

    const created = await browser.submit(page, 'Create account', {
      username: 'newcomer',
      password: 'Newcomer-Passw0rd',
      email: 'newcomer@example.com',
    });
    const callback = await reachCallback(emulator, browser, created);
    const tokens = await exchangeCode(emulator, callback.searchParams.get('code') ?? '', request);
    const { payload } = await verifyIdToken(emulator, tokens.id_token, request.nonce);
    expect(payload).toMatchObject({ username: 'newcomer', email: 'newcomer@example.com', name: null });
    expect(payload.sub).toMatch(/^[0-9a-z]{12}$/);

    // The new account can sign in with its password.
    const second = newBrowser(emulator);
    const login = await openSignIn(emulator, second, authorizationRequest(emulator));
    const next = await second.submit(login, 'Sign in', { username: 'newcomer', password: 'Newcomer-Passw0rd' });
    expect((await reachCallback(emulator, second, next)).searchParams.get('code')).toBeTruthy();
  });

  it('shows the register screen first for interaction_mode=signUp', async () => {
    const page = await openSignIn(emulator, newBrowser(emulator), authorizationRequest(emulator, { extra: { interaction_mode: 'signUp' } }));
    expect(parseForms(page.body, page.url).some((form) => form.buttons.some((button) => button.label === 'Create account'))).toBe(true);
  });

  it('ignores every extra parameter when one is invalid, like Logto', async () => {
    const page = await openSignIn(
      emulator,
      newBrowser(emulator),
      authorizationRequest(emulator, { extra: { first_screen: 'bogus', interaction_mode: 'signUp' } }),
    );
    expect(new URL(page.url).pathname).toMatch(/\/sign-in$/);
  });

  it('returns error=access_denied to the app when the user presses Cancel', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator);
    const page = await openSignIn(emulator, browser, request);
    const callback = await reachCallback(emulator, browser, await browser.submit(page, 'Cancel'));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe('End-User aborted interaction');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(emulator.issuer);
  });

  it('answers a browser without a pending interaction with Logto\'s "Session not found"', async () => {
    const response = await newBrowser(emulator).get(`${emulator.url}/interaction/unknown-uid/sign-in`);
    expect(response.status).toBe(400);
    expect(alertText(response.body)).toContain('Session not found. Please go back and sign in again.');
  });

  it('keeps one pending interaction per browser, as Logto does: the newest wins', async () => {
    const browser = newBrowser(emulator);
    const first = authorizationRequest(emulator);
    const second = authorizationRequest(emulator);
    const firstPage = await openSignIn(emulator, browser, first);
    const secondPage = await openSignIn(emulator, browser, second);
    // The older tab's form completes the newer sign-in.
    const submitted = await browser.submit(firstPage, 'Sign in', { username: 'demo', password: DEMO_PASSWORD });
    const callback = await reachCallback(emulator, browser, submitted);
    expect(callback.searchParams.get('state')).toBe(second.state);
    expect(callback.searchParams.get('code')).toMatch(/./);
    // The newer tab's submission then finds no session.
    const stale = await browser.submit(secondPage, 'Sign in', { username: 'demo', password: DEMO_PASSWORD });
    const final = await browser.follow(stale, new URL(emulator.url).origin);
    expect(final.status).toBe(400);
    expect(alertText(final.body)).toContain('Session not found');
  });

  it('rejects an unregistered redirect URI without redirecting', async () => {
    const request = authorizationRequest(emulator, { redirectUri: 'https://evil.example.com/cb' });
    const response = await newBrowser(emulator).get(request.url);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'oidc.invalid_redirect_uri', error: 'invalid_redirect_uri' });
  });
});
