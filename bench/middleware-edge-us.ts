/**
 * middleware-us, Edge: the app's built middleware (`.next`, the demo's `middleware.ts` on the Edge
 * runtime) run in Next's own Edge sandbox, through the function `next start` calls for every
 * request (`next/dist/server/web/sandbox`'s `run`), without HTTP. This is where the demo's
 * middleware really runs; `middleware-us.ts` times the same code under plain Node, where it uses
 * Node's crypto and none of the sandbox's wrappers.
 *
 *   BENCH_MW_ITERATIONS=2000 BENCH_MW_WARMUP=300 node --import tsx bench/middleware-edge-us.ts
 *
 * Three sides, in rotating rounds:
 * - `floor`: `/bench/middleware-floor`, which the middleware passes on at once: the sandbox's own
 *   cost per request (request and response objects, header copies);
 * - `repeat`: `/protected` with the demo user's session (2 API + 2 organization tokens), the same
 *   cookie every time (the verified-seal cache answers);
 * - `first`: the same session sealed anew for every call, by this process (another instance,
 *   whose salts the middleware learns once): a first sight.
 * Each side is timed call by call (`sequential`: one call at a time, the median of its calls) and
 * under load (`concurrent`: 8 calls in flight, like overhead's 8 connections; wall time and
 * process CPU time per call, which includes WebCrypto's thread-pool work).
 *
 * Uses Next's internals (the sandbox module is not a public API): when they cannot be loaded, it
 * prints `{ skipped: <why> }` instead of failing the bench. Prints one JSON line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, MIDDLEWARE_APP_ORIGIN, MIDDLEWARE_ENV, percentile, sealSession, sessionWith } from './fixtures';

const DIST_DIR = path.resolve('.next');
const CONCURRENCY = 8;

type Side = 'floor' | 'repeat' | 'first';
type Call = (pathname: string, cookie?: string) => Promise<Response>;

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The built middleware, callable as `next start` calls it; or why it cannot be. */
async function loadMiddleware(): Promise<Call | string> {
  const manifestFile = path.join(DIST_DIR, 'server', 'middleware-manifest.json');
  if (!existsSync(manifestFile)) return `no build (${path.relative(process.cwd(), manifestFile)} missing)`;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    middleware: Record<string, { name: string; files: string[]; env: Record<string, string> }>;
  };
  const info = manifest.middleware['/'];
  if (!info) return 'the build has no Edge middleware (a Node middleware or proxy.ts?)';
  try {
    // What next-server sets up before it runs middleware (AsyncLocalStorage on globalThis).
    await import('next/dist/server/node-environment');
    const { run } = await import('next/dist/server/web/sandbox');
    const paths = info.files.map((file) => path.join(DIST_DIR, file));
    const edgeFunctionEntry = { ...info, paths, wasm: [], assets: [] };
    return async (pathname, cookie) => {
      const result = await run({
        distDir: DIST_DIR,
        name: info.name,
        paths,
        edgeFunctionEntry,
        request: {
          headers: { host: new URL(MIDDLEWARE_APP_ORIGIN).host, ...(cookie ? { cookie } : {}) },
          method: 'GET',
          nextConfig: { basePath: '', trailingSlash: false },
          url: `${MIDDLEWARE_APP_ORIGIN}${pathname}`,
          page: {},
          body: undefined,
          signal: new AbortController().signal,
        },
        useCache: true,
        clientAssetToken: '',
      });
      return result.response;
    };
  } catch (error) {
    return `Next's Edge sandbox could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function checkPassedThrough(side: Side, response: Response): void {
  if (response.headers.get('x-middleware-next') !== '1' || response.headers.getSetCookie().length > 0) {
    throw new Error(`middleware-edge-us: ${side} was not passed through untouched (status ${response.status}, location ${response.headers.get('location')})`);
  }
}

async function main(): Promise<void> {
  Object.assign(process.env, { ...MIDDLEWARE_ENV, NODE_ENV: 'production' });
  const call = await loadMiddleware();
  if (typeof call === 'string') {
    process.stdout.write(`${JSON.stringify({ skipped: call })}\n`);
    return;
  }
  const iterations = Number(process.env.BENCH_MW_ITERATIONS || 2000);
  const warmup = Number(process.env.BENCH_MW_WARMUP || 300);
  const rounds = Number(process.env.BENCH_MW_EDGE_ROUNDS || 3);
  const settings = { secrets: [MIDDLEWARE_ENV.LOGTO_COOKIE_SECRET], secure: false };
  const session = await sessionWith(2, 2, Math.floor(Date.now() / 1000));
  const { cookieHeader } = await sealSession(session, settings);

  // Cookies for the first sights, sealed before anything is timed: enough for every call of every round.
  const perRound = 2 * (warmup + iterations);
  const fresh: string[] = [];
  for (let i = 0; i < rounds * perRound; i += 1) fresh.push((await sealSession(session, settings)).cookieHeader);
  let nextFresh = 0;

  const request = (side: Side) =>
    side === 'floor'
      ? call('/bench/middleware-floor')
      : call('/protected', side === 'repeat' ? cookieHeader : fresh[nextFresh++]);

  const sequential = async (side: Side) => {
    const samples: number[] = [];
    for (let i = 0; i < warmup + iterations; i += 1) {
      const start = performance.now();
      const response = await request(side);
      const elapsed = (performance.now() - start) * 1000;
      checkPassedThrough(side, response);
      if (i >= warmup) samples.push(elapsed);
    }
    return { medianUs: median(samples), p95Us: percentile(samples, 95) };
  };

  const concurrent = async (side: Side) => {
    let started = 0;
    const worker = async () => {
      while (started < warmup) {
        started += 1;
        checkPassedThrough(side, await request(side));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    let remaining = iterations;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const timed = async () => {
      while (remaining > 0) {
        remaining -= 1;
        checkPassedThrough(side, await request(side));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, timed));
    const wallUs = ((performance.now() - wallBefore) * 1000) / iterations;
    const cpu = process.cpuUsage(cpuBefore);
    return { wallUsPerCall: wallUs, cpuUsPerCall: (cpu.user + cpu.system) / iterations };
  };

  const sides: Side[] = ['floor', 'repeat', 'first'];
  const byRound: Record<Side, { sequential: { medianUs: number; p95Us: number }; concurrent: { wallUsPerCall: number; cpuUsPerCall: number } }[]> = {
    floor: [],
    repeat: [],
    first: [],
  };
  for (let round = 0; round < rounds; round += 1) {
    // Rotating order (A B C, B C A, C A B), as overhead does, so no side always runs first.
    for (let index = 0; index < sides.length; index += 1) {
      const side = sides[(index + round) % sides.length]!;
      byRound[side].push({ sequential: await sequential(side), concurrent: await concurrent(side) });
    }
  }
  const summary = (side: Side) => {
    const runs = byRound[side];
    return {
      medianUs: round1(median(runs.map((run) => run.sequential.medianUs))),
      p95Us: round1(median(runs.map((run) => run.sequential.p95Us))),
      concurrentWallUsPerCall: round1(median(runs.map((run) => run.concurrent.wallUsPerCall))),
      concurrentCpuUsPerCall: round1(median(runs.map((run) => run.concurrent.cpuUsPerCall))),
      roundMediansUs: runs.map((run) => round1(run.sequential.medianUs)),
    };
  };
  const [floor, repeat, first] = [summary('floor'), summary('repeat'), summary('first')];
  process.stdout.write(
    `${JSON.stringify({
      iterations,
      warmup,
      rounds,
      concurrency: CONCURRENCY,
      runtime: `Next's Edge sandbox (edge-runtime) in node ${process.version}`,
      cookieHeaderBytes: Buffer.byteLength(cookieHeader),
      floor,
      repeat,
      first,
      // What a first sight adds to a repeat, and what the session adds to the sandbox's floor.
      firstSightAddsUs: round1(first.medianUs - repeat.medianUs),
      firstSightAddsConcurrentCpuUs: round1(first.concurrentCpuUsPerCall - repeat.concurrentCpuUsPerCall),
      repeatAddsUs: round1(repeat.medianUs - floor.medianUs),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
