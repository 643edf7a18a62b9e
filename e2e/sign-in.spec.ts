import { expect, needsLocalProvider, signedInClaims, signedOut, signInExperience, test } from './fixtures';
import { organizationUser, plainUser } from './identities';

test.use(signedOut);

test('password sign-in from the home page shows the user their claims', async ({ page, home, providerSignIn, dashboard }) => {
  const user = plainUser();
  await home.goto();
  await home.signIn();
  await providerSignIn.signInWithPassword(user.username, user.password);
  await dashboard.expectClaims();
  const claims = await signedInClaims(page);
  await expect(dashboard.claim('username')).toContainText(user.username);
  const shownAs = String(claims.name ?? claims.username ?? claims.sub);
  if (claims.name) await expect(dashboard.claim('name')).toContainText(String(claims.name));
  // Logto's created_at is in milliseconds and rendered as a date, not 1970.
  await expect(dashboard.claim('created_at')).toContainText(String(new Date(Number(claims.created_at)).getUTCFullYear()));
  await expect(page.getByTestId('signed-in-as')).toHaveText(shownAs);
});

test('a deep link to a protected page signs in and lands back on it', async ({ page, providerSignIn }) => {
  const user = organizationUser();
  await page.goto('/protected/organizations?view=roles');
  await providerSignIn.signInWithPassword(user.username, user.password);
  await expect(page).toHaveURL(/\/protected\/organizations\?view=roles$/);
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible();
});

test('a wrong password is an error message on the sign-in page, not a crash', async ({ page, home, providerSignIn }) => {
  const user = plainUser();
  await home.goto();
  await home.signIn();
  await providerSignIn.signInWithPassword(user.username, `${user.password}-wrong`);
  await providerSignIn.expectSignInError('Incorrect account or password. Please check your input.');
  await providerSignIn.signInWithPassword(user.username, user.password);
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
  needsLocalProvider('its mock Postmark connector and outbox (a real tenant would e-mail a real inbox)');
  await home.goto();
  await home.signInWithEmailCode();
  await providerSignIn.requestEmailCode('alice@example.com');
  const code = await provider.latestCodeFor('alice@example.com');
  await providerSignIn.enterCode(code);
  await dashboard.expectClaims();
  await expect(dashboard.claim('email')).toContainText('alice@example.com');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Alice Example');
});

test('two tabs signing in at once: one sign-in wins, and the other tab has a way forward that works', async ({ context, page }) => {
  // Logto keeps one pending sign-in per browser: the newer attempt replaces the older, so the
  // tab that submits first completes the newer one and the other tab's submission is refused.
  const user = organizationUser();
  const second = await context.newPage();
  const tabs = [
    { tab: page, path: '/protected/userinfo', heading: 'User info' },
    { tab: second, path: '/protected/resources', heading: 'API resources' },
  ];
  for (const { tab, path } of tabs) await tab.goto(path);
  for (const { tab } of [...tabs].reverse()) await signInExperience(tab).fillCredentials(user.username, user.password);
  await Promise.all(tabs.map(({ tab }) => signInExperience(tab).submit()));

  const appOrigin = new URL(process.env.E2E_APP_URL!).origin;
  const onApp = (tab: typeof page) => new URL(tab.url()).origin === appOrigin;
  await expect.poll(() => tabs.some(({ tab }) => onApp(tab) && /\/protected\//.test(tab.url())), { timeout: 15_000 }).toBe(true);
  const winner = tabs.find(({ tab }) => onApp(tab))!;
  await expect(winner.tab.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(winner.tab.getByTestId('signed-in-as')).not.toBeEmpty();

  // The other tab is signed in too, or still on the provider's page; its own page then opens
  // signed in, without another sign-in.
  for (const { tab, path, heading } of tabs) {
    if (!onApp(tab)) expect(tab.url().startsWith(process.env.E2E_PROVIDER_URL!), `${path} tab is on the provider`).toBe(true);
    await tab.goto(path);
    await expect(tab).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}$`));
    await expect(tab.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
});
