import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { thrown } from '../logto/test-utils/errors.js';
import { createLogto } from './create-logto.js';
import { DEFAULT_PATHS, resolvePaths, underAny } from './paths.js';
import { APP_ORIGIN, createHarness, RESOURCE, type Harness } from './test-utils/harness.js';

/** Non-default paths, as an app that mounts the routes under /auth and guards /account would use. */
const customPaths = {
  signIn: '/auth/login',
  signUp: '/auth/register',
  callback: '/auth/callback',
  signOut: '/auth/logout',
  user: '/auth/me',
  error: '/oops',
  afterSignOut: '/goodbye',
  defaultReturnTo: '/account',
};

let h: Harness | undefined;
afterEach(() => h?.restore());

const location = (response: Response) => new URL(response.headers.get('location')!, APP_ORIGIN);

describe('createLogto paths', () => {
  it('runs the whole flow on the paths it is given', async () => {
    h = await createHarness({ logto: { paths: customPaths, protectedPaths: ['/account'] } });
    const start = await h.startSignIn();
    const authorize = location(start);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${APP_ORIGIN}/auth/callback`);

    const callback = await h.callback(await h.idp.authorize(start.headers.get('location')!));
    expect(location(callback).pathname).toBe('/account');

    expect((await h.middleware('/account/settings')).headers.get('location')).toBeNull();
    expect(await (await h.user()).json()).toMatchObject({ isAuthenticated: true });

    const signOut = await h.signOut();
    const endSession = location(signOut);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_ORIGIN}/goodbye`);
    expect(await (await h.user()).json()).toMatchObject({ isAuthenticated: false });
  });

  it('guards its protected paths and sends users to its own sign-in and error pages', async () => {
    h = await createHarness({ logto: { paths: customPaths, protectedPaths: ['/account'] } });
    const page = await h.middleware('/account/billing?tab=2');
    expect(location(page).pathname).toBe('/auth/login');
    expect(location(page).searchParams.get('returnTo')).toBe('/account/billing?tab=2');
    expect((await h.middleware('/protected')).headers.get('location')).toBeNull();

    const refused = await h.logto.handlers.GET(h.request('/auth/login?prompt=none'));
    expect(location(refused).pathname).toBe('/oops');
    expect(location(refused).searchParams.get('code')).toBe('sign_in.invalid_parameter');
  });

  it('answers only its own paths from the catch-all handlers', async () => {
    h = await createHarness({ logto: { paths: customPaths } });
    expect((await h.logto.handlers.GET(h.request('/api/logto/sign-in'))).status).toBe(404);
    expect((await h.logto.handlers.GET(h.request('/auth/logout'))).status).toBe(405);
    expect((await h.logto.handlers.POST(h.request('/auth/login', { method: 'POST' }))).status).toBe(405);
    expect((await h.logto.handlers.GET(h.request('/auth/register'))).status).toBe(302);
    expect(location(await h.logto.handlers.GET(h.request('/auth/register/'))).searchParams.get('first_screen')).toBe('register');
  });

  it('skips its own sign-in routes in the middleware, whatever the matcher', async () => {
    h = await createHarness({ logto: { paths: customPaths } });
    await h.signIn();
    const response = await h.middleware('/auth/callback?code=x&state=y');
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('matches protected prefixes by path segment', () => {
    const isProtected = underAny(['/account/', '/api/account']);
    expect(['/account', '/account/x', '/api/account/me'].map(isProtected)).toEqual([true, true, true]);
    expect(['/accounts', '/', '/api/accounting'].map(isProtected)).toEqual([false, false, false]);
  });

  it('refuses paths that are not plain same-origin paths, naming each', () => {
    expect(resolvePaths({}).paths).toEqual(DEFAULT_PATHS);
    expect(resolvePaths({ error: '/oops/' }).paths.error).toBe('/oops');
    const { problems } = resolvePaths({
      signIn: 'https://evil.example/login',
      callback: '//evil.example/cb',
      error: '/e?x=1',
      user: '/api/logto/sign-out',
    });
    expect(problems).toEqual([
      'paths.signIn must be a path starting with a single "/", without a query or fragment.',
      'paths.callback must be a path starting with a single "/", without a query or fragment.',
      'paths.error must be a path starting with a single "/", without a query or fragment.',
      'paths.signIn, signUp, callback, signOut, user and backchannelLogout must differ.',
    ]);
  });
});

describe('createLogto settings', () => {
  it('takes settings in code over the environment', async () => {
    h = await createHarness({ env: { LOGTO_APP_SECRET: 'wrong', LOGTO_RESOURCES: 'https://other.example.com' } });
    const logto = createLogto({ appSecret: h.idp.clientSecret, resources: [RESOURCE], scopes: ['email'], outageGraceSeconds: 60, cookieSecret: ['b'.repeat(32), 'a'.repeat(32)] });
    const config = logto.getConfig();
    expect(config.appSecret).toBe(h.idp.clientSecret);
    expect(config.resources).toEqual([RESOURCE]);
    expect(config.scopes).toEqual(['openid', 'offline_access', 'profile', 'email']);
    expect(config.outageGraceSeconds).toBe(60);
    expect(config.cookieSecrets).toEqual(['b'.repeat(32), 'a'.repeat(32)]);
  });

  it('names every problem at first use, by option or by variable, and never at creation', async () => {
    h = await createHarness({ env: { LOGTO_APP_ID: undefined } });
    const logto = createLogto({
      endpoint: 'https://tenant.example.com/oidc',
      cookieSecret: 'short',
      paths: { callback: 'callback' },
      // @ts-expect-error a misspelt option is reported, not ignored
      protectedPath: ['/account'],
    });
    const error = thrown(() => logto.getConfig());
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'createLogto({ protectedPath }) is not an option.',
      'paths.callback must be a path starting with a single "/", without a query or fragment.',
      'createLogto({ endpoint }) is the tenant endpoint, without the /oidc suffix.',
      'LOGTO_APP_ID is not set.',
      'createLogto({ cookieSecret }) must be at least 32 characters.',
    ]);
    expect(logto.configProblems()).toEqual((error as ConfigError).problems);
  });

  it('refuses cookie secrets in a list that the environment form would split', async () => {
    h = await createHarness();
    const logto = createLogto({ cookieSecret: [`${'a'.repeat(32)},${'b'.repeat(32)}`] });
    expect(logto.configProblems()).toEqual(['createLogto({ cookieSecret }) entries must not contain commas or whitespace.']);
  });

  it('reads the environment again after a failure, so a fixed variable works without a restart', async () => {
    h = await createHarness({ env: { LOGTO_APP_ID: undefined } });
    const logto = createLogto();
    expect(logto.configProblems()).toEqual(['LOGTO_APP_ID is not set.']);
    const failed = await logto.handlers.GET(h.request('/api/logto/sign-in'));
    expect(location(failed).searchParams.get('code')).toBe('config.invalid');
    process.env.LOGTO_APP_ID = h.idp.clientId;
    expect(logto.configProblems()).toEqual([]);
    expect((await logto.handlers.GET(h.request('/api/logto/sign-in'))).status).toBe(302);
  });
});

