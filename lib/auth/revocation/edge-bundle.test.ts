import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The middleware reaches this store, so its Edge bundle must not hold ioredis (Node's `net`,
 * `tls`). Next.js replaces `process.env.NEXT_RUNTIME` at build time and drops the dead branch;
 * esbuild does the same with `define`, so bundling the store for each runtime shows which
 * packages each bundle would pull in.
 */
async function packagesBundledFor(runtime: 'edge' | 'nodejs'): Promise<string[]> {
  const packages = new Set<string>();
  await build({
    entryPoints: [fileURLToPath(new URL('./revocation-store.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    define: { 'process.env.NEXT_RUNTIME': JSON.stringify(runtime) },
    plugins: [
      {
        name: 'record-packages',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) => {
            packages.add(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return [...packages].sort();
}

describe('the revocation store in an Edge bundle', () => {
  it('holds neither the Redis driver nor ioredis, nor any node: module', async () => {
    const edge = await packagesBundledFor('edge');
    expect(edge).toContain('unstorage/drivers/upstash');
    expect(edge).not.toContain('unstorage/drivers/redis');
    expect(edge).not.toContain('ioredis');
    expect(edge.filter((name) => name.startsWith('node:'))).toEqual([]);
  });

  it('is what the Node.js bundle does hold (the check can see the driver)', async () => {
    expect(await packagesBundledFor('nodejs')).toContain('unstorage/drivers/redis');
  });
});
