import type { APIResponse, Page } from '@playwright/test';
import { DEFAULT_PATHS } from '../lib/auth/paths';
import { AdoptionApp, FIXTURE_PATHS } from './adoption/adoption-app';
import { adoptionVariants, type AdoptionVariant } from './adoption/variants';
import { signOutInAnotherApp } from './elsewhere';
import { expect, needsLocalProvider, signedOut, test } from './fixtures';
import { heldSession, tryRefresh } from './held-session';
import { plainUser } from './identities';
import { LocalSignInPage } from './pages/local-sign-in-page';

/**
 * The proof that the library is adoptable: a new app made of `adoption/fixture/` (a layout, a
 * protected page, `proxy.ts` and one route file, all on non-default paths, importing only
 * `next-logto`) and the package's tarball from `npm pack`, installed with `npm install` outside
 * the repository, built with `next build` and run with `next start`. It runs on the oldest `next`
 * the package declares (15.5: the same file served as `middleware.ts`, on the Edge runtime) and on
 * the demo's Next 16 (`proxy.ts`, on the Node runtime). A package that reaches into the repository
 * fails the install or the build; one that depends on a default path fails the flow.
 */

/** A first run downloads `next` for each variant; later runs reuse the installed folders. */
const BUILD_AND_START_TIMEOUT_MS = 420_000;
const DEPRECATED_MIDDLEWARE = 'The "middleware" file convention is deprecated';

/** Paths the library uses when an app does not say otherwise: this app never says them. */
const LIBRARY_DEFAULTS = [...Object.values(DEFAULT_PATHS).filter((path) => path !== '/'), '/api/protected'];
const isLibraryDefault = (pathname: string) => LIBRARY_DEFAULTS.some((path) => pathname === path || pathname.startsWith(`${path}/`));

/** A redirect's target, relative to the app when it stays on it. */
function redirectTarget(response: APIResponse, appUrl: string): string {
  const location = response.headers().location ?? '';
  return location.startsWith(appUrl) ? location.slice(appUrl.length) : location;
}

/** The library's cookies on the app (the provider is on `127.0.0.1`, the app on `localhost`). */
async function libraryCookies(page: Page, appUrl: string) {
  return (await page.context().cookies(appUrl)).filter((cookie) => cookie.name.startsWith('logto_'));
}

for (const variant of adoptionVariants()) describeAdoption(variant);

