import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../cookies/session-cookie.js';
import { APP_ORIGIN, CookieJar, createHarness, RESOURCE, type Harness } from '../test-utils/harness.js';
import { TRANSACTION_PREFIX } from '../cookies/transaction.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const location = (response: Response) => new URL(response.headers.get('location')!, APP_ORIGIN);

describe('sign-in', () => {
  it('redirects to Logto with PKCE S256, state, nonce, consent, scopes and one resource per API', async () => {
    const response = await h.startSignIn('?returnTo=/protected/resources&first_screen=register&login_hint=a@b.c');
    expect(response.status).toBe(302);
    const url = location(response);
    expect(url.origin + url.pathname).toBe(`${h.idp.issuer}/auth`);
    const q = url.searchParams;
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')).toMatch(/^[\w-]{43}$/);
    expect(q.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(q.get('prompt')).toBe('consent');
    expect(q.get('scope')!.split(' ').slice(0, 3)).toEqual(['openid', 'offline_access', 'profile']);
    expect(q.getAll('resource')).toEqual(['https://api.example.com', 'urn:logto:resource:organizations']);
    expect(q.get('first_screen')).toBe('register');
    expect(q.get('login_hint')).toBe('a@b.c');
    expect(q.get('redirect_uri')).toBe(`${APP_ORIGIN}/api/logto/callback`);
    expect(h.jar.names().filter((name) => name.startsWith(TRANSACTION_PREFIX))).toHaveLength(1);
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
  });

  it('marks cookies Secure on an https origin', async () => {
    h = await createHarness({ env: { LOGTO_BASE_URL: 'https://app.example.com' } });
    const response = await h.startSignIn();
    const [cookie = ''] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-logto_txn\./);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Domain=/i);
  });

  it('mints nothing for a browser prefetch', async () => {
    const response = await h.logto.handlers.signIn(h.request('/api/logto/sign-in', { headers: { 'sec-purpose': 'prefetch' } }));
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(h.idp.calls.discovery).toBe(0);
  });

  it.each([
    ['?first_screen=bogus', ['first_screen']],
    ['?direct_sign_in=evil&identifier=email', ['direct_sign_in']],
    ['?prompt=none', ['prompt']],
    ['?max_age=soon', ['max_age']],
    ['?ui_locales=%3Cscript%3E', ['ui_locales']],
    ['?organization_id=a%20b', ['organization_id']],
    ['?resource=not-a-url', ['resource']],
    ['?scope=a%22b', ['scope']],
    ['?login_hint=a%0Ab', ['login_hint']],
    ['?first_screen=register&first_screen=sign_in', ['first_screen']],
    ['?utm_source=x&prompt=bogus', ['utm_source', 'prompt']],
  ])('refuses %s with the error page naming the parameters, and sends nothing to Logto', async (query, parameters) => {
    const response = await h.startSignIn(query);
    const url = location(response);
    expect(url.pathname).toBe('/auth/error');
    expect(url.searchParams.get('code')).toBe('sign_in.invalid_parameter');
    expect(url.searchParams.getAll('parameter')).toEqual(parameters);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(h.idp.calls.total).toBe(0);
  });

  it('forwards per-sign-in options: step-up, max_age, ui_locales, organization, extra scopes and resources', async () => {
    const url = location(
      await h.startSignIn(
        '?prompt=login&max_age=300&ui_locales=ja%20en&organization_id=org1&scope=read:extra&resource=https://extra.example.com&login_hint=olivia',
      ),
    );
    expect(url.searchParams.get('prompt')).toBe('login consent');
    expect(url.searchParams.get('max_age')).toBe('300');
    expect(url.searchParams.get('ui_locales')).toBe('ja en');
    expect(url.searchParams.get('organization_id')).toBe('org1');
    expect(url.searchParams.get('scope')!.split(' ')).toContain('read:extra');
    expect(url.searchParams.getAll('resource')).toEqual(expect.arrayContaining([RESOURCE, 'https://extra.example.com']));
    expect(url.searchParams.get('login_hint')).toBe('olivia');
  });

  it('passes direct sign-in as method:target', async () => {
    const url = location(await h.startSignIn('?direct_sign_in=social:gitlab'));
    expect(url.searchParams.get('direct_sign_in')).toBe('social:gitlab');
  });

  it('sign-up opens the register screen first', async () => {
    const response = await h.logto.handlers.GET(h.request('/api/logto/sign-up'));
    expect(location(response).searchParams.get('first_screen')).toBe('register');
  });

  it.each(['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'ignores the off-site returnTo %s',
    async (returnTo) => {
      const response = await h.signIn(`?returnTo=${encodeURIComponent(returnTo)}`);
      expect(location(response).href).toBe(`${APP_ORIGIN}/protected`);
    },
  );
});

