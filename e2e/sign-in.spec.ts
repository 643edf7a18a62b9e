import { DEMO_PASSWORD, expect, signedOut, test } from './fixtures';

test.use(signedOut);

test('password sign-in from the home page shows the user their claims', async ({ page, home, providerSignIn, dashboard }) => {
  await home.goto();
  await home.signIn();
  await providerSignIn.signInWithPassword('demo', DEMO_PASSWORD);
  await dashboard.expectClaims();
  await expect(dashboard.claim('username')).toContainText('demo');
  await expect(dashboard.claim('name')).toContainText('Demo User');
  // Logto's created_at is in milliseconds and rendered as a date, not 1970.
  await expect(dashboard.claim('created_at')).toContainText(String(new Date().getUTCFullYear()));
  await expect(page.getByTestId('signed-in-as')).toHaveText('Demo User');
});

test('a deep link to a protected page signs in and lands back on it', async ({ page, providerSignIn }) => {
  await page.goto('/protected/organizations?view=roles');
  await providerSignIn.signInWithPassword('olivia', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/protected\/organizations\?view=roles$/);
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible();
});

test('a wrong password is an error message on the sign-in page, not a crash', async ({ page, home, providerSignIn }) => {
  await home.goto();
  await home.signIn();
  await providerSignIn.signInWithPassword('demo', 'not-the-password');
  await expect(page.getByText('Incorrect username or password.')).toBeVisible();
  await providerSignIn.signInWithPassword('demo', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/protected$/);
});

test('sign-up opens the register screen first and creates a user who sees their claims', async ({ page, home, providerSignIn, dashboard }) => {
  const username = `new${Date.now().toString(36)}`;
  await home.goto();
  await home.createAccount();
  await providerSignIn.createAccount(username, 'Str0ng-Passw0rd!');
  await dashboard.expectClaims();
  await expect(dashboard.claim('username')).toContainText(username);
  await expect(page.getByTestId('subject')).not.toBeEmpty();
});

test('passwordless email: a code sent through Postmark signs the user in', async ({ page, home, providerSignIn, provider, dashboard }) => {
  await home.goto();
  await home.signInWithEmailCode();
  await providerSignIn.requestEmailCode('alice@example.com');
  const code = await provider.latestCodeFor('alice@example.com');
  await providerSignIn.enterCode(code);
  await dashboard.expectClaims();
  await expect(dashboard.claim('email')).toContainText('alice@example.com');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Alice Example');
});

test('two tabs signing in at once both succeed', async ({ context, page }) => {
  const second = await context.newPage();
  await page.goto('/protected/userinfo');
  await second.goto('/protected/resources');
  for (const tab of [second, page]) {
    await tab.getByLabel('Username').fill('olivia');
    await tab.getByLabel('Password').fill(DEMO_PASSWORD);
  }
  await Promise.all([
    second.getByRole('button', { name: 'Sign in', exact: true }).click(),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  await expect(second).toHaveURL(/\/protected\/resources$/);
  await expect(page).toHaveURL(/\/protected\/userinfo$/);
  await expect(second.getByRole('heading', { name: 'API resources' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'User info' })).toBeVisible();
});
