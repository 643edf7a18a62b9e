/**
 * backchannel, in-process: what one reader's check against the back-channel logout store costs,
 * timed call by call under Node (tsx) with the product's code: `revocationState` for a session,
 * as `getSession`, `/api/logto/user` and a Node middleware call it.
 * - `memory`: the default store; the per-process cache answers after the first read;
 * - `redisCached`: Redis (`BENCH_REDIS_URL`) with the 5 s cache: the steady state of a page view;
 * - `redisRead`: Redis with the cache off (`LOGTO_SESSION_STORE_CACHE_SECONDS=0`): one MGET round trip.
 *
 *   BENCH_REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/revocation-check-us.ts
 *
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { parseConfig } from '@/lib/config';
import { createRevocationStoreOf, revocationState } from '@/lib/auth/revocation/store-access';
import type { SessionData } from '@/lib/auth/cookies/session-data';
import { median, percentile } from './fixtures';

const ITERATIONS = Number(process.env.BENCH_CHECK_ITERATIONS || 5000);
const WARMUP = 500;

const configFor = (store: string, cacheSeconds: number) =>
  parseConfig({
    LOGTO_ENDPOINT: 'http://127.0.0.1:9',
    LOGTO_APP_ID: `bench-${store.split(':')[0]}-${cacheSeconds}`,
    LOGTO_APP_SECRET: 'bench-secret',
    LOGTO_COOKIE_SECRET: 'bench-cookie-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    LOGTO_BASE_URL: 'http://127.0.0.1:3000',
    LOGTO_SESSION_STORE: store,
    LOGTO_SESSION_STORE_CACHE_SECONDS: String(cacheSeconds),
  });

const session = {
  v: 1,
  claims: { sub: 'bench-user', exp: Math.floor(Date.now() / 1000) + 3600, iat: 0, iss: 'bench', aud: 'bench', sid: 'bench-sid' },
  tokens: {},
  signedInAt: Math.floor(Date.now() / 1000) - 60,
  sid: 'bench-sid',
} as unknown as SessionData;

async function time(store: string, cacheSeconds: number) {
  const config = configFor(store, cacheSeconds);
  const storeOf = createRevocationStoreOf();
  const samples: number[] = [];
  for (let index = 0; index < WARMUP + ITERATIONS; index += 1) {
    const started = performance.now();
    const state = await revocationState(storeOf(config), session);
    const elapsed = (performance.now() - started) * 1000;
    if (state !== 'active') throw new Error(`${store}: the store answered ${state}`);
    if (index >= WARMUP) samples.push(elapsed);
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  return { medianUs: round(median(samples)), p95Us: round(percentile(samples, 95)) };
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = { iterations: ITERATIONS, memory: await time('memory', 5) };
  const redis = process.env.BENCH_REDIS_URL;
  if (redis) {
    result.redisCached = await time(redis, 5);
    result.redisRead = await time(redis, 0);
  }
  console.log(JSON.stringify(result));
  process.exit(0); // the Redis connection would keep the process alive
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