describe('ui_locales from the app', () => {
  it('sends the languages the app picks when a sign-in names none, dropping non-tags', async () => {
    h = await createHarness({
      logto: { uiLocales: ({ cookies }) => [cookies.get('lang')?.value ?? 'en', 'not a tag', 'en'] },
    });
    h.jar.cookies.set('lang', 'ja');
    expect(location(await h.startSignIn()).searchParams.get('ui_locales')).toBe('ja en');
    expect(location(await h.startSignIn('?ui_locales=fr')).searchParams.get('ui_locales')).toBe('fr');
  });

  it('sends none when the app does not pick', async () => {
    h = await createHarness();
    expect(location(await h.startSignIn()).searchParams.has('ui_locales')).toBe(false);
  });
});

describe('error redirects', () => {
  /** The request as `next start` hands it to a route handler: its own address, not the public one. */
  const atServerAddress = (path: string) => new NextRequest(new URL(path, 'http://127.0.0.1:45871'));

  it('go to the app on its public origin, not the address the server listens on', async () => {
    h = await createHarness();
    const refused = await h.logto.handlers.GET(atServerAddress('/api/logto/sign-in?prompt=none&foo=1'));
    expect(refused.headers.get('location')).toBe(`${APP_ORIGIN}/auth/error?code=sign_in.invalid_parameter&parameter=prompt&parameter=foo`);
    const noState = await h.logto.handlers.GET(atServerAddress('/api/logto/callback?code=x'));
    expect(refused.status).toBe(303);
    expect(new URL(noState.headers.get('location')!).origin).toBe(APP_ORIGIN);
  });

  it('are relative when the configuration itself is what failed', async () => {
    h = await createHarness({ env: { LOGTO_BASE_URL: undefined } });
    const failed = await h.logto.handlers.GET(atServerAddress('/api/logto/sign-in'));
    expect(failed.status).toBe(303);
    expect(failed.headers.get('location')).toBe('/auth/error?code=config.invalid');
  });
});
