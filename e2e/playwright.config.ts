import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './browser';
import { portFromEnv } from './ports';

const root = `${path.resolve(__dirname, '..')}/`;

/**
 * With LOGTO_ENDPOINT (plus LOGTO_APP_ID, LOGTO_APP_SECRET and E2E_USERNAME/E2E_PASSWORD) the
 * suite runs against that real tenant; otherwise it starts the local Logto-compatible provider.
 */
const usesEmulator = !process.env.LOGTO_ENDPOINT;
const appPort = portFromEnv('E2E_APP_PORT');
const providerPort = usesEmulator ? portFromEnv('E2E_PROVIDER_PORT') : 0;
const appUrl = `http://localhost:${appPort}`;
const providerUrl = usesEmulator ? `http://localhost:${providerPort}` : process.env.LOGTO_ENDPOINT!;
process.env.E2E_APP_URL = appUrl;
process.env.E2E_PROVIDER_URL = providerUrl;
process.env.E2E_USES_EMULATOR = usesEmulator ? '1' : '';

const emulatorAppEnv = {
  LOGTO_ENDPOINT: providerUrl,
  LOGTO_APP_ID: 'logto-next-demo',
  LOGTO_APP_SECRET: 'local-emulator-secret-not-for-production',
  LOGTO_COOKIE_SECRET: 'e2e-cookie-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  LOGTO_SCOPES:
    'email phone address custom_data identities roles urn:logto:scope:organizations urn:logto:scope:organization_roles read:reports write:reports read:invoices write:invoices read:members write:members read:projects',
  LOGTO_RESOURCES: 'https://reports.example.com https://billing.example.com',
};

const build = process.env.E2E_SKIP_BUILD ? '' : 'node node_modules/next/dist/bin/next build && ';

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
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'], storageState: 'e2e/.auth/user.json' },
    },
  ],
  webServer: [
    ...(usesEmulator
      ? [
          {
            name: 'provider',
            command: 'node --import tsx emulator/main.ts',
            cwd: root,
            url: `${providerUrl}/oidc/.well-known/openid-configuration`,
            env: {
              EMULATOR_PORT: String(providerPort),
              EMULATOR_TEST_CONTROLS: '1',
              EMULATOR_APP_ORIGINS: appUrl,
              EMULATOR_DATA_DIR: `${root}e2e/.auth/provider-data`,
            },
            reuseExistingServer: false,
            timeout: 30_000,
            stdout: (process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore') as 'pipe' | 'ignore',
          },
        ]
      : []),
    {
      name: 'app',
      command: `${build}node node_modules/next/dist/bin/next start --port ${appPort}`,
      cwd: root,
      url: `${appUrl}/api/logto/user`,
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        LOGTO_BASE_URL: appUrl,
        ...(usesEmulator ? emulatorAppEnv : {}),
      },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: (process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore') as 'pipe' | 'ignore',
    },
  ],
});
