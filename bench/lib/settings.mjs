// Where the benchmark runs and what it was asked to do: the repository root, the scratch
// directories, and the BENCH_* environment (bench/README.md lists every variable).
//
// Environment (all optional; durations in seconds):
//   BENCH_SKIP_BUILD=1          reuse .next (a build of the current sources)
//   BENCH_ROUNDS=5              overhead: rounds over the three sides, cached and again uncached
//   BENCH_ROUND_SECONDS=5       overhead: length of one load run
//   BENCH_WARMUP_SECONDS=30     overhead: warm-up per app (a fresh next start needs ~30 s; a third
//                               of it again before the uncached rounds), not counted
//   BENCH_CONNECTIONS=8         concurrent keep-alive connections of the load generator
//   BENCH_STEADY_SECONDS=4      idp-calls-steady: load per page
//   BENCH_STORM_REQUESTS=50     refresh-storm: concurrent requests
//   BENCH_STORM_TTL=3           refresh-storm: access/ID token lifetime during the storm
//   BENCH_MW_ITERATIONS=2000    middleware-us: timed calls per case (after BENCH_MW_WARMUP=300)
//   BENCH_FIGURES=all           a comma-separated subset, e.g. overhead,middleware-us (iterating)
//   BENCH_OUT=bench/results.json
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TMP = path.join(ROOT, 'bench', '.tmp');
export const LOGS = path.join(TMP, 'logs');

const env = process.env;
const num = (name, fallback) => {
  const value = Number(env[name]);
  return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) ? value : fallback;
};

export const settings = {
  skipBuild: Boolean(env.BENCH_SKIP_BUILD),
  rounds: num('BENCH_ROUNDS', 5),
  roundSeconds: num('BENCH_ROUND_SECONDS', 5),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 30),
  connections: num('BENCH_CONNECTIONS', 8),
  steadySeconds: num('BENCH_STEADY_SECONDS', 4),
  stormRequests: num('BENCH_STORM_REQUESTS', 50),
  stormTtl: num('BENCH_STORM_TTL', 3),
  mwIterations: num('BENCH_MW_ITERATIONS', 2000),
  mwWarmup: num('BENCH_MW_WARMUP', 300),
  figures: env.BENCH_FIGURES ? env.BENCH_FIGURES.split(',').map((name) => name.trim()).filter(Boolean) : [],
  out: path.resolve(ROOT, env.BENCH_OUT || 'bench/results.json'),
};

/** The figures a run measures, by name (`idp-calls-sign-in` always runs: it signs the user in). */
export const FIGURE_NAMES = [
  'idp-calls-sign-in',
  'backchannel',
  'overhead',
  'idp-calls-steady',
  'first-load-js',
  'cookie-bytes',
  'refresh-storm',
  'middleware-us',
  'many-organizations',
];
const unknown = settings.figures.filter((name) => !FIGURE_NAMES.includes(name));
if (unknown.length) throw new Error(`BENCH_FIGURES: unknown ${unknown.join(', ')} (known: ${FIGURE_NAMES.join(', ')})`);

/** Whether this run measures `name` (every figure unless BENCH_FIGURES picks some). */
export const wanted = (name) => settings.figures.length === 0 || settings.figures.includes(name);
