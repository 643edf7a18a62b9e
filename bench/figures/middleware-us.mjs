// middleware-us: what the middleware costs per request, timed in-process by bench/middleware-us.ts.
import { runInProcess } from '../lib/in-process.mjs';
import { log } from '../lib/log.mjs';
import { settings } from '../lib/settings.mjs';

export function middlewareUs() {
  log('middleware-us …');
  return runInProcess('middleware-us', {
    env: { BENCH_MW_ITERATIONS: String(settings.mwIterations), BENCH_MW_WARMUP: String(settings.mwWarmup) },
    timeoutMs: 240_000,
  });
}
