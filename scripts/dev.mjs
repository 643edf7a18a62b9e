// `npm run dev`: the Next.js dev server, plus the local Logto-compatible provider when no Logto
// tenant is configured (LOGTO_ENDPOINT set in the environment, .env.local or
// .env.development.local means a real tenant).
import { spawn } from 'node:child_process';
import nextEnv from '@next/env';

const userEnv = { ...process.env };
const { loadedEnvFiles } = nextEnv.loadEnvConfig(process.cwd(), true, { info() {}, error: console.error });
const userFiles = loadedEnvFiles.filter((file) => /\.local$/.test(file.path));
const tenantConfigured = Boolean(userEnv.LOGTO_ENDPOINT || userFiles.some((file) => file.env.LOGTO_ENDPOINT));

const appPort = Number(userEnv.PORT || 3000);
const emulatorPort = Number(userEnv.EMULATOR_PORT || 3001);
const children = [];

function run(name, command, args, env) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code) => {
    console.log(`[${name}] exited with ${code}`);
    shutdown(code ?? 0);
  });
  children.push(child);
}

function shutdown(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

const appEnv = {};
if (!tenantConfigured) {
  const appOrigin = `http://localhost:${appPort}`;
  appEnv.LOGTO_ENDPOINT = `http://localhost:${emulatorPort}`;
  appEnv.LOGTO_BASE_URL = userEnv.LOGTO_BASE_URL || appOrigin;
  run('provider', process.execPath, ['--import', 'tsx', 'emulator/main.ts'], {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_APP_ORIGINS: appOrigin,
  });
} else {
  console.log('[dev] LOGTO_ENDPOINT is configured: using your Logto tenant, not the local provider.');
}
// The demo imports the library by its package name (`next-logto`, built into lib/dist by
// `npm install`); rebuild it on every change so the dev server picks edits in lib/ up.
run('lib', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'lib/tsconfig.build.json', '--watch', '--preserveWatchOutput']);
// The routes Logto must know, with their full URLs (what to register in Logto's console).
const appOrigin = appEnv.LOGTO_BASE_URL || userEnv.LOGTO_BASE_URL || `http://localhost:${appPort}`;
console.log(
  [
    `[dev] Redirect URI:              ${appOrigin}/api/logto/callback`,
    `[dev] Post sign-out redirect URI: ${appOrigin}/`,
    `[dev] Back-channel logout URI:   ${appOrigin}/api/logto/backchannel-logout (session required: on)`,
    `[dev] Session store:             ${describeStore(userEnv.LOGTO_SESSION_STORE)}`,
  ].join('\n'),
);

/** The session store as the banner names it: the kind only, never a password in a Redis URL. */
function describeStore(value) {
  if (!value || /^memory$/i.test(value)) return 'memory (this process; back-channel logout on)';
  if (/^off$/i.test(value)) return 'off (back-channel logout turned off)';
  if (/^rediss?:/i.test(value)) return 'Redis';
  return value.toLowerCase() === 'upstash' ? 'Upstash Redis (REST)' : 'invalid: see LOGTO_SESSION_STORE in README';
}

run('app', process.execPath, ['node_modules/next/dist/bin/next', 'dev', '--port', String(appPort)], {
  NEXT_TELEMETRY_DISABLED: '1',
  ...appEnv,
});
