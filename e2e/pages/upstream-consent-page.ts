import { expect, type Page } from '@playwright/test';

/** A mock upstream's (GitLab, Feishu, Azure AD) OAuth consent page. */
export class UpstreamConsentPage {
  constructor(private readonly page: Page) {}

  async expectVisible() {
    await expect(this.page.getByRole('heading', { name: 'Authorize Logto (local)' })).toBeVisible();
  }

  async authorizeAs(account: string) {
    await this.expectVisible();
    await this.page.getByLabel(account).check();
    await this.page.getByRole('button', { name: 'Authorize' }).click();
  }

  async cancel() {
    await this.expectVisible();
    await this.page.getByRole('button', { name: 'Cancel' }).click();
  }
}
