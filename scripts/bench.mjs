// `npm run bench`: builds the app, starts the local provider and `next start` on free loopback
// ports, signs a user in, measures the figures described in bench/README.md, prints a table and
// writes bench/results.json. A benchmark, not a test: it reports and never fails on a timing.
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
//   BENCH_OUT=bench/results.json
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossCheck, firstLoadJs } from '../bench/lib/first-load-js.mjs';
import { browserRequest, CookieJar, signIn } from '../bench/lib/http.mjs';
import { load } from '../bench/lib/load.mjs';
import { freePort, isPortOpen, killAllSync, runNode, startProcess, stopAll } from '../bench/lib/processes.mjs';
import { formatTable, summarize } from '../bench/lib/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, 'bench', '.tmp');
const LOGS = path.join(TMP, 'logs');
const NEXT_BIN = 'node_modules/next/dist/bin/next';

const env = process.env;
const num = (name, fallback) => {
  const value = Number(env[name]);
  return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) ? value : fallback;
};
const settings = {
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
  out: path.resolve(ROOT, env.BENCH_OUT || 'bench/results.json'),
};

const USER = { username: 'olivia', password: 'Demo-Passw0rd', sub: 'olivia000001' };
const RESOURCES = ['https://reports.example.com', 'https://billing.example.com'];
const COOKIE_SECRET = 'bench-cookie-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const APP_ENV = {
  NEXT_TELEMETRY_DISABLED: '1',
  LOGTO_APP_ID: 'logto-next-demo',
  LOGTO_APP_SECRET: 'local-emulator-secret-not-for-production',
  LOGTO_COOKIE_SECRET: COOKIE_SECRET,
  LOGTO_SCOPES:
    'email phone address custom_data identities roles urn:logto:scope:organizations urn:logto:scope:organization_roles read:reports write:reports read:invoices write:invoices read:members write:members read:projects',
  LOGTO_RESOURCES: RESOURCES.join(' '),
};
/** Paths the browser (not the app) sends to the provider during a sign-in. */
const BROWSER_OIDC_PATHS = new Set(['/oidc/auth', '/oidc/auth/:uid']);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const log = (line) => process.stdout.write(`[bench] ${line}\n`);

function machineInfo() {
  const cpus = os.cpus();
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const version = (pkg) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    next: version('next'),
    autocannon: version('autocannon'),
    loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedChanges: Boolean(git(['status', '--porcelain'])),
  };
}

// ---------------------------------------------------------------- provider test controls

