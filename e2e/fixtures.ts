import { test as base, expect } from '@playwright/test';
import { Dashboard, HomePage } from './pages/app-pages';
import { ProviderSignInPage } from './pages/provider-sign-in-page';
import { UpstreamConsentPage } from './pages/upstream-consent-page';
import { ProviderControls } from './provider';

export const DEMO_PASSWORD = 'Demo-Passw0rd';

interface Fixtures {
  home: HomePage;
  providerSignIn: ProviderSignInPage;
  consent: UpstreamConsentPage;
  dashboard: Dashboard;
  provider: ProviderControls;
}

export const test = base.extend<Fixtures>({
  home: async ({ page }, use) => use(new HomePage(page)),
  providerSignIn: async ({ page }, use) => use(new ProviderSignInPage(page)),
  consent: async ({ page }, use) => use(new UpstreamConsentPage(page)),
  dashboard: async ({ page }, use) => use(new Dashboard(page)),
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

/** For tests that sign in themselves: start with an empty browser, not the shared session. */
export const signedOut = { storageState: { cookies: [], origins: [] } };

export { expect };
