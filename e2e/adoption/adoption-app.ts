import { rmSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_APP_ENV, ROOT } from '../mode';
import { freePort } from '../ports';
import { assembleApp } from './assemble';
import { runToCompletion, startProcess, waitUntilServing, type StartedProcess } from './processes';

/** The fixture's paths, as `fixture/logto.ts` declares them. */
export const FIXTURE_PATHS = {
  signIn: '/auth/sign-in',
  callback: '/auth/callback',
  signOut: '/auth/sign-out',
  user: '/auth/user',
  error: '/auth/problem',
  afterSignOut: '/bye',
  protected: '/account',
} as const;

/** Gitignored, inside the repository so the app resolves the repository's `node_modules`; removed by `stop()`. */
const WORKSPACE = path.join(ROOT, 'e2e/.adoption');
const APP_DIR = path.join(WORKSPACE, 'next-app');
const NEXT = path.join(ROOT, 'node_modules/next/dist/bin/next');
const START_TIMEOUT_MS = 60_000;

/** The inherited environment without anything that would configure the app or the provider behind the test's back. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(LOGTO_|EMULATOR_|NEXT_|__NEXT_|NODE_ENV$)/.test(name)) delete env[name];
  }
  env.NEXT_TELEMETRY_DISABLED = '1';
  return env;
}

/**
 * A new Next.js app made of the fixture and the library only, built with `next build` and served
 * by `next start`, with a local provider of its own that knows the app's callback and sign-out
 * URIs. Stop it in `afterAll`: it stops whatever was started and removes the folder.
 */
export class AdoptionApp {
  readonly appUrl = `http://127.0.0.1:${freePort()}`;
  readonly providerUrl = `http://127.0.0.1:${freePort()}`;
  /** Seconds per phase, for the run's log. */
  readonly seconds: Record<string, number> = {};
  private readonly processes: StartedProcess[] = [];

  /** Copies the fixture and the library into a fresh folder and runs `next build` there, with no LOGTO_* variable set. */
  async build(): Promise<void> {
    await this.timed('assemble', async () => assembleApp(APP_DIR));
    await this.timed('build', () => runToCompletion(this.start('next build', process.execPath, [NEXT, 'build'], APP_DIR, cleanEnv())));
  }

  /** Starts the provider and `next start`, and waits until both answer. */
  async serve(): Promise<void> {
    await this.timed('start', async () => {
      const provider = this.start('local provider', process.execPath, ['--import', 'tsx', 'emulator/main.ts'], ROOT, {
        ...cleanEnv(),
        EMULATOR_PORT: new URL(this.providerUrl).port,
        EMULATOR_BASE_URL: this.providerUrl,
        EMULATOR_DATA_DIR: path.join(WORKSPACE, 'provider-data'),
        EMULATOR_REDIRECT_URIS: `${this.appUrl}${FIXTURE_PATHS.callback}`,
        EMULATOR_POST_LOGOUT_REDIRECT_URIS: `${this.appUrl}${FIXTURE_PATHS.afterSignOut}`,
      });
      const port = new URL(this.appUrl).port;
      const app = this.start('next start', process.execPath, [NEXT, 'start', '--hostname', '127.0.0.1', '--port', port], APP_DIR, {
        ...cleanEnv(),
        LOGTO_APP_ID: LOCAL_APP_ENV.LOGTO_APP_ID,
        LOGTO_APP_SECRET: LOCAL_APP_ENV.LOGTO_APP_SECRET,
        LOGTO_COOKIE_SECRET: LOCAL_APP_ENV.LOGTO_COOKIE_SECRET,
        LOGTO_ENDPOINT: this.providerUrl,
        LOGTO_BASE_URL: this.appUrl,
      });
      await Promise.all([
        waitUntilServing(provider, `${this.providerUrl}/oidc/.well-known/openid-configuration`, START_TIMEOUT_MS),
        waitUntilServing(app, `${this.appUrl}${FIXTURE_PATHS.user}`, START_TIMEOUT_MS),
      ]);
    });
  }

  /** What the processes wrote, for a failed test's report. */
  logs(): string {
    return this.processes.map((started) => `── ${started.name} ──\n${started.output()}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((started) => started.stop()));
    rmSync(WORKSPACE, { recursive: true, force: true });
  }

  private start(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): StartedProcess {
    const started = startProcess(name, command, args, { cwd, env });
    this.processes.push(started);
    return started;
  }

  private async timed(phase: string, run: () => Promise<void>): Promise<void> {
    const startedAt = performance.now();
    await run();
    this.seconds[phase] = Math.round((performance.now() - startedAt) / 100) / 10;
  }
}
