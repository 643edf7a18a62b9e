import { mkdirSync } from 'node:fs';
import { expect, test as setup } from './fixtures';
import { organizationUser } from './identities';

const USER_STATE = 'e2e/.auth/user.json';

/** Signs in once as the organization user and saves the browser state for the dashboard specs. */
setup('sign in as the organization user', async ({ page, home, providerSignIn, dashboard }) => {
  mkdirSync('e2e/.auth', { recursive: true });
  await home.goto();
  await home.signIn();
  const { username, password } = organizationUser();
  await providerSignIn.signInWithPassword(username, password);
  await dashboard.expectClaims();
  await expect(page.getByTestId('subject')).not.toBeEmpty();
  await page.context().storageState({ path: USER_STATE });
});
