/**
 * For the uncached overhead: the same session re-sealed BENCH_DISTINCT_COUNT times. Each seal has
 * its own random salts and IV, so every `Cookie` header is different, valid and carries the same
 * session: cycled through more headers than the verified-seal cache holds, every request is a
 * first sight (a full iron unseal in the middleware and again in the render).
 *
 *   BENCH_COOKIE_SECRET=… BENCH_SESSION_COOKIE='logto_session=…' BENCH_DISTINCT_COUNT=1000 \
 *     node --import tsx bench/distinct-cookies.ts      → a JSON array of Cookie headers on stdout
 */
import { readSessionCookie } from '@/lib/auth/cookies/session-cookie';
import { MAX_VERIFIED_SEALS } from '@/lib/auth/cookies/seal';
import { sealSession } from './fixtures';

async function main(): Promise<void> {
  const secret = process.env.BENCH_COOKIE_SECRET;
  const header = process.env.BENCH_SESSION_COOKIE;
  if (!secret || !header) throw new Error('BENCH_COOKIE_SECRET and BENCH_SESSION_COOKIE are required');
  const count = Math.max(Number(process.env.BENCH_DISTINCT_COUNT || 0), 2 * MAX_VERIFIED_SEALS);
  const cookies = new Map(
    header.split('; ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const),
  );
  const reader = {
    get: (name: string) => (cookies.has(name) ? { value: cookies.get(name)! } : undefined),
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
  };
  const settings = { secrets: [secret], secure: false };
  const read = await readSessionCookie(reader, settings);
  if (read.status !== 'valid') throw new Error(`the session cookie given does not unseal (${read.status})`);
  const headers = new Set<string>();
  while (headers.size < count) headers.add((await sealSession(read.session, settings)).cookieHeader);
  process.stdout.write(`${JSON.stringify([...headers])}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
