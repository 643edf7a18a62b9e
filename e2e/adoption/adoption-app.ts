import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startRedisServer, type RedisServer } from '../../lib/auth/test-utils/redis-server';
import { LOCAL_APP_ENV, ROOT } from '../mode';
import { freePort } from '../ports';
import { installApp, packOnce } from './install';
import { runToCompletion, startProcess, waitUntilServing, type StartedProcess } from './processes';
import type { AdoptionVariant } from './variants';

/** The fixture's paths, as `fixture/logto.ts` declares them. */
export const FIXTURE_PATHS = {
  signIn: '/auth/sign-in',
  callback: '/auth/callback',
  signOut: '/auth/sign-out',
  user: '/auth/user',
  backchannelLogout: '/auth/backchannel-logout',
  error: '/auth/problem',
  afterSignOut: '/bye',
  protected: '/account',
} as const;

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
 * A new Next.js app made of the fixture and the packed library, installed with `npm install`
 * outside the repository, built with `next build` and served by `next start` as two instances
 * (one build, two ports, one Redis as their session store: a scaled-out deployment), with a local
 * provider of its own that knows the app's callback and sign-out URIs and delivers back-channel
 * logouts to the first instance. Stop it in `afterAll`: it stops whatever was started and removes
 * the build and the provider's data (the installed `node_modules` stay for the next run).
 */
export class AdoptionApp {
  /**
   * `localhost`, not `127.0.0.1`: Next 15.5's `NextURL` rewrites every loopback address to
   * `localhost`, so its redirects would leave `127.0.0.1` and the cookies set there.
   */
  readonly appUrl = `http://localhost:${freePort()}`;
  /** The second instance of the same build. Cookies are per host, not per port: a browser's session reaches both. */
  readonly secondAppUrl = `http://localhost:${freePort()}`;
  readonly providerUrl = `http://127.0.0.1:${freePort()}`;
  /** Seconds per phase, for the run's log. */
  readonly seconds: Record<string, number> = {};
  /** What `next build` printed. */
  buildOutput = '';
  private readonly processes: StartedProcess[] = [];
  private redis: RedisServer | undefined;
  private appDir = '';

  constructor(readonly variant: AdoptionVariant) {}

  private get next(): string {
    return path.join(this.appDir, 'node_modules/next/dist/bin/next');
  }

  private get providerData(): string {
    return path.join(this.appDir, '.provider-data');
  }

  /** Packs the library, installs it with `next` into a fresh copy of the fixture, and runs `next build` there with no LOGTO_* variable set. */
  async build(): Promise<void> {
    const tarball = await this.timed('pack', () => packOnce(cleanEnv()));
    this.appDir = await this.timed('install', () => installApp(this.variant, tarball, cleanEnv()));
    const build = this.start('next build', process.execPath, [this.next, 'build'], this.appDir, cleanEnv());
    await this.timed('build', () => runToCompletion(build));
    this.buildOutput = build.output();
  }

  /** The runtime the build gave the middleware or proxy, from Next's manifests; undefined when there is none. */
  middlewareRuntime(): 'nodejs' | 'edge' | undefined {
    const manifest = (name: string) => {
      const file = path.join(this.appDir, '.next/server', name);
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { runtime?: string }>>) : {};
    };
    const node = manifest('functions-config-manifest.json').functions?.['/_middleware'];
    if (node?.runtime === 'nodejs') return 'nodejs';
    return Object.keys(manifest('middleware-manifest.json').middleware ?? {}).length > 0 ? 'edge' : undefined;
  }

  /** Starts Redis, the provider and two `next start` instances, and waits until they answer. */
  async serve(): Promise<void> {
    await this.timed('start', async () => {
      this.redis = await startRedisServer();
      const instances = [this.appUrl, this.secondAppUrl];
      const provider = this.start('local provider', process.execPath, ['--import', 'tsx', 'emulator/main.ts'], ROOT, {
        ...cleanEnv(),
        EMULATOR_PORT: new URL(this.providerUrl).port,
        EMULATOR_BASE_URL: this.providerUrl,
        EMULATOR_DATA_DIR: this.providerData,
        EMULATOR_REDIRECT_URIS: instances.map((origin) => `${origin}${FIXTURE_PATHS.callback}`).join(','),
        EMULATOR_POST_LOGOUT_REDIRECT_URIS: instances.map((origin) => `${origin}${FIXTURE_PATHS.afterSignOut}`).join(','),
        EMULATOR_BACKCHANNEL_LOGOUT_URI: `${this.appUrl}${FIXTURE_PATHS.backchannelLogout}`,
      });
      const apps = instances.map((origin, index) =>
        this.start(`next start #${index + 1}`, process.execPath, [this.next, 'start', '--hostname', '127.0.0.1', '--port', new URL(origin).port], this.appDir, {
          ...cleanEnv(),
          LOGTO_APP_ID: LOCAL_APP_ENV.LOGTO_APP_ID,
          LOGTO_APP_SECRET: LOCAL_APP_ENV.LOGTO_APP_SECRET,
          LOGTO_COOKIE_SECRET: LOCAL_APP_ENV.LOGTO_COOKIE_SECRET,
          LOGTO_ENDPOINT: this.providerUrl,
          LOGTO_BASE_URL: origin,
          LOGTO_SESSION_STORE: this.redis!.url,
          LOGTO_SESSION_STORE_CACHE_SECONDS: '1',
        }),
      );
      await Promise.all([
        waitUntilServing(provider, `${this.providerUrl}/oidc/.well-known/openid-configuration`, START_TIMEOUT_MS),
        ...apps.map((app, index) => waitUntilServing(app, `${instances[index]}${FIXTURE_PATHS.user}`, START_TIMEOUT_MS)),
      ]);
    });
  }

  /** What the processes wrote, for a failed test's report. */
  logs(): string {
    return this.processes.map((started) => `── ${started.name} ──\n${started.output()}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((started) => started.stop()));
    await this.redis?.stop();
    if (!this.appDir) return;
    for (const made of ['.next', '.provider-data']) rmSync(path.join(this.appDir, made), { recursive: true, force: true });
  }

  private start(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): StartedProcess {
    const started = startProcess(name, command, args, { cwd, env });
    this.processes.push(started);
    return started;
  }

  private async timed<T>(phase: string, run: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    const result = await run();
    this.seconds[phase] = Math.round((performance.now() - startedAt) / 100) / 10;
    return result;
  }
}
