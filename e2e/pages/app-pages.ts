import { expect, type Page } from '@playwright/test';

/** The demo's public home page. */
export class HomePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
  }

  async signIn() {
    await this.page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
  }

  async createAccount() {
    await this.page.getByRole('link', { name: 'Create account' }).click();
  }

  async continueWith(connector: 'Feishu' | 'Azure AD' | 'GitLab') {
    await this.page.getByRole('main').getByRole('link', { name: `Continue with ${connector}` }).click();
  }

  async signInWithEmailCode() {
    await this.page.getByRole('link', { name: 'Sign in with an email code' }).click();
  }
}

/** The protected dashboard pages. */
export class Dashboard {
  constructor(private readonly page: Page) {}

  async expectClaims() {
    await expect(this.page).toHaveURL(/\/protected$/);
    await expect(this.page.getByRole('heading', { name: 'ID token claims' })).toBeVisible();
  }

  async subject(): Promise<string> {
    await this.expectClaims();
    return (await this.page.getByTestId('subject').textContent())!.trim();
  }

  claim(name: string) {
    return this.page.getByRole('table', { name: 'ID token claims' }).getByRole('row', { name: new RegExp(`^${name}\\b`) });
  }

  /** The header's Sign out button, the only one on every page. */
  async signOut() {
    await this.page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  }
}

/** The organizations page: one organization's tokens and its organization-level API call. */
export class OrganizationsPage {
  constructor(private readonly page: Page) {}

  async goto(organizationId: string) {
    await this.page.goto(`/protected/organizations/${encodeURIComponent(organizationId)}`);
  }

  /** The organization-level API section (`/api/organizations/<id>/reports`). */
  get organizationApi() {
    return this.page.getByRole('region', { name: 'Organization-level API' });
  }

  get apiStatus() {
    return this.page.getByTestId('organization-api-status');
  }

  get apiBody() {
    return this.page.getByTestId('organization-api-body');
  }
}
