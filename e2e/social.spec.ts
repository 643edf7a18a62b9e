import type { Page } from '@playwright/test';
import { expect, needsLocalProvider, signedOut, test } from './fixtures';
import { providerUrl } from './provider';

test.use(signedOut);
// Real Logto's social connectors call GitLab, Feishu and Azure AD on the internet.
needsLocalProvider('its mock GitLab, Feishu and Azure AD upstreams and the seeded linked identity');

const connectors = [
  { name: 'GitLab', target: 'gitlab', account: 'Gabe Gitlab', upstreamPath: '/mock/gitlab/oauth/authorize' },
  { name: 'Feishu', target: 'feishu', account: 'Lin Qiao', upstreamPath: '/mock/feishu/suite/passport/oauth/authorize' },
  { name: 'Azure AD', target: 'azuread', account: 'Megan Bowen', upstreamPath: '/mock/azuread/' },
] as const;

/** Records the provider pages the browser was shown (HTML answered 200 under /interaction). */
function watchProviderPages(page: Page): string[] {
  const shown: string[] = [];
  page.on('response', (response) => {
    const url = response.url();
    if (url.startsWith(`${providerUrl()}/interaction/`) && response.status() === 200 && response.request().resourceType() === 'document') {
      shown.push(url);
    }
  });
  return shown;
}

for (const connector of connectors) {
  test(`Continue with ${connector.name}: direct sign-in, upstream consent, same user the second time`, async ({ browser, page, home, consent, dashboard }) => {
    const providerPages = watchProviderPages(page);
    await home.goto();
    await home.continueWith(connector.name);
    await expect(page).toHaveURL(new RegExp(connector.upstreamPath.replace(/\//g, '\\/')));
    await consent.authorizeAs(connector.account);
    const subject = await dashboard.subject();
    expect(providerPages, 'direct sign-in must skip the provider sign-in page').toEqual([]);

    await page.goto('/protected/userinfo');
    await expect(page.getByTestId(`identity-${connector.target}`)).toBeVisible();

    // A second sign-in with the same upstream account, in a fresh browser, finds the same user.
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto('/');
    await second.getByRole('main').getByRole('link', { name: `Continue with ${connector.name}` }).click();
    await second.getByLabel(connector.account).check();
    await second.getByRole('button', { name: 'Authorize' }).click();
    await expect(second.getByTestId('subject')).toHaveText(subject);
    await other.close();
  });
}

test('the provider sign-in page offers the connectors too', async ({ page, home, providerSignIn, consent, dashboard }) => {
  await home.goto();
  await home.signIn();
  await providerSignIn.continueWith('GitLab');
  await consent.authorizeAs('Alice Example');
  await dashboard.expectClaims();
  // Alice's GitLab identity is linked in the seed: the existing user is found.
  await expect(page.getByTestId('signed-in-as')).toHaveText('Alice Example');
  await page.goto('/protected/userinfo');
  await expect(page.getByTestId('identity-gitlab')).toContainText('20001');
  await expect(page.getByTestId('custom-data')).toContainText('"plan": "pro"');
});
