import { expect, type Page } from '@playwright/test';
import type { SignInExperience } from './sign-in-experience';

/** The local provider's sign-in experience (Logto's look-alike, with labelled inputs). */
export class LocalSignInPage implements SignInExperience {
  constructor(private readonly page: Page) {}

  async expectVisible() {
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async fillCredentials(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async signInWithPassword(username: string, password: string) {
    await this.fillCredentials(username, password);
    await this.submit();
  }

  async expectSignInError(localText: string) {
    await expect(this.page.getByText(localText)).toBeVisible();
    await this.expectVisible();
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
