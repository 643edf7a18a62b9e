import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { portFromEnv } from './ports';

/**
 * Which Logto the suite runs against, decided once by the runner and handed to its workers and
 * the app through the environment.
 *
 * - `real`: `E2E_LOGTO=real`, or `LOGTO_ENDPOINT` in the environment or in any env file
 *   `next start` loads (`.env.production.local`, `.env.local`, `.env.production`, `.env`). The
 *   local provider is never started; every variable the app and the suite need must be set, or
 *   the run stops at once naming what is missing. The app is served on `LOGTO_BASE_URL`'s port,
 *   bound to loopback, because that is the origin whose callback is registered in Logto.
 * - `local`: otherwise (or `E2E_LOGTO=local`): the local Logto-compatible provider on a free
 *   port, the app on another, every value filled in.
 */
export type E2EMode = 'local' | 'real';

export const ROOT = `${path.resolve(__dirname, '..')}/`;

/** Variables a real-Logto run needs, and what each is. */
const REAL_MODE_VARIABLES = {
  LOGTO_ENDPOINT: 'the tenant endpoint',
  LOGTO_APP_ID: 'the app id',
  LOGTO_APP_SECRET: 'the app secret',
  LOGTO_COOKIE_SECRET: 'a cookie secret of 32+ characters',
  LOGTO_BASE_URL: 'the app origin whose /api/logto/callback is registered (e.g. http://localhost:3300)',
  LOGTO_SCOPES: 'the extra scopes',
  LOGTO_RESOURCES: 'the API resource indicators',
  E2E_USERNAME: 'a password user who belongs to an organization',
  E2E_PASSWORD: 'that user’s password',
} as const;

/** The local provider's defaults for the test identities. */
const LOCAL_IDENTITIES = {
  E2E_USERNAME: 'olivia',
  E2E_PASSWORD: 'Demo-Passw0rd',
  E2E_PLAIN_USERNAME: 'demo',
  E2E_PLAIN_PASSWORD: 'Demo-Passw0rd',
  E2E_ORGANIZATION_NAMES: 'Acme,Globex',
};

export const LOCAL_APP_ENV = {
  LOGTO_APP_ID: 'logto-next-demo',
  LOGTO_APP_SECRET: 'local-emulator-secret-not-for-production',
  LOGTO_COOKIE_SECRET: 'e2e-cookie-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  LOGTO_SCOPES:
    'email phone address custom_data identities roles urn:logto:scope:organizations urn:logto:scope:organization_roles read:reports write:reports read:invoices write:invoices read:members write:members read:projects',
  LOGTO_RESOURCES: 'https://reports.example.com https://billing.example.com',
};

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';

function decideMode(): E2EMode {
  const explicit = process.env.E2E_LOGTO;
  if (explicit === 'real' || explicit === 'local') return explicit;
  if (explicit) throw new Error(`E2E_LOGTO must be "real" or "local" (got "${explicit}").`);
  // Whatever `next start` would load, so Logto values in .env.local cannot go untested.
  loadEnvConfig(ROOT, false, { info: () => undefined, error: console.error });
  return process.env.LOGTO_ENDPOINT ? 'real' : 'local';
}

function requireRealModeVariables(): void {
  const missing = Object.entries(REAL_MODE_VARIABLES).filter(([name]) => !process.env[name]?.trim());
  if (missing.length > 0) {
    throw new Error(
      `The browser suite runs against a real Logto (${process.env.LOGTO_ENDPOINT ?? 'LOGTO_ENDPOINT missing'}) but ` +
        `${missing.map(([name, what]) => `${name} (${what})`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. ` +
        'Set them in the environment or .env.local (see .env.example), or run with E2E_LOGTO=local.',
    );
  }
  const base = new URL(process.env.LOGTO_BASE_URL!);
  if (base.protocol !== 'http:' || !isLoopback(base.hostname) || !base.port) {
    throw new Error(
      `LOGTO_BASE_URL must be a loopback http origin with a port for the browser suite (e.g. http://localhost:3300); got ${base.origin}.`,
    );
  }
}

/**
 * Resolves the mode once per run (the config is evaluated again in every worker: the results
 * travel in `E2E_*` variables) and returns what the config needs.
 */
export function resolveE2E(): { mode: E2EMode; appUrl: string; appPort: number; providerUrl: string; providerPort: number } {
  if (!process.env.E2E_MODE) {
    const mode = decideMode();
    if (mode === 'real') {
      requireRealModeVariables();
      const base = new URL(process.env.LOGTO_BASE_URL!);
      process.env.E2E_APP_PORT = base.port;
      process.env.E2E_APP_URL = base.origin;
      process.env.E2E_PROVIDER_URL = process.env.LOGTO_ENDPOINT!.replace(/\/+$/, '');
    } else {
      for (const [name, value] of Object.entries(LOCAL_IDENTITIES)) process.env[name] ??= value;
      process.env.E2E_APP_URL = `http://localhost:${portFromEnv('E2E_APP_PORT')}`;
      process.env.E2E_PROVIDER_URL = `http://localhost:${portFromEnv('E2E_PROVIDER_PORT')}`;
    }
    process.env.E2E_MODE = mode;
    process.env.E2E_USES_EMULATOR = mode === 'local' ? '1' : '';
    console.log(
      mode === 'real'
        ? `[e2e] mode: real Logto at ${process.env.E2E_PROVIDER_URL}; app on ${process.env.E2E_APP_URL} (tests that need the local provider are skipped)`
        : `[e2e] mode: local provider on ${process.env.E2E_PROVIDER_URL}; app on ${process.env.E2E_APP_URL}`,
    );
  }
  const appUrl = process.env.E2E_APP_URL!;
  const providerUrl = process.env.E2E_PROVIDER_URL!;
  return {
    mode: process.env.E2E_MODE as E2EMode,
    appUrl,
    appPort: Number(new URL(appUrl).port),
    providerUrl,
    providerPort: Number(new URL(providerUrl).port || 0),
  };
}
