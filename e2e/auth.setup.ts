import { mkdirSync } from 'node:fs';
import { DEMO_PASSWORD, expect, test as setup } from './fixtures';
import { usesEmulator } from './provider';

const USER_STATE = 'e2e/.auth/user.json';

/** Signs in once as the organization user and saves the browser state for the dashboard specs. */
setup('sign in as the organization user', async ({ page, home, providerSignIn, dashboard }) => {
  mkdirSync('e2e/.auth', { recursive: true });
  await home.goto();
  await home.signIn();
  const username = usesEmulator() ? 'olivia' : process.env.E2E_USERNAME!;
  const password = usesEmulator() ? DEMO_PASSWORD : process.env.E2E_PASSWORD!;
  await providerSignIn.signInWithPassword(username, password);
  await dashboard.expectClaims();
  await expect(page.getByTestId('subject')).not.toBeEmpty();
  await page.context().storageState({ path: USER_STATE });
});