describe('callback', () => {
  it('signs in with one token request, writes the session and returns to returnTo', async () => {
    const start = await h.startSignIn('?returnTo=/protected/organizations?tab=1');
    const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
    const tokenCallsBefore = h.idp.calls.token;
    const response = await h.callback(callbackUrl);
    expect(response.status).toBe(303);
    expect(location(response).href).toBe(`${APP_ORIGIN}/protected/organizations?tab=1`);
    expect(h.idp.calls.token - tokenCallsBefore).toBe(1);
    expect(h.jar.names().some((name) => name.startsWith(SESSION_COOKIE))).toBe(true);
    expect(h.jar.names().some((name) => name.startsWith(TRANSACTION_PREFIX))).toBe(false);
    const user = await (await h.user()).json();
    expect(user.isAuthenticated).toBe(true);
    expect(user.claims.sub).toBe(h.idp.subject);
    expect(user.claims).not.toHaveProperty('nonce');
    expect(JSON.stringify(user)).not.toContain('refresh');
  });

  it('lets two tabs sign in at once', async () => {
    const first = await h.startSignIn('?returnTo=/protected/a');
    const second = await h.startSignIn('?returnTo=/protected/b');
    const secondCallback = await h.idp.authorize(second.headers.get('location')!);
    const firstCallback = await h.idp.authorize(first.headers.get('location')!);
    expect(location(await h.callback(secondCallback)).pathname).toBe('/protected/b');
    expect(location(await h.callback(firstCallback)).pathname).toBe('/protected/a');
  });

  async function expectErrorPage(response: Response, code: string) {
    expect(response.status).toBe(303);
    const url = location(response);
    expect(url.pathname).toBe('/auth/error');
    expect(url.searchParams.get('code')).toBe(code);
    expect((await h.user().then((r) => r.json())).isAuthenticated).toBe(false);
  }

  it('refuses a callback without state', async () => {
    await expectErrorPage(await h.callback(`${APP_ORIGIN}/api/logto/callback?code=abc&iss=x`), 'callback.state_missing');
  });

  it('refuses a callback whose attempt is unknown, expired or already used', async () => {
    const start = await h.startSignIn();
    const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
    await h.callback(callbackUrl);
    const replay = await h.callback(callbackUrl, new CookieJar());
    expect(location(replay).searchParams.get('code')).toBe('transaction.missing');
  });

  it('refuses a state that matches the cookie name but not the attempt', async () => {
    const start = await h.startSignIn();
    const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
    const state = callbackUrl.searchParams.get('state')!;
    callbackUrl.searchParams.set('state', `${state.slice(0, 16)}${'x'.repeat(state.length - 16)}`);
    await expectErrorPage(await h.callback(callbackUrl), 'callback.state_mismatch');
  });

  it('refuses a callback without iss or with another issuer (RFC 9207)', async () => {
    for (const [iss, code] of [
      [null, 'callback.iss_missing'],
      ['https://evil.example/oidc', 'callback.iss_mismatch'],
    ] as const) {
      const start = await h.startSignIn();
      const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
      if (iss) callbackUrl.searchParams.set('iss', iss);
      else callbackUrl.searchParams.delete('iss');
      await expectErrorPage(await h.callback(callbackUrl), code);
    }
  });

  it('shows a cancelled sign-in as such, and deletes the attempt', async () => {
    const start = await h.startSignIn('?returnTo=/protected/userinfo');
    const state = location(start).searchParams.get('state')!;
    const url = `${APP_ORIGIN}/api/logto/callback?error=access_denied&error_description=%3Cscript%3E&state=${state}&iss=${encodeURIComponent(h.idp.issuer)}`;
    const response = await h.callback(url);
    await expectErrorPage(response, 'callback.cancelled');
    expect(location(response).searchParams.get('returnTo')).toBe('/protected/userinfo');
    expect(h.jar.names().some((name) => name.startsWith(TRANSACTION_PREFIX))).toBe(false);
  });

  it('ends on the error page when Logto is down at the token endpoint', async () => {
    const start = await h.startSignIn();
    const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
    h.idp.use('token', { type: 'network_error' });
    await expectErrorPage(await h.callback(callbackUrl), 'token.request_failed');
  });

  it('ends on the error page when Logto rejects the code', async () => {
    const start = await h.startSignIn();
    const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
    h.idp.use('token', { type: 'oauth_error', error: 'invalid_grant' });
    await expectErrorPage(await h.callback(callbackUrl), 'token.error_response');
  });

  it('rejects an ID token with the wrong nonce', async () => {
    const start = await h.startSignIn();
    const callbackUrl = await h.idp.authorize(start.headers.get('location')!);
    h.idp.use(
      'token',
      {
        type: 'handler',
        handle: async () =>
          Response.json({
            access_token: 'opaque',
            token_type: 'Bearer',
            expires_in: 3600,
            scope: 'openid',
            refresh_token: 'rt',
            id_token: await h.idp.signIdToken({ nonce: 'another-nonce' }),
          }),
      },
      1,
    );
    await expectErrorPage(await h.callback(callbackUrl), 'id_token.nonce_mismatch');
  });

  it('shows a configuration error, naming every problem, instead of a 500', async () => {
    h = await createHarness({ env: { LOGTO_APP_SECRET: undefined, LOGTO_COOKIE_SECRET: 'short' } });
    const response = await h.startSignIn();
    expect(location(response).searchParams.get('code')).toBe('config.invalid');
  });
});

