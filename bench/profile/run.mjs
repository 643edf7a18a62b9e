// `npm run bench:profile`: a CPU profile of `next start` under the uncached load (a cookie the
// process has not seen on every request), to see where a first sight of a session goes. Starts
// the provider and `next start --cpu-prof` on free ports, signs the demo user in, visits the
// dashboard (2 API + 2 organization tokens), re-seals that session BENCH_DISTINCT_COUNT ways, loads
// /protected with them round-robin, stops the app (which writes the profile) and summarises it.
//
//   BENCH_SKIP_BUILD=1 BENCH_PROFILE_SECONDS=20 node bench/profile/run.mjs
//
// Profiles land in bench/.tmp/profiles/ (Chrome DevTools format: open them in DevTools'
// Performance panel or read the printed summary; bench/profile/summarize.mjs reads them again).
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { COOKIE_SECRET } from '../lib/demo.mjs';
import { signIn } from '../lib/http.mjs';
import { runInProcess } from '../lib/in-process.mjs';
import { load } from '../lib/load.mjs';
import { log } from '../lib/log.mjs';
import { visitDashboard } from '../lib/pages.mjs';
import { freePort, stopAll, stopProcess } from '../lib/processes.mjs';
import { build, startApp, startProvider } from '../lib/servers.mjs';
import { LOGS, settings, TMP } from '../lib/settings.mjs';
import { USER } from '../lib/demo.mjs';
import { inclusive, summarize } from './summarize.mjs';

const PROFILES = path.join(TMP, 'profiles');
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS || 20);
const CACHED = process.env.BENCH_PROFILE_CACHED === '1';
/** Functions whose inclusive time is reported: the session's path through middleware and render. */
const STEPS = (process.env.BENCH_PROFILE_STEPS ||
  'logtoMiddleware,readSessionCookie,unsealCached,unseal,unsealData,revocationState,forwardedCookieHeader,ensureTokens,renderToReadableStream,renderToHTMLOrFlight').split(',');

async function main() {
  mkdirSync(LOGS, { recursive: true });
  rmSync(PROFILES, { recursive: true, force: true });
  mkdirSync(PROFILES, { recursive: true });
  await build(settings);
  const [providerPort, appPort] = [await freePort(), await freePort()];
  const providerUrl = `http://127.0.0.1:${providerPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  try {
    await startProvider({ port: providerPort, url: providerUrl, appOrigin: appUrl });
    const app = await startApp({
      name: 'app-profiled',
      port: appPort,
      url: appUrl,
      providerUrl,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, '--cpu-prof-interval=100'],
    });
    const { jar } = await signIn({ appUrl, providerUrl, username: USER.username, password: USER.password });
    await visitDashboard(appUrl, jar);
    const cookie = jar.header(`${appUrl}/protected`);
    const cookies = CACHED
      ? [cookie]
      : await runInProcess('distinct-cookies', { env: { BENCH_COOKIE_SECRET: COOKIE_SECRET, BENCH_SESSION_COOKIE: cookie, BENCH_DISTINCT_COUNT: '1000' } });
    log(`profile: warm-up 10 s, then ${SECONDS} s of /protected with ${cookies.length} distinct cookie(s)`);
    await load({ url: `${appUrl}/protected`, seconds: 10, connections: settings.connections, rotateCookies: cookies });
    const run = await load({ url: `${appUrl}/protected`, seconds: SECONDS, connections: settings.connections, rotateCookies: cookies });
    log(`profile: ${run.rps} req/s, ${run.non2xx} non-2xx`);
    await stopProcess(app, 15_000);
    const files = readdirSync(PROFILES).filter((file) => file.endsWith('.cpuprofile'));
    for (const file of files) {
      const profile = JSON.parse(readFileSync(path.join(PROFILES, file), 'utf8'));
      const summary = summarize(profile, 25);
      if (summary.totalMs < 1000) continue; // a helper process that did nothing
      const requests = run.requests || run.ok2xx;
      console.log(`\n== ${file}: ${summary.totalMs} ms sampled, ${requests} requests measured (+ warm-up)`);
      for (const row of summary.byOrigin) console.log(`${String(row.ms).padStart(9)} ms ${String(row.percent).padStart(5)} %  ${row.name}`);
      console.log('--- inclusive, per step');
      for (const [step, ms] of Object.entries(inclusive(profile, STEPS))) console.log(`${String(ms).padStart(9)} ms  ${step}`);
      console.log('--- top functions (self)');
      for (const row of summary.byFunction.slice(0, 25)) console.log(`${String(row.ms).padStart(9)} ms ${String(row.percent).padStart(5)} %  ${row.name}`);
    }
  } finally {
    await stopAll();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
