import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../mode';
import { runToCompletion, startProcess } from './processes';
import type { AdoptionVariant } from './variants';

/**
 * Outside the repository, so the app resolves only what `npm install` put in its own
 * `node_modules` (never the repository's, never its `@/` alias). Kept between runs: each
 * variant's `node_modules` is reused, so a run reinstalls only the fresh tarball.
 */
export const CACHE_ROOT = path.join(os.tmpdir(), 'next-logto-adoption');
const FIXTURE = path.join(ROOT, 'e2e/adoption/fixture');
/** What an app made by create-next-app has besides next, react and react-dom. */
const TOOLING = ['typescript', '@types/node', '@types/react', '@types/react-dom'] as const;
/** Kept from one run to the next in an app folder; everything else is laid anew from the fixture. */
const KEPT = new Set(['node_modules', 'package-lock.json']);

/** The inherited environment without npm's own variables (`npm test` sets its prefix and workspace there). */
export function npmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env };
  for (const name of Object.keys(clean)) if (/^(npm_|INIT_CWD$)/i.test(name)) delete clean[name];
  return clean;
}

async function npm(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  await runToCompletion(startProcess(name, 'npm', args, { cwd, env: npmEnv(env) }));
}

const rootVersion = (pkg: string) => (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

let packed: Promise<string> | undefined;

/** `npm pack -w lib` into a folder of this run, once per worker: the tarball's path. */
export function packOnce(env: NodeJS.ProcessEnv): Promise<string> {
  packed ??= (async () => {
    mkdirSync(CACHE_ROOT, { recursive: true });
    for (const old of readdirSync(CACHE_ROOT).filter((entry) => entry.startsWith('pack-'))) rmSync(path.join(CACHE_ROOT, old), { recursive: true, force: true });
    // A new folder per run: npm then sees a new `file:` dependency and always reinstalls it.
    const destination = path.join(CACHE_ROOT, `pack-${Date.now()}`);
    mkdirSync(destination);
    await npm('npm pack', ['pack', '-w', 'lib', '--pack-destination', destination, '--loglevel=error'], ROOT, env);
    const tarballs = readdirSync(destination).filter((entry) => entry.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}`);
    return path.join(destination, tarballs[0]!);
  })();
  return packed;
}

/**
 * Lays the fixture anew in the variant's folder and runs `npm install <tarball> next@… react
 * react-dom` plus the TypeScript tooling, as an adopter of a fresh create-next-app does. Returns
 * the app folder. Nothing is copied from `lib/`.
 */
export async function installApp(variant: AdoptionVariant, tarball: string, env: NodeJS.ProcessEnv): Promise<string> {
  const appDir = path.join(CACHE_ROOT, variant.name);
  mkdirSync(appDir, { recursive: true });
  for (const entry of readdirSync(appDir).filter((name) => !KEPT.has(name))) rmSync(path.join(appDir, entry), { recursive: true, force: true });
  cpSync(FIXTURE, appDir, { recursive: true });
  if (variant.entryFile === 'middleware.ts') {
    cpSync(path.join(appDir, 'proxy.ts'), path.join(appDir, 'middleware.ts'));
    rmSync(path.join(appDir, 'proxy.ts'));
  }
  const react = rootVersion('react');
  const packages = [
    tarball,
    `next@${variant.next}`,
    `react@${react}`,
    `react-dom@${react}`,
    ...TOOLING.map((pkg) => `${pkg}@${rootVersion(pkg)}`),
  ];
  await npm('npm install', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packages], appDir, env);
  return appDir;
}