function describeAdoption(variant: AdoptionVariant) {
  test.describe(`the library in a new app on next@${variant.next} with ${variant.entryFile}`, () => {
    needsLocalProvider('the fixture app’s callback and sign-out URIs are registered only on a local provider');
    test.use(signedOut);

    let adoption: AdoptionApp | undefined;

    test.beforeAll(async () => {
      test.setTimeout(BUILD_AND_START_TIMEOUT_MS);
      adoption = new AdoptionApp(variant);
      await adoption.build();
      await adoption.serve();
      console.log(`[adoption ${variant.name}] ${Object.entries(adoption.seconds).map(([phase, seconds]) => `${phase} ${seconds} s`).join(', ')}`);
    });

    test.afterEach(async ({}, testInfo) => {
      if (adoption && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server logs', { body: adoption.logs() });
    });

    test.afterAll(async () => {
      await adoption?.stop();
    });

    const urls = () => {
      if (!adoption) throw new Error('the adoption app did not start');
      return { app: adoption.appUrl, provider: adoption.providerUrl };
    };

    test(`runs logto.middleware from ${variant.entryFile} on the ${variant.runtime} runtime, with no deprecation warning`, () => {
      if (!adoption) throw new Error('the adoption app did not start');
      expect(adoption.middlewareRuntime()).toBe(variant.runtime);
      expect(adoption.buildOutput).not.toContain(DEPRECATED_MIDDLEWARE);
    });

    test('signs in and out on its own paths, and never on a default one', async ({ page }) => {
      const { app, provider } = urls();
      const user = plainUser();
      const visited: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin === app) visited.push(url.pathname);
      });
      const signedOutVisitGoesToSignIn = async () => {
        const response = await page.request.get(`${app}${FIXTURE_PATHS.protected}`, { maxRedirects: 0 });
        expect(response.status()).toBe(307);
        expect(redirectTarget(response, app)).toBe(`${FIXTURE_PATHS.signIn}?returnTo=%2Faccount`);
      };

      await test.step('a signed-out visit to the protected page goes to the app’s sign-in route', signedOutVisitGoesToSignIn);

      await test.step('sign-in goes through the provider and returns to the protected page', async () => {
        await page.goto(`${app}${FIXTURE_PATHS.protected}`);
        await expect(page).toHaveURL((url) => url.href.startsWith(`${provider}/interaction/`));
        const callback = page.waitForResponse((response) => new URL(response.url()).pathname === FIXTURE_PATHS.callback);
        await new LocalSignInPage(page).signInWithPassword(user.username, user.password);
        expect((await callback).status()).toBe(303);
        await expect(page).toHaveURL(`${app}${FIXTURE_PATHS.protected}`);
        await expect(page.getByTestId('username')).toHaveText(user.username);

        const cookies = await libraryCookies(page, app);
        expect(cookies.map((cookie) => cookie.name)).toEqual([expect.stringMatching(/^logto_session(\.\d+)?$/)]);
        expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      });

      await test.step('the user route says who is signed in', async () => {
        const response = await page.request.get(`${app}${FIXTURE_PATHS.user}`);
        expect(response.status()).toBe(200);
        const body = (await response.json()) as { isAuthenticated: boolean; claims?: { sub: string; username?: string } };
        expect(body).toMatchObject({ isAuthenticated: true, claims: { username: user.username } });
        await expect(page.getByTestId('sub')).toHaveText(body.claims?.sub ?? 'no sub');
      });

      await test.step('sign-out posts to the app’s route and ends on its signed-out page', async () => {
        const signOut = page.waitForResponse((response) => new URL(response.url()).pathname === FIXTURE_PATHS.signOut);
        await page.getByRole('button', { name: 'Sign out' }).click();
        const response = await signOut;
        expect(response.request().method()).toBe('POST');
        expect(response.status()).toBe(303);
        expect(response.headers().location).toMatch(new RegExp(`^${provider}/oidc/session/end\\?`));
        await expect(page).toHaveURL((url) => url.origin === app && url.pathname === FIXTURE_PATHS.afterSignOut);
        await expect(page.getByRole('heading', { name: 'Signed out' })).toBeVisible();
        expect(await libraryCookies(page, app)).toEqual([]);
      });

      await test.step('signed out again: the user route says so and the protected page goes to sign-in', async () => {
        expect(await (await page.request.get(`${app}${FIXTURE_PATHS.user}`)).json()).toEqual({ isAuthenticated: false });
        await signedOutVisitGoesToSignIn();
      });

      expect(visited).toContain(FIXTURE_PATHS.callback);
      expect(visited.filter(isLibraryDefault), 'requests to the library’s default paths').toEqual([]);
    });

    test('a sign-out in another app, delivered to one instance, ends the session on the other (one Redis)', async ({ page, context }) => {
      const { app, provider } = urls();
      const second = adoption!.secondAppUrl;
      const user = plainUser();
      const state = page.getByTestId('state');

      await page.goto(`${app}${FIXTURE_PATHS.protected}`);
      await new LocalSignInPage(page).signInWithPassword(user.username, user.password);
      await expect(page).toHaveURL(`${app}${FIXTURE_PATHS.protected}`);
      await page.goto(`${second}/`);
      await expect(state, 'the session reaches the second instance').toHaveText(/^Signed in as /);
      const held = await heldSession(context, app);
      expect(held?.refreshToken).toEqual(expect.any(String));

      // Logto delivers the logout token to the first instance, which records it in Redis.
      await signOutInAnotherApp(page, provider);

      // The second instance trusts what it read from Redis for LOGTO_SESSION_STORE_CACHE_SECONDS (1 s here).
      await expect
        .poll(async () => {
          await page.goto(`${second}/`);
          return state.textContent();
        }, { timeout: 5_000 })
        .toBe('Signed out');
      await expect(page.getByTestId('ended')).toHaveText('session.signed_out_elsewhere');

      if (variant.runtime === 'nodejs') {
        // The proxy runs on Node and reaches Redis: that page view itself ended the session.
        expect(await libraryCookies(page, app), 'cookies cleared by the proxy').toEqual([]);
      } else {
        // Edge middleware cannot open a Redis connection: the render read the session as signed
        // out, and the first route handler that sees it (here the user route) ends it.
        expect((await libraryCookies(page, app)).length, 'the Edge middleware keeps the cookie').toBeGreaterThan(0);
        const response = await page.request.get(`${second}${FIXTURE_PATHS.user}`);
        expect(await response.json()).toEqual({ isAuthenticated: false, reason: 'session.signed_out_elsewhere' });
        expect(await libraryCookies(page, app), 'cookies cleared by the user route').toEqual([]);
      }
      expect(await tryRefresh(context, provider, held!.refreshToken!), 'the refresh token was revoked at the provider').toEqual({
        status: 400,
        error: 'invalid_grant',
      });
      expect(await (await page.request.get(`${app}${FIXTURE_PATHS.user}`)).json()).toEqual({ isAuthenticated: false });
    });

    test('shows a refused sign-in parameter on its own error page', async ({ page }) => {
      const { app } = urls();
      const response = await page.request.get(`${app}${FIXTURE_PATHS.signIn}?prompt=none`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      const target = redirectTarget(response, app);
      expect(target, `on the app’s own origin, ${app}`).toBe(`${FIXTURE_PATHS.error}?code=sign_in.invalid_parameter&parameter=prompt`);

      const errorPage = await page.goto(`${app}${target}`);
      expect(errorPage?.status()).toBe(200);
      await expect(page.getByTestId('code')).toHaveText('sign_in.invalid_parameter');
    });
  });
}
