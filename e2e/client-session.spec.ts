import type { Page } from '@playwright/test';
import { expect, signedOut, test } from './fixtures';
import { organizationUser } from './identities';

test.use(signedOut);

/** What the browser does when the user comes back to a tab: it becomes visible and gets focus. */
async function returnTo(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
  });
}

test('a sign-out in one tab shows in another tab’s header when it regains focus, without a reload', async ({ page, context, providerSignIn, dashboard }) => {
  const user = organizationUser();
  await page.goto('/protected');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();

  const other = await context.newPage();
  await other.goto('/protected');
  const otherHeader = other.getByRole('banner');
  await expect(otherHeader.getByTestId('signed-in-as')).not.toBeEmpty();
  await expect(otherHeader.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // A mark that a reload would wipe.
  await other.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await page.bringToFront();
  await dashboard.signOut();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  await returnTo(other);
  await expect(otherHeader.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(otherHeader.getByTestId('signed-in-as')).toHaveCount(0);
  await expect(otherHeader.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  expect(await other.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(other).toHaveURL(/\/protected$/);

  // And back: signing in again in the first tab shows in the other one too.
  await page.goto('/protected');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();
  await returnTo(other);
  await expect(otherHeader.getByTestId('signed-in-as')).not.toBeEmpty();
  expect(await other.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test('the header’s session holds no token: the page’s client payload carries none', async ({ page, providerSignIn, dashboard }) => {
  const user = organizationUser();
  await page.goto('/protected');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();
  const html = await (await page.request.get('/protected')).text();
  // A JWT (three base64url parts starting with `eyJ`) would be an access token; ID-token claims are not one.
  expect(html).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
});
