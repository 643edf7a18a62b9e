import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The published package (`next-logto`): what `npm pack` puts in the tarball, the entry points of
 * lib/package.json, and the import specifiers that make the emitted ESM resolve without a bundler.
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lib = join(root, 'lib');

/**
 * The packed tarball stays under this many bytes: measured 105.0 kB with the client entry, 134.0 kB
 * with back-channel logout (the revocation store) and the iron seal with kept keys; + ~12 %.
 */
const MAX_PACKED_BYTES = 150_000;

interface PackResult {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

type ExportTarget = { types: string; import: string; default: string };

const manifest = JSON.parse(readFileSync(join(lib, 'package.json'), 'utf8')) as {
  name: string;
  type: string;
  exports: Record<string, ExportTarget | string>;
  peerDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

/** Runs `npm pack --dry-run` (which builds lib/dist through `prepack`) and returns its report. */
function dryRunPack(): PackResult {
  const out = execFileSync('npm', ['pack', '-w', 'lib', '--dry-run', '--json', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Build output may precede the JSON report.
  const [result] = JSON.parse(out.slice(out.indexOf('['))) as PackResult[];
  if (!result) throw new Error('npm pack printed no report');
  return result;
}

describe('the npm package', () => {
  const pack = dryRunPack();
  const paths = pack.files.map((file) => file.path);

  it('is next-logto, ESM, with the three entry points', () => {
    expect(pack.name).toBe('next-logto');
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.exports).sort()).toEqual(['.', './client', './oidc', './package.json']);
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['next', 'react']);
    // The Redis and Upstash clients are dependencies, not optional peers: a bundler must never fail on a
    // driver an app does not use (they are imported only when LOGTO_SESSION_STORE names them).
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@upstash/redis', 'ioredis', 'iron-session', 'jose', 'unstorage']);
  });

  it('packs every file the entry points name', () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      for (const file of [target.types, target.import, target.default]) {
        expect(paths, `${entry}: ${file}`).toContain(file.replace(/^\.\//, ''));
      }
    }
  });

  it('packs no tests, fixtures, test utilities, source maps or sources', () => {
    const unwanted = paths.filter(
      (path) =>
        /\.test(-d)?\.|(^|\/)(test-utils|fixtures?|__fixtures__)\/|\.map$|\.tsbuildinfo$/.test(path) ||
        (/\.tsx?$/.test(path) && !path.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
    expect(paths.every((path) => path.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE'].includes(path))).toBe(true);
  });

  it(`stays under ${MAX_PACKED_BYTES} bytes packed`, () => {
    expect(pack.size).toBeLessThan(MAX_PACKED_BYTES);
  });
});

/** Every non-test source file of the package. */
function librarySources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ['test-utils', 'dist', 'node_modules'].includes(name) ? [] : librarySources(path);
    return /\.tsx?$/.test(name) && !/\.test(-d)?\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The specifiers of `source` that would not resolve as emitted ESM in Node. */
function unresolvableSpecifiers(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"\n]+)['"]/g)].map((match) => match[1] ?? '');
  return specifiers.filter(
    (specifier) =>
      specifier.startsWith('@/') ||
      (specifier.startsWith('.') && !specifier.endsWith('.js')) ||
      // Next's bundlers map the bare names (`next/navigation` to its ESM build, per layer); the
      // `.js` file is the CommonJS one and breaks route modules under Turbopack.
      /^next\/.+\.js$/.test(specifier),
  );
}

describe('the emitted ESM', () => {
  it('names every relative import by its .js file, and never the `@/` alias', () => {
    const offending = [join(lib, 'auth'), join(lib, 'logto')]
      .flatMap(librarySources)
      .concat([join(lib, 'config.ts'), join(lib, 'safe-redirect.ts')])
      .flatMap((path) => unresolvableSpecifiers(readFileSync(path, 'utf8')).map((specifier) => `${relative(root, path)}: ${specifier}`));
    expect(offending).toEqual([]);
  });

  it('detects what it is meant to detect', () => {
    expect(
      unresolvableSpecifiers(
        [
          "import { a } from './a.js';",
          "import { b } from './b';",
          "export { c } from '../c/index';",
          "import type { D } from '@/lib/d';",
          "const e = await import('./e');",
          "import { NextResponse } from 'next/server';",
          "import { redirect } from 'next/navigation.js';",
          "import { jwtVerify } from 'jose/jwt/verify';",
        ].join('\n'),
      ),
    ).toEqual(['./b', '../c/index', '@/lib/d', './e', 'next/navigation.js']);
  });

  it('imports `next-logto/oidc` by package name in plain Node (no bundler, no path alias)', () => {
    // Runs after `npm pack` above has built lib/dist; node_modules/next-logto is the workspace link.
    // (`next-logto` itself imports `next/server`, which only Next's bundlers resolve.)
    const script = "console.log(Object.keys(await import('next-logto/oidc')).length);";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(Number(out)).toBeGreaterThan(20);
  });
});
