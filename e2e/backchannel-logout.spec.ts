import { elsewhereClient, signOutInAnotherApp } from './elsewhere';
import { expect, signedOut, signInExperience, test } from './fixtures';
import { heldSession, tryRefresh } from './held-session';
import { organizationUser, plainUser } from './identities';

test.use(signedOut);

/**
 * OpenID Connect Back-Channel Logout, end to end on whichever Logto this run talks to: the user
 * signs out in another app of the tenant, Logto posts a logout token to this app's
 * `/api/logto/backchannel-logout`, and the next page view here is signed out. The demo's
 * middleware runs on the Edge runtime, which cannot see the default in-process store, so here the
 * readers (server components, `/api/logto/user`) end the session; the adoption test covers a
 * middleware on Node with Redis, shared by two app instances.
 */
test('a sign-out in another app signs the user out here at the next page view, and nobody else', async ({ page, context, browser, providerSignIn, dashboard }) => {
  const endpoint = process.env.E2E_PROVIDER_URL!;
  const appUrl = process.env.E2E_APP_URL!;
  const user = organizationUser();

  await page.goto('/protected');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();
  const signedIn = await heldSession(context, appUrl);
  expect(signedIn?.sid, 'the ID token carries Logto’s session id (back-channel logout, session required)').toEqual(expect.any(String));

  // Another user, in another browser, signed in to this app at the same time.
  const otherContext = await browser.newContext(signedOut);
  const otherPage = await otherContext.newPage();
  const other = plainUser();
  await otherPage.goto(`${appUrl}/protected`);
  await signInExperience(otherPage).signInWithPassword(other.username, other.password);
  await expect(otherPage).toHaveURL(/\/protected/);

  await test.step('the user signs out in another app: Logto ends its session', async () => {
    await signOutInAnotherApp(page, endpoint, elsewhereClient());
  });

  await test.step('the next page view is signed out, with the notice', async () => {
    await page.goto('/');
    const notice = page.getByTestId('session-ended');
    await expect(notice).toBeVisible();
    await expect(notice.getByText('You were signed out in another app', { exact: true })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  });

  await test.step('a protected page says why instead of showing data', async () => {
    await page.goto('/protected');
    await expect(page).toHaveURL(/\/auth\/error\?code=session\.signed_out_elsewhere/);
    await expect(page.getByRole('heading', { name: 'You were signed out in another app' })).toBeVisible();
    await expect(page.getByText('You were signed out in another app', { exact: true }), 'said once, not again by the layout').toHaveCount(1);
  });

  await test.step('the user route says so, clears the cookies and revokes the refresh token', async () => {
    const held = await heldSession(context, appUrl);
    expect(held?.refreshToken, 'the cookie still holds the session until a route can end it').toEqual(expect.any(String));
    const response = await page.request.get('/api/logto/user');
    expect(await response.json()).toEqual({ isAuthenticated: false, reason: 'session.signed_out_elsewhere' });
    expect((await context.cookies(appUrl)).filter((cookie) => cookie.name.startsWith('logto_session'))).toEqual([]);
    expect(await tryRefresh(context, endpoint, held!.refreshToken!)).toEqual({ status: 400, error: 'invalid_grant' });
  });

  await test.step('the other user is still signed in', async () => {
    const response = await otherPage.request.get(`${appUrl}/api/logto/user`);
    expect(await response.json()).toMatchObject({ isAuthenticated: true, claims: { username: other.username } });
    await otherPage.goto(`${appUrl}/protected`);
    await expect(otherPage).toHaveURL(/\/protected$/);
  });
  await otherContext.close();
});

test('the back-channel logout route refuses what is not a valid logout token, without detail', async ({ request }) => {
  const post = (data: string, contentType = 'application/x-www-form-urlencoded') =>
    request.post('/api/logto/backchannel-logout', { data, headers: { 'content-type': contentType } });
  for (const response of [await post('logout_token=not-a-jwt'), await post(''), await post('{"logout_token":"x"}', 'application/json')]) {
    expect(response.status()).toBe(400);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'invalid_request' });
  }
  expect((await request.get('/api/logto/backchannel-logout')).status()).toBe(405);
});