function provider(url) {
  const call = async (method, pathname, body) => {
    const response = await fetch(`${url}${pathname}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    stats: () => call('GET', '/__test/stats'),
    resetStats: () => call('POST', '/__test/stats/reset'),
    config: () => call('GET', '/__test/config'),
    setConfig: (patch) => call('POST', '/__test/config', patch),
  };
}

/** Splits provider stats into what the browser requested and what the app did. */
function splitStats(stats, browserOidc) {
  const app = {};
  const browser = {};
  for (const [key, count] of Object.entries(stats.byPath)) {
    const byBrowser = Math.min(count, browserOidc[key] ?? 0);
    if (byBrowser) browser[key] = byBrowser;
    if (count - byBrowser) app[key] = count - byBrowser;
  }
  // Cross-check by path kind: the browser only ever goes to /oidc/auth[/<uid>].
  const unexpected = Object.keys(app).filter((key) => BROWSER_OIDC_PATHS.has(key));
  const total = (counts) => Object.values(counts).reduce((sum, value) => sum + value, 0);
  return { app, appTotal: total(app), browser, browserTotal: total(browser), unexpected };
}

// ---------------------------------------------------------------- figures

async function measureSignIn(idp, appUrl, providerUrl, label) {
  await idp.resetStats();
  const started = performance.now();
  const result = await signIn({ appUrl, providerUrl, username: USER.username, password: USER.password, returnTo: '/protected' });
  const elapsedMs = Math.round(performance.now() - started);
  const split = splitStats(await idp.stats(), result.browserOidc);
  log(`sign-in (${label}): app→provider ${JSON.stringify(split.app)}, browser→provider ${JSON.stringify(split.browser)}`);
  return { result, figure: { label, elapsedMs, appOriginated: split.app, appTotal: split.appTotal, browserOriginated: split.browser, browserTotal: split.browserTotal, steps: result.trail } };
}

async function checkPage(url, jar, { expectText }) {
  const { response, text } = await browserRequest(jar ?? new CookieJar(), url);
  if (response.status !== 200 || !text.includes(expectText)) {
    throw new Error(`${url} answered ${response.status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''} without "${expectText}"`);
  }
  return { status: response.status, htmlBytes: Buffer.byteLength(text), html: text };
}

/**
 * Loads each variant in rotating order (A B C, B C A, C A B, …) after warming each up, and
 * reports each one's median requests/s over the rounds.
 */
async function rotatingRounds(label, variants, warmupSeconds) {
  const { rounds, roundSeconds, connections } = settings;
  const names = Object.keys(variants);
  log(`${label}: warm-up ${warmupSeconds}s per side, then ${rounds} rounds of ${names.length}×${roundSeconds}s, ${connections} connections`);
  for (const name of names) await load({ ...variants[name], seconds: warmupSeconds, connections });
  const runs = [];
  for (let index = 0; index < rounds; index += 1) {
    const order = names.map((_, offset) => names[(index + offset) % names.length]);
    const run = {};
    for (const name of order) run[name] = await load({ ...variants[name], seconds: roundSeconds, connections });
    runs.push(run);
    log(`  round ${index + 1}: ${names.map((name) => `${name} ${run[name].rps}`).join(', ')} req/s`);
  }
  const sides = {};
  for (const name of names) {
    const medianRps = round(median(runs.map((run) => run[name].rps)), 1);
    sides[name] = {
      url: variants[name].url,
      medianRps,
      msPerRequest: round(1000 / medianRps, 3),
      medianLatencyMs: median(runs.map((run) => run[name].latencyMs.p50)),
      non2xx: runs.reduce((sum, run) => sum + run[name].non2xx, 0),
      errors: runs.reduce((sum, run) => sum + run[name].errors + run[name].timeouts, 0),
    };
  }
  return { sides, rounds: runs };
}

/**
 * Three sides from one build, in one process, rendering the same markup (the claims page):
 * - `auth`: /protected with the user's session (middleware, unseal, render from the session);
 * - `floor`: /bench/middleware-floor, static sample claims behind a middleware that only passes
 *   the request on: what any middleware-guarded page pays before auth does anything;
 * - `static`: /bench/static, the same page not matched by the middleware at all.
 * Measured twice: `cached`, the user's cookie every request (the steady state of a user
 * browsing), and `uncached`, the same session sealed 1000 ways round-robin (every request is a
 * first sight for the auth side). The other sides get no cookie: they read no session.
 * A fresh `next start` speeds up for its first ~30 s of load (JIT), hence the warm-ups.
 */
async function measureOverhead(app, cookie, distinctCookies) {
  const sides = (cookies) => ({
    auth: { url: `${app}/protected`, rotateCookies: cookies },
    floor: { url: `${app}/bench/middleware-floor` },
    static: { url: `${app}/bench/static` },
  });
  const ratios = ({ sides: { auth, floor, static: bare } }) => ({
    authOverStatic: round(auth.medianRps / bare.medianRps),
    authOverFloor: round(auth.medianRps / floor.medianRps),
    floorOverStatic: round(floor.medianRps / bare.medianRps),
    addedMsAuthVsStatic: round(auth.msPerRequest - bare.msPerRequest, 3),
    addedMsFloorVsStatic: round(floor.msPerRequest - bare.msPerRequest, 3),
  });
  const cached = await rotatingRounds('overhead', sides([cookie]), settings.warmupSeconds);
  const uncached = await rotatingRounds('overhead, uncached', sides(distinctCookies), Math.max(1, Math.round(settings.warmupSeconds / 3)));
  return {
    connections: settings.connections,
    roundSeconds: settings.roundSeconds,
    cached: { ...ratios(cached), ...cached },
    uncached: { ...ratios(uncached), ...uncached, distinctCookies: distinctCookies.length },
  };
}

async function measureSteady(idp, appUrl, jar) {
  const pages = ['/protected', '/protected/resources', '/protected/organizations', '/protected/organizations/globex000001'];
  // Visit each once so the tokens each page needs are cached (and the jar holds them).
  for (const page of pages) await checkPage(`${appUrl}${page}`, jar, { expectText: USER.sub });
  const cookie = jar.header(`${appUrl}/protected`);
  await idp.resetStats();
  const runs = [];
  for (const page of pages) {
    runs.push(await load({ url: `${appUrl}${page}`, seconds: settings.steadySeconds, connections: settings.connections, headers: { cookie } }));
  }
  const stats = await idp.stats();
  // Not part of the figure: the userinfo page calls Logto's /oidc/me on every view, by design.
  await idp.resetStats();
  for (let index = 0; index < 5; index += 1) await checkPage(`${appUrl}/protected/userinfo`, jar, { expectText: 'Custom data' });
  const userinfo = await idp.stats();
  return {
    pages,
    requestsServed: runs.reduce((sum, run) => sum + run.ok2xx, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    providerRequests: stats.total,
    providerByPath: stats.byPath,
    runs: runs.map(({ url, requests, ok2xx, non2xx, rps }) => ({ url, requests, ok2xx, non2xx, rps })),
    userinfoPage: { views: 5, providerByPath: userinfo.byPath },
  };
}

async function measureStorm(idp, appUrl, providerUrl) {
  const original = await idp.config();
  const n = settings.stormRequests;
  const ttl = settings.stormTtl;
  try {
    await idp.setConfig({ accessTokenTtl: ttl, rotation: 'always' });
    const { jar } = await signIn({ appUrl, providerUrl, username: USER.username, password: USER.password, returnTo: '/protected/resources' });
    // Landing on /protected/resources made the middleware mint (and cache) both API tokens.
    const cachedAt = Date.now();
    const cookie = jar.header(`${appUrl}/protected/resources`);
    await sleep(ttl * 1000 + 1500 - (Date.now() - cachedAt));
    await idp.resetStats();
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: n }, async () => {
        const response = await fetch(`${appUrl}/protected/resources`, {
          redirect: 'manual',
          headers: { cookie, accept: 'text/html', 'user-agent': 'logto-next-bench' },
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        return { response, text, finishedAt: performance.now() };
      }),
    );
    const elapsedMs = Math.round(performance.now() - started);
    const stats = await idp.stats();
    const statuses = {};
    let signedOut = 0;
    let servedFresh = 0;
    let withNewCookie = 0;
    for (const { response, text } of responses) {
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const location = response.headers.get('location') ?? '';
      if (/\/api\/logto\/sign-in|\/auth\/error/.test(location)) signedOut += 1;
      if (response.headers.getSetCookie().some((line) => line.startsWith('logto_session'))) withNewCookie += 1;
      const fresh =
        response.status === 200 &&
        RESOURCES.every((resource) => text.includes(`data-testid="resource-token-${resource}"`)) &&
        !text.includes('unavailable') &&
        !text.includes('could not be reached');
      if (fresh) servedFresh += 1;
    }
    // The browser keeps the last Set-Cookie it received: does that session still work?
    const last = [...responses].sort((x, y) => x.finishedAt - y.finishedAt).at(-1);
    const after = jar.clone();
    after.absorb(last.response, `${appUrl}/protected/resources`);
    await sleep(500);
    const followUp = await browserRequest(after, `${appUrl}/protected/resources`);
    const expectedRefreshes = 1 + RESOURCES.length; // ID + userinfo access token, then each API token
    return {
      concurrentRequests: n,
      tokenTtlSeconds: ttl,
      rotation: 'always',
      expiredTokens: expectedRefreshes,
      tokenEndpointCalls: stats.byPath['/oidc/token'] ?? 0,
      providerByPath: stats.byPath,
      statuses,
      signedOut,
      servedWithFreshTokens: servedFresh,
      responsesWithNewSessionCookie: withNewCookie,
      elapsedMs,
      sessionUsableAfter: followUp.response.status === 200 && followUp.text.includes(USER.sub),
    };
  } finally {
    await idp.setConfig({
      accessTokenTtl: original.accessTokenTtl,
      refreshTokenTtl: original.refreshTokenTtl,
      rotation: original.rotation,
      reuseGrace: original.reuseGrace,
    });
  }
}

async function measureCookies(appUrl, liveJar) {
  const output = await runNode(['--import', 'tsx', 'bench/cookie-bytes.ts'], {
    cwd: ROOT,
    env: { BENCH_COOKIE_SECRET: COOKIE_SECRET },
    logFile: path.join(LOGS, 'cookie-bytes.log'),
  });
  const data = JSON.parse(output.trim().split('\n').at(-1));
  const liveHeader = data.liveCookieHeader;
  delete data.liveCookieHeader;
  const response = await fetch(`${appUrl}/protected`, {
    redirect: 'manual',
    headers: { cookie: liveHeader, accept: 'text/html' },
    signal: AbortSignal.timeout(20_000),
  });
  const body = await response.text();
  const sessionCookies = liveJar.rootCookies().filter(([name]) => name.startsWith('logto_session'));
  return {
    ...data,
    live10plus10: {
      path: '/protected',
      cookieHeaderBytes: Buffer.byteLength(liveHeader),
      status: response.status,
      rendered: response.status === 200 && body.includes('vt7mkhfawfl9'),
    },
    demoUserSession: {
      note: 'the signed-in demo user after visiting every dashboard page (2 API + 2 organization tokens), as held by the bench browser (no Secure attribute on http)',
      cookies: sessionCookies.map(([name, value]) => ({ name, nameValueBytes: Buffer.byteLength(`${name}=${value}`) })),
      cookieHeaderBytes: Buffer.byteLength(sessionCookies.map(([name, value]) => `${name}=${value}`).join('; ')),
    },
  };
}

/** The user's session re-sealed many times: different, valid cookies (see bench/distinct-cookies.ts). */
async function distinctSessionCookies(cookie) {
  const output = await runNode(['--import', 'tsx', 'bench/distinct-cookies.ts'], {
    cwd: ROOT,
    env: { BENCH_COOKIE_SECRET: COOKIE_SECRET, BENCH_SESSION_COOKIE: cookie, BENCH_DISTINCT_COUNT: '1000' },
    logFile: path.join(LOGS, 'distinct-cookies.log'),
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}

async function measureManyOrganizations() {
  const output = await runNode(['--import', 'tsx', 'bench/many-organizations.ts'], {
    cwd: ROOT,
    env: {},
    logFile: path.join(LOGS, 'many-organizations.log'),
    timeoutMs: 120_000,
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}

async function measureMiddleware() {
  const output = await runNode(['--import', 'tsx', 'bench/middleware-us.ts'], {
    cwd: ROOT,
    env: { BENCH_MW_ITERATIONS: String(settings.mwIterations), BENCH_MW_WARMUP: String(settings.mwWarmup) },
    logFile: path.join(LOGS, 'middleware-us.log'),
    timeoutMs: 240_000,
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}

// ---------------------------------------------------------------- main

async function build() {
  if (settings.skipBuild) {
    if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('BENCH_SKIP_BUILD is set but there is no .next build');
    log('build skipped (BENCH_SKIP_BUILD), reusing .next');
    return { skipped: true };
  }
  log('next build …');
  const started = performance.now();
  await runNode([NEXT_BIN, 'build'], { cwd: ROOT, env: { NEXT_TELEMETRY_DISABLED: '1' }, logFile: path.join(LOGS, 'build.log'), timeoutMs: 600_000 });
  const seconds = round((performance.now() - started) / 1000, 1);
  log(`next build done in ${seconds}s`);
  return { skipped: false, seconds };
}

async function main() {
  mkdirSync(LOGS, { recursive: true });
  const startedAt = new Date();
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}, next ${machine.next}; load average ${machine.loadAverageAtStart.join(' ')}`);
  const figures = {};
  const buildInfo = await build();

  const [providerPort, portA] = [await freePort(), await freePort()];
  const providerUrl = `http://127.0.0.1:${providerPort}`;
  const appA = `http://127.0.0.1:${portA}`;
  const ports = [providerPort, portA];
  try {
    await startProcess({
      name: 'provider',
      command: process.execPath,
      args: ['--import', 'tsx', 'emulator/main.ts'],
      cwd: ROOT,
      env: {
        EMULATOR_PORT: String(providerPort),
        EMULATOR_BASE_URL: providerUrl,
        EMULATOR_TEST_CONTROLS: '1',
        EMULATOR_APP_ORIGINS: appA,
        EMULATOR_DATA_DIR: path.join(TMP, 'provider-data'),
      },
      logFile: path.join(LOGS, 'provider.log'),
      readyUrl: `${providerUrl}/oidc/.well-known/openid-configuration`,
      port: providerPort,
    });
    const idp = provider(providerUrl);
    const startApp = (name, port, url, extra) =>
      startProcess({
        name,
        command: process.execPath,
        args: [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
        cwd: ROOT,
        env: { ...APP_ENV, LOGTO_ENDPOINT: providerUrl, LOGTO_BASE_URL: url, ...extra },
        logFile: path.join(LOGS, `${name}.log`),
        readyUrl: `${url}/api/logto/user`, // reads cookies only: does not warm any Logto cache
        port,
      });
    await startApp('app', portA, appA, {});
    log(`provider ${providerUrl}, app ${appA}`);

    // idp-calls-sign-in: the first sign-in on a fresh process, then a second one.
    const cold = await measureSignIn(idp, appA, providerUrl, 'cold (fresh app process)');
    const warm = await measureSignIn(idp, appA, providerUrl, 'warm (discovery and JWKS cached)');
    figures.idpCallsSignIn = { cold: cold.figure, warm: warm.figure };
    const jar = warm.result.jar;

    // The three sides render the same claims page.
    const pageA = await checkPage(`${appA}/protected`, jar, { expectText: USER.sub });
    const pageFloor = await checkPage(`${appA}/bench/middleware-floor`, undefined, { expectText: USER.sub });
    const pageStatic = await checkPage(`${appA}/bench/static`, undefined, { expectText: USER.sub });

    // The session a user has after visiting every page: 2 API + 2 organization tokens cached.
    for (const page of ['/protected/resources', '/protected/organizations', '/protected/organizations/globex000001']) {
      await checkPage(`${appA}${page}`, jar, { expectText: USER.sub });
    }

    const cookie = jar.header(`${appA}/protected`);
    const distinctCookies = await distinctSessionCookies(cookie);
    figures.overhead = {
      ...(await measureOverhead(appA, cookie, distinctCookies)),
      cookieHeaderBytes: Buffer.byteLength(cookie),
      htmlBytes: { auth: pageA.htmlBytes, floor: pageFloor.htmlBytes, static: pageStatic.htmlBytes },
    };
    const { cached, uncached } = figures.overhead;
    const rps = (figure) => Object.entries(figure.sides).map(([name, side]) => `${name} ${side.medianRps}`).join(', ');
    log(`overhead: ${rps(cached)} req/s (auth/static ${cached.authOverStatic}, auth/floor ${cached.authOverFloor}); uncached ${rps(uncached)} (auth/static ${uncached.authOverStatic})`);

    log('idp-calls-steady …');
    figures.idpCallsSteady = await measureSteady(idp, appA, jar);
    log(`idp-calls-steady: ${figures.idpCallsSteady.providerRequests} provider requests during ${figures.idpCallsSteady.requestsServed} page views`);

    // first-load-js, from the build, cross-checked against the served HTML.
    const nextDir = path.join(ROOT, '.next');
    const home = await checkPage(`${appA}/`, undefined, { expectText: 'Get started' });
    figures.firstLoadJs = {};
    for (const [route, html] of [
      ['/', home.html],
      ['/protected', pageA.html],
    ]) {
      const report = firstLoadJs(nextDir, route);
      figures.firstLoadJs[route] = { ...report, htmlCheck: crossCheck(nextDir, report, html) };
    }

    log('cookie-bytes …');
    figures.cookieBytes = await measureCookies(appA, jar);

    log('refresh-storm …');
    figures.refreshStorm = await measureStorm(idp, appA, providerUrl);
    log(`refresh-storm: ${figures.refreshStorm.tokenEndpointCalls} token calls for ${figures.refreshStorm.expiredTokens} expired tokens, ${figures.refreshStorm.signedOut} signed out, statuses ${JSON.stringify(figures.refreshStorm.statuses)}`);
  } finally {
    await stopAll();
  }
  const stillOpen = [];
  for (const port of ports) if (await isPortOpen(port)) stillOpen.push(port);
  if (stillOpen.length) log(`WARNING: ports still open after shutdown: ${stillOpen.join(', ')}`);

  // In-process, with the servers stopped so nothing else competes for the CPU.
  log('middleware-us …');
  figures.middlewareUs = await measureMiddleware();
  log('many-organizations …');
  figures.manyOrganizations = await measureManyOrganizations();

  const summary = summarize(figures);
  const results = {
    generatedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((value) => round(value, 2)) },
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
