import { DEMO_PASSWORD, expect, signedOut, test } from './fixtures';
import { usesEmulator } from './provider';

test.use(signedOut);

test('with 5-second tokens rotated on every refresh, a user keeps browsing across expiries', async ({ page, provider, dashboard }) => {
  // Skipped only against a real tenant: the local provider's test controls are needed.
  test.skip(!usesEmulator(), 'changes token lifetimes through the local provider’s test controls');
  await provider.config({ accessTokenTtl: 5, rotation: 'always', reuseGrace: 3 });
  await page.goto('/protected/resources');
  await page.getByLabel('Username').fill('olivia');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/protected\/resources$/);

  const pages = ['/protected', '/protected/resources', '/protected/organizations', '/protected/userinfo'];
  const issuedAt = new Set<string>();
  const before = (await provider.stats()).byPath['/oidc/token'] ?? 0;
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
    await expect.poll(() => Date.now(), { timeout: 15_000 }).toBeGreaterThan(exp * 1000);
  }
  await page.goto('/protected/resources');
  await expect(page.getByTestId('api-status')).toHaveText('200');
  expect(issuedAt.size, 'the ID token was refreshed at each expiry').toBe(3);
  const refreshes = ((await provider.stats()).byPath['/oidc/token'] ?? 0) - before;
  expect(refreshes).toBeGreaterThanOrEqual(3);
});
