// `npm run bench`: builds the app, starts the local provider and `next start` on free loopback
// ports, signs a user in, measures the figures (one module each in bench/figures/, described in
// bench/README.md), prints a table and writes bench/results.json. A benchmark, not a test: it
// reports and never fails on a timing. Settings: bench/lib/settings.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backchannel } from './figures/backchannel.mjs';
import { cookieBytes } from './figures/cookie-bytes.mjs';
import { firstLoadJs } from './figures/first-load-js.mjs';
import { idpCallsSignIn } from './figures/idp-calls-sign-in.mjs';
import { idpCallsSteady } from './figures/idp-calls-steady.mjs';
import { manyOrganizations } from './figures/many-organizations.mjs';
import { middlewareUs } from './figures/middleware-us.mjs';
import { overhead, overheadSides } from './figures/overhead.mjs';
import { refreshStorm } from './figures/refresh-storm.mjs';
import { log } from './lib/log.mjs';
import { loadAverage, machineInfo } from './lib/machine.mjs';
import { visitDashboard } from './lib/pages.mjs';
import { freePort, isPortOpen, killAllSync, stopAll } from './lib/processes.mjs';
import { providerControls } from './lib/provider.mjs';
import { formatTable, summarize } from './lib/report.mjs';
import { build, startApp, startProvider } from './lib/servers.mjs';
import { LOGS, ROOT, settings, wanted } from './lib/settings.mjs';

async function main() {
  mkdirSync(LOGS, { recursive: true });
  const startedAt = new Date();
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}, next ${machine.next}; load average ${machine.loadAverageAtStart.join(' ')}`);
  const figures = {};
  const buildInfo = await build(settings);

  const [providerPort, appPort] = [await freePort(), await freePort()];
  const providerUrl = `http://127.0.0.1:${providerPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const ports = [providerPort, appPort];
  try {
    await startProvider({ port: providerPort, url: providerUrl, appOrigin: appUrl });
    const idp = providerControls(providerUrl);
    await startApp({ name: 'app', port: appPort, url: appUrl, providerUrl });
    log(`provider ${providerUrl}, app ${appUrl}`);

    const signIn = await idpCallsSignIn({ idp, appUrl, providerUrl });
    figures.idpCallsSignIn = signIn.figure;
    const { jar } = signIn;
    const pages = await overheadSides(appUrl, jar); // the three sides render the same claims page
    await visitDashboard(appUrl, jar); // 2 API + 2 organization tokens in the session from here on
    // Before overhead, so that the main app and the two servers this starts have served about as much.
    if (wanted('backchannel')) figures.backchannel = await backchannel({ appUrl, providerUrl, cookie: jar.header(`${appUrl}/protected`), ports });
    if (wanted('overhead')) figures.overhead = await overhead({ appUrl, cookie: jar.header(`${appUrl}/protected`), pages });
    if (wanted('idp-calls-steady')) figures.idpCallsSteady = await idpCallsSteady({ idp, appUrl, jar });
    if (wanted('first-load-js')) figures.firstLoadJs = await firstLoadJs({ appUrl, protectedHtml: pages.auth.html });
    if (wanted('cookie-bytes')) figures.cookieBytes = await cookieBytes({ appUrl, jar });
    if (wanted('refresh-storm')) figures.refreshStorm = await refreshStorm({ idp, appUrl, providerUrl });
  } finally {
    await stopAll();
  }
  const stillOpen = [];
  for (const port of ports) if (await isPortOpen(port)) stillOpen.push(port);
  if (stillOpen.length) log(`WARNING: ports still open after shutdown: ${stillOpen.join(', ')}`);

  // In-process, with the servers stopped so nothing else competes for the CPU.
  if (wanted('middleware-us')) figures.middlewareUs = await middlewareUs();
  if (wanted('many-organizations')) figures.manyOrganizations = await manyOrganizations();

  const summary = summarize(figures);
  const results = {
    generatedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machine, loadAverageAtEnd: loadAverage() },
    settings: { ...settings, out: path.relative(ROOT, settings.out) },
    build: buildInfo,
    summary,
    figures,
  };
  mkdirSync(path.dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(summary)}\n\n`);
  log(`wrote ${path.relative(ROOT, settings.out)} (${results.durationSeconds}s); see bench/README.md for how to read it`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping every process started`);
    stopAll().finally(() => process.exit(130));
  });
}
process.on('exit', killAllSync);

main().catch(async (error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack : error}`);
  await stopAll();
  process.exitCode = 1;
});
