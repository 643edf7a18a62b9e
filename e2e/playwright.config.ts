import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './browser';
import { LOCAL_APP_ENV, resolveE2E, ROOT } from './mode';

/** Local provider or real Logto: see mode.ts. Real mode fails here, naming what is missing. */
const { mode, appUrl, appPort, providerUrl, providerPort } = resolveE2E();
const usesEmulator = mode === 'local';

const build = process.env.E2E_SKIP_BUILD ? '' : 'node node_modules/next/dist/bin/next build && ';
/** `E2E_ADOPTION_ONLY=1 … --project=adoption`: the adoption test builds and serves its own app, so the demo is neither built nor started. */
const adoptionOnly = Boolean(process.env.E2E_ADOPTION_ONLY);

export default defineConfig({
  testDir: '.',
  outputDir: './test-results',
  fullyParallel: false,
  // The provider's test controls (token lifetimes, outages) are global: one worker keeps tests independent.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]] : 'list',
  use: {
    baseURL: appUrl,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumExecutable() },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts/,
      testIgnore: /adoption\.spec\.ts/,
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'], storageState: 'e2e/.auth/user.json' },
    },
    // A new app built from e2e/adoption/fixture with its own server and provider: it needs no shared session.
    { name: 'adoption', testMatch: /adoption\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: adoptionOnly
    ? []
    : [
        ...(usesEmulator
          ? [
              {
                name: 'provider',
                command: 'node --import tsx emulator/main.ts',
                cwd: ROOT,
                url: `${providerUrl}/oidc/.well-known/openid-configuration`,
                env: {
                  EMULATOR_PORT: String(providerPort),
                  EMULATOR_TEST_CONTROLS: '1',
                  EMULATOR_APP_ORIGINS: appUrl,
                  EMULATOR_DATA_DIR: `${ROOT}e2e/.auth/provider-data`,
                },
                reuseExistingServer: false,
                timeout: 30_000,
                stdout: (process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore') as 'pipe' | 'ignore',
              },
            ]
          : []),
        {
          name: 'app',
          // Bound to loopback; in real mode on the port of LOGTO_BASE_URL, whose callback Logto knows.
          command: `${build}node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port ${appPort}`,
          cwd: ROOT,
          url: `${appUrl}/api/logto/user`,
          env: {
            NEXT_TELEMETRY_DISABLED: '1',
            LOGTO_BASE_URL: appUrl,
            // In real mode the app reads LOGTO_* from the environment and the env files, as in production.
            ...(usesEmulator ? { ...LOCAL_APP_ENV, LOGTO_ENDPOINT: providerUrl } : {}),
          },
          reuseExistingServer: false,
          timeout: 240_000,
          stdout: (process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore') as 'pipe' | 'ignore',
        },
      ],
});
