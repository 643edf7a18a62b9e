import { expect, signedOut, test } from './fixtures';
import { organizationUser } from './identities';
import { usesEmulator } from './provider';

test.use(signedOut);

test('sign-out clears every cookie, guards /protected again and revokes the refresh token', async ({ page, context, browser, providerSignIn, dashboard, provider }) => {
  const user = organizationUser();
  await page.goto('/protected');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();
  const appHost = new URL(process.env.E2E_APP_URL!).hostname;
  const sessionCookies = (await context.cookies()).filter((cookie) => cookie.name.includes('logto_'));
  expect(sessionCookies.length).toBeGreaterThan(0);
  // The revocation count needs the local provider's stats; the replay below proves it on both.
  const revocationsBefore = usesEmulator() ? ((await provider.stats()).byPath['/oidc/token/revocation'] ?? 0) : 0;

  await dashboard.signOut();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  expect((await context.cookies()).filter((cookie) => cookie.name.includes('logto_'))).toEqual([]);

  await page.goto('/protected');
  await providerSignIn.expectVisible();
  if (usesEmulator()) expect((await provider.stats()).byPath['/oidc/token/revocation'] ?? 0).toBe(revocationsBefore + 1);

  // Replaying the old session cookie: its refresh token is dead, so minting a token fails and the
  // user is told the session ended (not silently shown stale data).
  const replay = await browser.newContext();
  await replay.addCookies(sessionCookies.map((cookie) => ({ ...cookie, domain: appHost })));
  const replayPage = await replay.newPage();
  await replayPage.goto('/protected/resources');
  await expect(replayPage).toHaveURL(/\/auth\/error\?code=session\.revoked/);
  await expect(replayPage.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
  await replay.close();
});
