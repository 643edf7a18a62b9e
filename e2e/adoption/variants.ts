import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../mode';

/**
 * One way an adopter runs the package: a `next` version and the file that runs
 * `logto.middleware`. The fixture ships `proxy.ts`; a variant on a Next without the proxy
 * convention serves that same file as `middleware.ts`.
 */
export interface AdoptionVariant {
  /** For test titles and folder names. */
  readonly name: string;
  readonly next: string;
  /** `proxy.ts` (Next 16+, Node runtime) or `middleware.ts` (Edge runtime by default). */
  readonly entryFile: 'proxy.ts' | 'middleware.ts';
  /** The runtime Next gives that file: `proxy.ts` always runs on Node, `middleware.ts` on Edge unless it says otherwise. */
  readonly runtime: 'nodejs' | 'edge';
}

interface Manifest {
  version: string;
  peerDependencies?: Record<string, string>;
}

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Manifest;

const parts = (version: string) => version.split('.').map(Number) as [number, number, number];
const compare = (a: string, b: string) => {
  const [x, y] = [parts(a), parts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** The lowest version a peer range such as `^15.5.0 || ^16.0.0` or `>=15.5` admits. */
export function oldestIn(range: string): string {
  const versions = [...range.matchAll(/(\d+)\.(\d+)(?:\.(\d+))?/g)].map(([, major, minor, patch]) => `${major}.${minor}.${patch ?? 0}`);
  const [oldest] = versions.sort(compare);
  if (!oldest) throw new Error(`no version in the range "${range}"`);
  return oldest;
}

/** The first major that has `proxy.ts`: older ones only know `middleware.ts`. */
const PROXY_SINCE_MAJOR = 16;

/**
 * The `next` versions the fixture runs on: the oldest the package declares in `lib/package.json`,
 * and the one this repository's demo runs (Next 16).
 */
export function adoptionVariants(): AdoptionVariant[] {
  const declared = readManifest('lib/package.json').peerDependencies?.next;
  if (!declared) throw new Error('lib/package.json declares no peer dependency on next');
  const oldest = oldestIn(declared);
  const current = readManifest('node_modules/next/package.json').version;
  const variant = (next: string): AdoptionVariant => {
    const entryFile = parts(next)[0] >= PROXY_SINCE_MAJOR ? 'proxy.ts' : 'middleware.ts';
    return { name: `next-${next}-${entryFile.replace('.ts', '')}`, next, entryFile, runtime: entryFile === 'proxy.ts' ? 'nodejs' : 'edge' };
  };
  return oldest === current ? [variant(current)] : [variant(oldest), variant(current)];
}
