// The app and the provider: `next build`, the local Logto-compatible provider (`emulator/`) and
// `next start`, each in its own process group (see processes.mjs), logs in bench/.tmp/logs/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { COOKIE_SECRET, RESOURCES } from './demo.mjs';
import { log } from './log.mjs';
import { round } from './numbers.mjs';
import { runNode, startProcess } from './processes.mjs';
import { LOGS, ROOT, TMP } from './settings.mjs';

const NEXT_BIN = 'node_modules/next/dist/bin/next';

const APP_ENV = {
  NEXT_TELEMETRY_DISABLED: '1',
  LOGTO_APP_ID: 'logto-next-demo',
  LOGTO_APP_SECRET: 'local-emulator-secret-not-for-production',
  LOGTO_COOKIE_SECRET: COOKIE_SECRET,
  LOGTO_SCOPES:
    'email phone address custom_data identities roles urn:logto:scope:organizations urn:logto:scope:organization_roles read:reports write:reports read:invoices write:invoices read:members write:members read:projects',
  LOGTO_RESOURCES: RESOURCES.join(' '),
};

/** `next build`, unless `skipBuild` (then .next must hold a build). */
export async function build({ skipBuild }) {
  if (skipBuild) {
    if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('BENCH_SKIP_BUILD is set but there is no .next build');
    log('build skipped (BENCH_SKIP_BUILD), reusing .next');
    return { skipped: true };
  }
  log('next build …');
  const started = performance.now();
  await runNode([NEXT_BIN, 'build'], { cwd: ROOT, env: { NEXT_TELEMETRY_DISABLED: '1' }, logFile: path.join(LOGS, 'build.log'), timeoutMs: 600_000 });
  const seconds = round((performance.now() - started) / 1000, 1);
  log(`next build done in ${seconds}s`);
  return { skipped: false, seconds };
}

/** The provider on `port`, with its test controls on, accepting sign-ins for `appOrigin`. */
export function startProvider({ port, url, appOrigin }) {
  return startProcess({
    name: 'provider',
    command: process.execPath,
    args: ['--import', 'tsx', 'emulator/main.ts'],
    cwd: ROOT,
    env: {
      EMULATOR_PORT: String(port),
      EMULATOR_BASE_URL: url,
      EMULATOR_TEST_CONTROLS: '1',
      EMULATOR_APP_ORIGINS: appOrigin,
      EMULATOR_DATA_DIR: path.join(TMP, 'provider-data'),
    },
    logFile: path.join(LOGS, 'provider.log'),
    readyUrl: `${url}/oidc/.well-known/openid-configuration`,
    port,
  });
}

/** `next start` of the build on `port`, signing in at `providerUrl`; `nodeArgs` go to node (e.g. `--cpu-prof`). */
export function startApp({ name, port, url, providerUrl, env = {}, nodeArgs = [] }) {
  return startProcess({
    name,
    command: process.execPath,
    args: [...nodeArgs, NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    cwd: ROOT,
    env: { ...APP_ENV, LOGTO_ENDPOINT: providerUrl, LOGTO_BASE_URL: url, ...env },
    logFile: path.join(LOGS, `${name}.log`),
    readyUrl: `${url}/api/logto/user`, // reads cookies only: does not warm any Logto cache
    port,
  });
}
