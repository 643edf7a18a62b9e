/**
 * middleware-us: the cost of the app's own middleware (`middleware.ts`, i.e.
 * `createLogtoMiddleware` with the dashboard's `tokensFor`) per request, in-process under Node:
 * a `NextRequest` carrying a valid sealed session with fresh tokens, so the middleware unseals,
 * checks and lets the request through, with no network. Requests are built outside the timed
 * region; each call is timed alone (no concurrency).
 *
 *   BENCH_MW_ITERATIONS=2000 BENCH_MW_WARMUP=300 node --import tsx bench/middleware-us.ts
 *
 * Each case is measured twice: `repeat`, the same cookie again (the steady state of a user
 * browsing: the verified-seal cache answers), and `first`, a cookie this process has not seen (a
 * new seal of the same session on every call, made before the timed region by this bench
 * process, whose salts the middleware has met once: a user's cookie written by another instance).
 * For the demo user's session also `firstNewSalts`: every cookie sealed by iron-session with salts
 * of its own, so every call derives its keys (the worst case). `unseal` times the unseal alone.
 *
 * Prints one JSON line. Any call to Logto, any Set-Cookie or any non-pass-through answer aborts.
 */
import { performance } from 'node:perf_hooks';
import { NextRequest } from 'next/server';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { setLogtoFetchForTests } from '@/lib/auth/logto-client';
import { sealData } from 'iron-session';
import { unseal } from '@/lib/auth/cookies/seal';
import { splitIntoChunks } from '@/lib/auth/cookies/chunks';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '@/lib/auth/cookies/session-cookie';
import { toStoredSession } from '@/lib/auth/cookies/stored-session';
import type { SessionData } from '@/lib/auth/cookies/session-data';
import { median, MIDDLEWARE_APP_ORIGIN, MIDDLEWARE_ENV, percentile, sealSession, sessionWith } from './fixtures';

const APP_ORIGIN = MIDDLEWARE_APP_ORIGIN;

function configure(): void {
  Object.assign(process.env, MIDDLEWARE_ENV);
  resetConfigForTests();
}

let networkCalls = 0;

const summarize = (samples: number[]) => ({
  medianUs: round(median(samples)),
  p95Us: round(percentile(samples, 95)),
  p99Us: round(percentile(samples, 99)),
  meanUs: round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
});
const round = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  configure();
  setLogtoFetchForTests(async () => {
    networkCalls += 1;
    throw new Error('middleware-us: no network call expected while tokens are fresh');
  });
  // The app's middleware module, with the dashboard's tokensFor, as Next runs it.
  const { middleware } = await import('@/middleware');
  const iterations = Number(process.env.BENCH_MW_ITERATIONS || 2000);
  const warmup = Number(process.env.BENCH_MW_WARMUP || 300);
  const config = getConfig();
  const settings = { secrets: config.cookieSecrets, secure: false };
  const now = Math.floor(Date.now() / 1000);

  const cases = [
    { label: 'just signed in (0 cached tokens)', path: '/protected', resources: 0, organizations: 0 },
    { label: '2 API + 2 organization tokens (demo user after every page)', path: '/protected', resources: 2, organizations: 2 },
    { label: '3 API + 3 organization tokens', path: '/protected', resources: 3, organizations: 3 },
    { label: '2+2 tokens, on /protected/resources (checks 2 resource tokens)', path: '/protected/resources', resources: 2, organizations: 2 },
  ];

  /**
   * The session sealed the way iron-session seals by default (fresh salts every time): a cookie
   * from an instance this process has never read from, so its keys must be derived (the worst case).
   */
  const sealedWithNewSalts = async (session: SessionData, id: string): Promise<string> => {
    const sealed = await sealData(toStoredSession(session), { password: { [id]: settings.secrets[0]! }, ttl: SESSION_TTL_SECONDS });
    return splitIntoChunks(SESSION_COOKIE, sealed)
      .map((chunk) => `${chunk.name}=${chunk.value}`)
      .join('; ');
  };

  const results = [];
  for (const [caseIndex, testCase] of cases.entries()) {
    const session = await sessionWith(testCase.resources, testCase.organizations, now);
    const { cookieHeader } = await sealSession(session, settings);
    const makeRequest = () => new NextRequest(new URL(testCase.path, APP_ORIGIN), { headers: { cookie: cookieHeader } });

    // A first sight is a cookie this process has not seen: the same session sealed again (a new
    // IV, so different bytes), by this bench process, whose salts the middleware learns once.
    const distinctHeaders = async (count: number, make: () => Promise<string>) => {
      const headers: string[] = [];
      for (let i = 0; i < count; i += 1) headers.push(await make());
      return headers;
    };
    const requestWith = (header: string) => new NextRequest(new URL(testCase.path, APP_ORIGIN), { headers: { cookie: header } });

    const time = async (headers?: readonly string[]) => {
      const samples: number[] = [];
      for (let i = 0; i < warmup + iterations; i += 1) {
        const request = headers ? requestWith(headers[i]!) : makeRequest();
        const start = performance.now();
        const response = await middleware(request);
        const elapsed = (performance.now() - start) * 1000;
        if (response.headers.get('x-middleware-next') !== '1' || response.headers.getSetCookie().length > 0) {
          throw new Error(`middleware did not pass ${testCase.path} through untouched (status ${response.status})`);
        }
        if (i >= warmup) samples.push(elapsed);
      }
      return summarize(samples);
    };
    const repeat = await time();
    const first = await time(await distinctHeaders(warmup + iterations, async () => (await sealSession(session, settings)).cookieHeader));
    // The worst case, for the demo user's session only: every cookie with salts never seen.
    const passwordId = /Fe26\.2\*(\w+)\*/.exec(cookieHeader)![1]!;
    const firstNewSalts =
      caseIndex === 1 ? await time(await distinctHeaders(warmup + iterations, () => sealedWithNewSalts(session, passwordId))) : undefined;

    // iron's unseal alone, on the joined cookie value: what a first sight pays for.
    const sealed = cookieHeader
      .split('; ')
      .map((pair) => pair.slice(pair.indexOf('=') + 1))
      .join('');
    const unsealSamples: number[] = [];
    for (let i = 0; i < warmup + iterations; i += 1) {
      const start = performance.now();
      const data = await unseal(sealed, settings.secrets, SESSION_TTL_SECONDS);
      const elapsed = (performance.now() - start) * 1000;
      if (!data) throw new Error('session did not unseal');
      if (i >= warmup) unsealSamples.push(elapsed);
    }
    results.push({
      ...testCase,
      cookieHeaderBytes: Buffer.byteLength(cookieHeader),
      repeat,
      first,
      ...(firstNewSalts ? { firstNewSalts } : {}),
      unseal: summarize(unsealSamples),
    });
  }
  if (networkCalls > 0) throw new Error(`${networkCalls} network calls were attempted`);
  process.stdout.write(`${JSON.stringify({ iterations, warmup, runtime: `node ${process.version} (in-process)`, cases: results })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
