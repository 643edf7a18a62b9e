import { expect, needsLocalProvider, signedOut, test } from './fixtures';
import { organizationUser, plainUser } from './identities';

test.use(signedOut);

test('cancelled consent at the upstream, then cancelling sign-in, ends on a readable page with a retry', async ({ page, home, consent, providerSignIn }) => {
  needsLocalProvider('its mock GitLab upstream and the Cancel button of its sign-in page');
  const user = plainUser();
  await home.goto();
  await home.continueWith('GitLab');
  await consent.cancel();
  await expect(page.getByText('Sign-in with GitLab was cancelled.')).toBeVisible();
  await providerSignIn.cancel();
  await expect(page).toHaveURL(/\/auth\/error\?code=callback\.cancelled/);
  await expect(page.getByRole('heading', { name: 'Sign-in was cancelled' })).toBeVisible();
  await page.getByRole('link', { name: 'Try again' }).click();
  await providerSignIn.signInWithPassword(user.username, user.password);
  await expect(page).toHaveURL(/\/protected$/);
});

test('an expired sign-in attempt ends on a readable page and a retry works', async ({ page, context, home, providerSignIn }) => {
  const user = plainUser();
  await home.goto();
  await home.signIn();
  await providerSignIn.expectVisible();
  // The attempt's cookie is gone (expired after 10 minutes, or cleared) when Logto sends the user back.
  const cookies = await context.cookies();
  await context.clearCookies();
  await context.addCookies(cookies.filter((cookie) => !cookie.name.includes('logto_txn.')));
  await providerSignIn.signInWithPassword(user.username, user.password);
  await expect(page).toHaveURL(/\/auth\/error\?code=transaction\.missing/);
  await expect(page.getByRole('heading', { name: 'This sign-in attempt has expired' })).toBeVisible();
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page).toHaveURL(/\/protected$/);
});

test('Logto down at sign-in: a readable page, and the app recovers when it is back', async ({ page, home, providerSignIn, provider }) => {
  needsLocalProvider('its test controls, to take the token endpoint down');
  const user = plainUser();
  await provider.tokenEndpoint('fail');
  await home.goto();
  await home.signIn();
  await providerSignIn.signInWithPassword(user.username, user.password);
  await expect(page).toHaveURL(/\/auth\/error\?code=token\.request_failed/);
  await expect(page.getByRole('heading', { name: 'Logto is unreachable' })).toBeVisible();
  await provider.tokenEndpoint('normal');
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page).toHaveURL(/\/protected$/);
});

test('Logto hanging while a signed-in user browses: still signed in after the timeout, told what happened, recovers', async ({ page, providerSignIn, provider, dashboard }) => {
  needsLocalProvider('its test controls, to make the token endpoint hang');
  const user = organizationUser();
  await page.goto('/protected');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();
  await provider.tokenEndpoint('hang');
  await page.goto('/protected/resources');
  await expect(page.getByRole('status').filter({ hasText: 'Logto could not be reached' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'API resources' })).toBeVisible();
  await provider.tokenEndpoint('normal');
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('api-status')).toHaveText('200', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});
