import { test as base, expect, type Page } from '@playwright/test';
import { ApiTokenClient } from './api-tokens';
import { isRealLogto } from './identities';
import { Dashboard, HomePage, OrganizationsPage } from './pages/app-pages';
import { LocalSignInPage } from './pages/local-sign-in-page';
import { LogtoSignInPage } from './pages/logto-sign-in-page';
import type { SignInExperience } from './pages/sign-in-experience';
import { UpstreamConsentPage } from './pages/upstream-consent-page';
import { ProviderControls } from './provider';

interface Fixtures {
  home: HomePage;
  providerSignIn: SignInExperience;
  consent: UpstreamConsentPage;
  dashboard: Dashboard;
  organizationsPage: OrganizationsPage;
  provider: ProviderControls;
  /** Real access tokens minted by the app's own client, for calling its APIs as another client would. */
  apiTokens: ApiTokenClient;
}

/** The sign-in page object for the Logto this run talks to. */
export const signInExperience = (page: Page): SignInExperience =>
  isRealLogto() ? new LogtoSignInPage(page) : new LocalSignInPage(page);

export const test = base.extend<Fixtures>({
  home: async ({ page }, use) => use(new HomePage(page)),
  providerSignIn: async ({ page }, use) => use(signInExperience(page)),
  consent: async ({ page }, use) => use(new UpstreamConsentPage(page)),
  dashboard: async ({ page }, use) => use(new Dashboard(page)),
  organizationsPage: async ({ page }, use) => use(new OrganizationsPage(page)),
  apiTokens: async ({ page, request }, use) => use(new ApiTokenClient(page, request, signInExperience(page))),
  provider: async ({ request }, use) => {
    const controls = new ProviderControls(request);
    await use(controls);
    // Leave the shared provider healthy for the next test, whatever this one did.
    if (process.env.E2E_USES_EMULATOR === '1') {
      await controls.tokenEndpoint('normal');
      await controls.config({ accessTokenTtl: 3600, rotation: 'logto', reuseGrace: 3 });
    }
  },
});

/** Skips the current test against a real Logto, saying what of the local provider it needs. */
export function needsLocalProvider(what: string): void {
  // Only in real-Logto mode, and always with the reason: these tests use the local provider's
  // mock connectors, Postmark outbox or test controls, which a real tenant does not have.
  test.skip(isRealLogto(), `needs the local provider: ${what}`);
}

/** For tests that sign in themselves: start with an empty browser, not the shared session. */
export const signedOut = { storageState: { cookies: [], origins: [] } };

/** The signed-in user's ID-token claims, as the app's user API reports them. */
export async function signedInClaims(page: Page): Promise<Record<string, unknown>> {
  const response = await page.request.get('/api/logto/user');
  const body = (await response.json()) as { isAuthenticated: boolean; claims?: Record<string, unknown> };
  expect(body.isAuthenticated, 'signed in').toBe(true);
  return body.claims!;
}

export { expect };
