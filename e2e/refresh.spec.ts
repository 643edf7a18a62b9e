import { expect, signedOut, test } from './fixtures';
import { organizationUser } from './identities';
import { usesEmulator } from './provider';

test.use(signedOut);

/**
 * Local: 5-second tokens rotated on every refresh, through the provider's test controls. Real
 * Logto: the tenant's own lifetimes, declared in E2E_TOKEN_TTL_SECONDS (the app's ID-token TTL
 * and the API resources' access-token TTL set that short, e.g. 60; see README).
 */
const tokenTtl = usesEmulator() ? 5 : Number(process.env.E2E_TOKEN_TTL_SECONDS || 0);

test('with short-lived tokens, a user keeps browsing across expiries', async ({ page, provider, dashboard, providerSignIn }) => {
  // Only in real-Logto mode without E2E_TOKEN_TTL_SECONDS: waiting out hour-long tokens is no test.
  test.skip(!tokenTtl, 'needs short token lifetimes: set E2E_TOKEN_TTL_SECONDS after shortening the tenant’s (see README)');
  test.setTimeout((tokenTtl + 15) * 3 * 1000 + 60_000);
  if (usesEmulator()) await provider.config({ accessTokenTtl: tokenTtl, rotation: 'always', reuseGrace: 3 });
  const user = organizationUser();
  await page.goto('/protected/resources');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await expect(page).toHaveURL(/\/protected\/resources$/);

  const pages = ['/protected', '/protected/resources', '/protected/organizations', '/protected/userinfo'];
  const issuedAt = new Set<string>();
  const tokenCalls = async () => (usesEmulator() ? ((await provider.stats()).byPath['/oidc/token'] ?? 0) : 0);
  const before = await tokenCalls();
  for (let expiry = 0; expiry < 3; expiry += 1) {
    for (const path of pages) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}$`));
      await expect(page.getByText(/could not be (reached|loaded)/)).toHaveCount(0);
    }
    await page.goto('/protected');
    const iat = (await dashboard.claim('iat').textContent())!;
    issuedAt.add(iat);
    // Wait (by polling, not sleeping) until the current tokens have expired.
    const exp = Number((await dashboard.claim('exp').locator('span span').textContent())!.trim());
    await expect.poll(() => Date.now(), { timeout: (tokenTtl + 10) * 1000 }).toBeGreaterThan(exp * 1000);
  }
  await page.goto('/protected/resources');
  await expect(page.getByTestId('api-status')).toHaveText('200');
  expect(issuedAt.size, 'the ID token was refreshed at each expiry').toBe(3);
  if (usesEmulator()) expect((await tokenCalls()) - before).toBeGreaterThanOrEqual(3);
});
