import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, signedOut, test } from './fixtures';

const SHOTS = 'e2e/screenshots';

async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

test('claims page: the ID token as a readable table, with expiry and sign-out', async ({ page, dashboard }) => {
  await page.goto('/protected');
  await expect(dashboard.claim('sub')).toContainText('olivia000001');
  await expect(dashboard.claim('organization_roles')).toContainText('acme00000001:admin');
  await expect(dashboard.claim('exp')).toContainText('UTC');
  await expect(page.getByRole('main').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText(/\d+ min \d+ s/)).toBeVisible();
  await screenshot(page, 'claims');
});

test('user info page: organization data from fetchUserInfo', async ({ page }) => {
  await page.goto('/protected/userinfo');
  const organizations = page.getByRole('region', { name: 'Organizations' });
  await expect(organizations.getByText('Acme', { exact: true })).toBeVisible();
  await expect(organizations.getByText('Globex', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText('olivia@example.com');
  await screenshot(page, 'userinfo');
});

test('resources page: a token per API resource with RBAC scopes, and the protected API answers 200', async ({ page }) => {
  await page.goto('/protected/resources');
  const reports = page.getByTestId('resource-token-https://reports.example.com');
  await expect(reports.getByTestId('scope')).toHaveText(['read:reports']);
  await expect(reports).toContainText('https://reports.example.com');
  const billing = page.getByTestId('resource-token-https://billing.example.com');
  await expect(billing).toContainText('No scopes granted');
  await expect(page.getByTestId('api-status')).toHaveText('200');
  await expect(page.getByTestId('api-body')).toContainText('"subject": "olivia000001"');
  await screenshot(page, 'resources');
});

test('organizations page: a switcher, and the organization token of the one picked, scopes by role', async ({ page }) => {
  await page.goto('/protected/organizations');
  const switcher = page.getByRole('navigation', { name: 'Your organizations' });
  const acme = page.getByTestId('organization-token-acme00000001');
  await expect(acme).toContainText('Roles: admin');
  await expect(acme.getByTestId('scope')).toHaveText(['read:members', 'write:members', 'read:projects']);
  await expect(acme).toContainText('urn:logto:organization:acme00000001');
  await expect(page.getByTestId('organization-token-globex000001')).toHaveCount(0);
  await screenshot(page, 'organizations');
  await switcher.getByRole('link', { name: /globex000001/ }).click();
  await expect(page).toHaveURL(/\/protected\/organizations\/globex000001$/);
  const globex = page.getByTestId('organization-token-globex000001');
  await expect(globex.getByTestId('scope')).toHaveText(['read:members', 'read:projects']);
  await expect(switcher.getByRole('link', { name: /globex000001/ })).toHaveAttribute('aria-current', 'page');
});

test('the protected API refuses requests without a valid token', async ({ request }) => {
  const missing = await request.get('/api/reports');
  expect(missing.status()).toBe(401);
  expect(missing.headers()['www-authenticate']).toMatch(/^Bearer/);
  const forged = await request.get('/api/reports', { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
  expect(forged.status()).toBe(401);
  expect(forged.headers()['www-authenticate']).toContain('invalid_token');
});

test.describe('signed out', () => {
  test.use(signedOut);

  test('home page offers every way in', async ({ page }) => {
    await page.goto('/');
    const main = page.getByRole('main');
    for (const name of ['Sign in', 'Create account', 'Continue with Feishu', 'Continue with Azure AD', 'Continue with GitLab', 'Sign in with an email code']) {
      await expect(main.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await screenshot(page, 'home');
  });

  test('the session API answers 401 JSON without a session', async ({ request }) => {
    const response = await request.get('/api/protected/me');
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  });
});
