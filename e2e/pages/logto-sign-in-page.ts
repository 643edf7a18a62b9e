import { expect, type Page } from '@playwright/test';
import type { SignInExperience } from './sign-in-experience';

const localOnly = (what: string) => new Error(`${what} needs the local provider; the spec should have skipped this test for a real Logto.`);

/**
 * Logto's own sign-in experience (1.37 and newer). Its inputs have no accessible names, so they
 * are found by `name`; registration takes two steps (username, then the password twice); errors
 * are `role=alert`.
 */
export class LogtoSignInPage implements SignInExperience {
  constructor(private readonly page: Page) {}

  async expectVisible() {
    await expect(this.page.locator('input[name=identifier]')).toBeVisible();
    await expect(this.page.locator('input[name=password]')).toBeVisible();
  }

  async fillCredentials(username: string, password: string) {
    await this.expectVisible();
    await this.page.locator('input[name=identifier]').fill(username);
    await this.page.locator('input[name=password]').fill(password);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async signInWithPassword(username: string, password: string) {
    await this.fillCredentials(username, password);
    await this.submit();
  }

  async createAccount(username: string, password: string) {
    await expect(this.page.getByRole('button', { name: 'Create account' })).toBeVisible();
    await this.page.locator('input[name=identifier]').fill(username);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.page.locator('input[name=newPassword]').fill(password);
    await this.page.locator('input[name=confirmPassword]').fill(password);
    await this.page.getByRole('button', { name: 'Save password' }).click();
  }

  async expectSignInError() {
    await expect(this.page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
    await this.expectVisible();
  }

  async requestEmailCode(): Promise<void> {
    throw localOnly('Email codes through the mock Postmark connector');
  }

  async enterCode(): Promise<void> {
    throw localOnly('Email codes through the mock Postmark connector');
  }

  async continueWith(): Promise<void> {
    throw localOnly('Social sign-in through the mock upstreams');
  }

  async cancel(): Promise<void> {
    throw localOnly('Cancelling from the sign-in page');
  }
}
