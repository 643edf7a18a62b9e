// middleware-us: what the middleware costs per request, timed in-process: under Node by
// bench/middleware-us.ts, and the built middleware in Next's Edge sandbox by
// bench/middleware-edge-us.ts (where the demo's middleware.ts really runs).
import { runInProcess } from '../lib/in-process.mjs';
import { log } from '../lib/log.mjs';
import { settings } from '../lib/settings.mjs';

export async function middlewareUs() {
  log('middleware-us …');
  const env = { BENCH_MW_ITERATIONS: String(settings.mwIterations), BENCH_MW_WARMUP: String(settings.mwWarmup) };
  const node = await runInProcess('middleware-us', { env, timeoutMs: 240_000 });
  log('middleware-us, Edge sandbox …');
  const edge = await runInProcess('middleware-edge-us', { env, timeoutMs: 300_000 });
  const demo = node.cases.find((c) => c.resources === 2 && c.path === '/protected');
  // The render reads the session again (on Node): what that second read costs next to the first,
  // the middleware's, in the Edge sandbox (what a first sight adds there).
  const secondReadShare =
    demo && !edge.skipped && edge.firstSightAddsUs > 0 ? Math.round((demo.unseal.medianUs / edge.firstSightAddsUs) * 1000) / 1000 : undefined;
  return { ...node, edge, secondReadShare };
}
