import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, signedInClaims, signedOut, test } from './fixtures';
import { isRealLogto, organizationNames, organizationUser } from './identities';

const SHOTS = 'e2e/screenshots';

/** The README's screenshots: taken against the local provider only, so the repository keeps its demo data. */
async function screenshot(page: Page, name: string) {
  if (isRealLogto()) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

/** The organization template's permissions per role (the local seed and the real-Logto recipe). */
const ORGANIZATION_ROLE_SCOPES: Record<string, string[]> = {
  admin: ['read:members', 'write:members', 'read:projects'],
  member: ['read:members', 'read:projects'],
};

/** The user's organizations with their roles, from the `organization_roles` claim (`<id>:<role>`). */
function rolesOf(claims: Record<string, unknown>): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  for (const id of (claims.organizations as string[] | undefined) ?? []) roles.set(id, []);
  for (const entry of (claims.organization_roles as string[] | undefined) ?? []) {
    const [id = '', role = ''] = entry.split(':');
    roles.set(id, [...(roles.get(id) ?? []), role]);
  }
  return roles;
}

const expectedScopes = (roles: string[]) => [...new Set(roles.flatMap((role) => ORGANIZATION_ROLE_SCOPES[role] ?? []))].sort();

/** Scopes shown on a token card, as a set (Logto lists them in scope-id order). */
const scopesOn = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).getByTestId('scope').allTextContents()).sort();

test('claims page: the ID token as a readable table, with expiry and sign-out', async ({ page, dashboard }) => {
  await page.goto('/protected');
  const claims = await signedInClaims(page);
  await expect(dashboard.claim('sub')).toContainText(String(claims.sub));
  for (const entry of (claims.organization_roles as string[] | undefined) ?? []) {
    await expect(dashboard.claim('organization_roles')).toContainText(entry);
  }
  await expect(dashboard.claim('exp')).toContainText('UTC');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(1);
  // Under a minute left (short-lived tokens against a real Logto) it shows seconds only.
  await expect(page.getByText(/^(?:\d+ min \d{2}|\d+) s$/)).toBeVisible();
  await screenshot(page, 'claims');
});

test('user info page: organization data from fetchUserInfo', async ({ page }) => {
  await page.goto('/protected/userinfo');
  const claims = await signedInClaims(page);
  const organizations = page.getByRole('region', { name: 'Organizations' });
  for (const name of organizationNames()) await expect(organizations.getByText(name, { exact: true })).toBeVisible();
  if (claims.email) await expect(page.getByRole('region', { name: 'Profile' })).toContainText(String(claims.email));
  await screenshot(page, 'userinfo');
});

test('resources page: a token per API resource with RBAC scopes, and the protected API answers 200', async ({ page }) => {
  await page.goto('/protected/resources');
  const claims = await signedInClaims(page);
  const reports = page.getByTestId('resource-token-https://reports.example.com');
  await expect(reports.getByTestId('scope')).toHaveText(['read:reports']);
  await expect(reports).toContainText('https://reports.example.com');
  const billing = page.getByTestId('resource-token-https://billing.example.com');
  await expect(billing).toContainText('No scopes granted');
  await expect(page.getByTestId('api-status')).toHaveText('200');
  await expect(page.getByTestId('api-body')).toContainText(`"subject": "${String(claims.sub)}"`);
  await screenshot(page, 'resources');
});

test('organizations page: a switcher, and the organization token of the one picked, scopes by role', async ({ page }) => {
  await page.goto('/protected/organizations');
  const roles = rolesOf(await signedInClaims(page));
  const [first, second] = [...roles.keys()];
  expect(first, 'the test user belongs to an organization').toBeDefined();
  const card = page.getByTestId(`organization-token-${first}`);
  await expect(card).toContainText(`Roles: ${roles.get(first!)!.join(', ')}`);
  await expect(card).toContainText(`urn:logto:organization:${first}`);
  await expect.poll(() => scopesOn(page, `organization-token-${first}`)).toEqual(expectedScopes(roles.get(first!)!));
  // An API resource token for this organization: audience the resource, organization_id claim.
  const scoped = page.getByTestId(`organization-resource-token-${first}`);
  await expect(scoped).toContainText('https://reports.example.com');
  await expect(scoped).toContainText('organization_id');
  await expect(scoped).toContainText(first!);
  await screenshot(page, 'organizations');
  if (!second) return;
  await expect(page.getByTestId(`organization-token-${second}`)).toHaveCount(0);
  const switcher = page.getByRole('navigation', { name: 'Your organizations' });
  await switcher.getByRole('link', { name: new RegExp(second) }).click();
  await expect(page).toHaveURL(new RegExp(`/protected/organizations/${second}$`));
  await expect.poll(() => scopesOn(page, `organization-token-${second}`)).toEqual(expectedScopes(roles.get(second)!));
  await expect(switcher.getByRole('link', { name: new RegExp(second) })).toHaveAttribute('aria-current', 'page');
});

test('step-up: prompt=login makes a signed-in user sign in again; without it Logto signs them in silently', async ({ page, providerSignIn }) => {
  const user = organizationUser();
  await page.goto('/api/logto/sign-in?returnTo=/protected/userinfo');
  await expect(page).toHaveURL(/\/protected\/userinfo$/);
  await page.goto('/api/logto/sign-in?prompt=login&returnTo=/protected/userinfo');
  await providerSignIn.expectVisible();
  await providerSignIn.signInWithPassword(user.username, user.password);
  await expect(page).toHaveURL(/\/protected\/userinfo$/);
  await expect(page.getByRole('heading', { name: 'User info', level: 1 })).toBeVisible();
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
