import { expect, type Page } from '@playwright/test';

/** The local provider's sign-in experience (Logto's look-alike). */
export class ProviderSignInPage {
  constructor(private readonly page: Page) {}

  async expectVisible() {
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async signInWithPassword(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async createAccount(username: string, password: string) {
    await expect(this.page.getByRole('button', { name: 'Create account' })).toBeVisible();
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
  }

  async requestEmailCode(email: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByRole('button', { name: 'Send code' }).click();
  }

  async enterCode(code: string) {
    await this.page.getByLabel('Verification code').fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async continueWith(connector: 'Feishu' | 'Azure AD' | 'GitLab') {
    await this.page.getByRole('button', { name: `Continue with ${connector}` }).click();
  }

  async cancel() {
    await this.page.getByRole('button', { name: 'Cancel' }).click();
  }
}