describe('sign-out', () => {
  it('revokes the refresh token, clears every cookie and goes to end-session', async () => {
    await h.signIn();
    await h.startSignIn(); // a pending attempt that must be cleared too
    const response = await h.signOut();
    expect(response.status).toBe(303);
    const url = location(response);
    expect(url.origin + url.pathname).toBe(`${h.idp.issuer}/session/end`);
    expect(url.searchParams.get('client_id')).toBe(h.idp.clientId);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_ORIGIN}/`);
    expect(h.idp.calls.revocation).toBe(1);
    expect(h.idp.requests.find((r) => r.route === 'revocation')?.form?.get('token_type_hint')).toBe('refresh_token');
    expect(h.jar.names()).toEqual([]);
  });

  it('refuses a cross-site POST and keeps the session', async () => {
    await h.signIn();
    const before = h.jar.header();
    const response = await h.signOut({ origin: 'https://evil.example' });
    expect(location(response).searchParams.get('code')).toBe('sign_out.cross_site');
    expect(h.jar.header()).toBe(before);
    expect(h.idp.calls.revocation).toBe(0);
  });

  it('refuses a POST with neither Origin nor Sec-Fetch-Site', async () => {
    await h.signIn();
    const response = await h.signOut({});
    expect(location(response).searchParams.get('code')).toBe('sign_out.cross_site');
  });

  it('still signs out locally when Logto is down', async () => {
    await h.signIn();
    h.idp.use('revocation', { type: 'network_error' });
    const response = await h.signOut();
    expect(location(response).origin).toBe(h.idp.endpoint);
    expect(h.jar.names()).toEqual([]);
  });
});

describe('step-up and max_age', () => {
  it('accepts a step-up sign-in whose ID token shows a fresh authentication', async () => {
    h.restore();
    h = await createHarness({ idp: { profile: { name: 'Fresh', auth_time: Math.floor(Date.now() / 1000) + 1 } } });
    const response = await h.signIn('?prompt=login&returnTo=/protected/settings');
    expect(location(response).pathname).toBe('/protected/settings');
  });

  it('refuses a step-up sign-in whose ID token shows an old authentication, or none', async () => {
    h.restore();
    h = await createHarness({ idp: { profile: { name: 'Old', auth_time: Math.floor(Date.now() / 1000) - 3600 } } });
    expect(location(await h.signIn('?prompt=login')).searchParams.get('code')).toBe('id_token.stale_authentication');
    expect(location(await h.signIn('?max_age=60')).searchParams.get('code')).toBe('id_token.stale_authentication');
    expect(location(await h.signIn('?max_age=7200')).pathname).toBe('/protected');
    h.restore();
    h = await createHarness({ idp: { profile: { name: 'No auth_time' } } });
    expect(location(await h.signIn('?prompt=login')).searchParams.get('code')).toBe('id_token.stale_authentication');
    expect(h.jar.names().some((name) => name.startsWith(SESSION_COOKIE))).toBe(false);
  });
});
