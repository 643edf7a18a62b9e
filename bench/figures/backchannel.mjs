// backchannel: what checking sessions against the back-channel logout store costs a page. Three
// `next start` processes of the one build, differing only in LOGTO_SESSION_STORE:
// - `off`: no store, nothing checked;
// - `memory`: the default store, this process's memory;
// - `redis`: a redis-server of our own on a free loopback port.
// The demo's middleware runs on the Edge runtime, which sees neither store, so in all three the
// check is made by the Node render, answered by the per-process cache for
// LOGTO_SESSION_STORE_CACHE_SECONDS (default 5) after one store read.
// Measured: /protected with the user's cookie over /bench/static on the same server, per mode,
// in rotating rounds (the overhead figure's method); then, on the Redis server, page views per
// store read (MGET, counted by Redis) with the one session and with 50 sessions of their own.
import { USER } from '../lib/demo.mjs';
import { runInProcess } from '../lib/in-process.mjs';
import { CookieJar, signIn } from '../lib/http.mjs';
import { load } from '../lib/load.mjs';
import { log } from '../lib/log.mjs';
import { median, round } from '../lib/numbers.mjs';
import { freePort, stopProcess } from '../lib/processes.mjs';
import { callsBetween, commandCalls, findRedisServer, redisClient, startRedis } from '../lib/redis.mjs';
import { startApp } from '../lib/servers.mjs';
import { settings } from '../lib/settings.mjs';
import { rotatingRounds } from './overhead.mjs';

const MODES = ['off', 'memory', 'redis'];
/** Load per store-read measurement: a few cache periods, so the count of reads is not 1 or 2. */
const ONE_SESSION_SECONDS = 15;
const MANY_SESSIONS_SECONDS = 10;
const SESSIONS = 50;

/** What the apps run with: the bench sets no LOGTO_SESSION_STORE_CACHE_SECONDS of its own. */
const cacheSeconds = () => {
  const value = Number(process.env.LOGTO_SESSION_STORE_CACHE_SECONDS);
  return process.env.LOGTO_SESSION_STORE_CACHE_SECONDS && Number.isFinite(value) ? value : 5;
};

/** /protected with `cookie` must render the user's claims, with the store answering (no notice). */
async function checkProtected(baseUrl, cookie) {
  const response = await fetch(`${baseUrl}/protected`, {
    redirect: 'manual',
    headers: { accept: 'text/html', 'user-agent': 'logto-next-bench', cookie },
    signal: AbortSignal.timeout(20_000),
  });
  const html = await response.text();
  if (response.status !== 200 || !html.includes(USER.sub)) {
    throw new Error(`${baseUrl}/protected answered ${response.status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''} without "${USER.sub}"`);
  }
  if (html.includes('data-testid="revocation-unchecked"')) throw new Error(`${baseUrl}/protected: the session store could not be read`);
}

/** Signs the demo user in `count` times, each in a browser of its own: distinct sessions (sid). */
async function distinctSessions({ appUrl, providerUrl, count }) {
  const cookies = [];
  for (let index = 0; index < count; index += 1) {
    const { jar } = await signIn({ appUrl, providerUrl, username: USER.username, password: USER.password, jar: new CookieJar() });
    cookies.push(jar.header(`${appUrl}/protected`));
  }
  return cookies;
}

/** Loads /protected with `cookies` round-robin and counts the store reads Redis saw meanwhile. */
async function viewsPerStoreRead({ client, url, cookies, seconds, cache }) {
  const before = await commandCalls(client);
  const run = await load({ url, seconds, connections: settings.connections, rotateCookies: cookies });
  const commands = callsBetween(before, await commandCalls(client));
  delete commands.info; // the bench's own INFO commandstats
  const storeReads = commands.mget ?? 0;
  return {
    sessions: cookies.length,
    seconds: run.seconds,
    views: run.ok2xx,
    rps: run.rps,
    storeReads,
    viewsPerStoreRead: storeReads ? round(run.ok2xx / storeReads, 1) : null,
    // One read per session per cache period: rps × cache seconds ÷ sessions views per read.
    expectedViewsPerStoreRead: round((run.rps * cache) / cookies.length, 1),
    commands,
    non2xx: run.non2xx,
    errors: run.errors + run.timeouts,
  };
}

/**
 * `appUrl`: the main app (where the 50 sessions sign in); `cookie`: the signed-in user's Cookie header, valid on
 * every server of the build (same cookie secret and provider); `ports`: the run's list of ports
 * to check after shutdown, which this appends to.
 */
export async function backchannel({ appUrl, providerUrl, cookie, ports }) {
  const cache = cacheSeconds();
  const redisServer = findRedisServer();
  const started = [];
  let client;
  try {
    // Each mode on a fresh `next start` of its own, so that none has served more than another
    // (the bench's main app has run the sign-ins and the dashboard visits already).
    const urls = {};
    for (const [mode, store] of [['off', 'off'], ['memory', 'memory']]) {
      const port = await freePort();
      ports.push(port);
      urls[mode] = `http://127.0.0.1:${port}`;
      started.push(await startApp({ name: `app-store-${mode}`, port, url: urls[mode], providerUrl, env: { LOGTO_SESSION_STORE: store } }));
    }

    let redisUrl;
    if (redisServer) {
      const [redisPort, appPort] = [await freePort(), await freePort()];
      ports.push(redisPort, appPort);
      const redis = await startRedis({ command: redisServer, port: redisPort });
      started.push(redis.handle);
      redisUrl = redis.url;
      client = redisClient(redisPort);
      await client.connect();
      urls.redis = `http://127.0.0.1:${appPort}`;
      started.push(await startApp({ name: 'app-store-redis', port: appPort, url: urls.redis, providerUrl, env: { LOGTO_SESSION_STORE: redisUrl } }));
    } else {
      log('backchannel: redis-server not installed; measuring off and memory only');
    }
    const modes = MODES.filter((mode) => urls[mode]);
    log(`backchannel: ${modes.map((mode) => `${mode} ${urls[mode]}`).join(', ')}${redisUrl ? ` (store ${redisUrl})` : ''}`);
    for (const mode of modes) await checkProtected(urls[mode], cookie);
    if (client && !(await commandCalls(client)).mget) throw new Error('the Redis app rendered /protected without reading the store');

    const variants = {};
    for (const mode of modes) {
      variants[mode] = { url: `${urls[mode]}/protected`, rotateCookies: [cookie] };
      variants[`${mode}Static`] = { url: `${urls[mode]}/bench/static` };
    }
    const measured = await rotatingRounds('backchannel', variants, Math.max(1, Math.round(settings.warmupSeconds / 3)));

    const perMode = {};
    for (const mode of modes) {
      const auth = measured.sides[mode];
      const bare = measured.sides[`${mode}Static`];
      perMode[mode] = {
        store: mode === 'memory' ? 'memory (the default)' : mode === 'redis' ? redisUrl : mode,
        authOverStatic: round(auth.medianRps / bare.medianRps),
        authMedianRps: auth.medianRps,
        staticMedianRps: bare.medianRps,
        // The same ratio within each round, to show the spread the medians smooth out.
        roundRatios: measured.rounds.map((run) => round(run[mode].rps / run[`${mode}Static`].rps)),
        non2xx: auth.non2xx + bare.non2xx,
        errors: auth.errors + bare.errors,
      };
    }
    const minusOff = (mode) => (perMode[mode] ? round(perMode[mode].authOverStatic - perMode.off.authOverStatic) : null);
    // Paired by round: each round's ratio minus off's in the same round, so drift of the machine
    // between rounds cancels. The target is judged on this one.
    const pairedMinusOff = (mode) =>
      perMode[mode] ? round(median(perMode[mode].roundRatios.map((ratio, index) => ratio - perMode.off.roundRatios[index]))) : null;

    // The check itself, in-process (bench/revocation-check-us.ts): what no HTTP ratio can resolve.
    log('backchannel: one check, in-process');
    const checkUs = await runInProcess('revocation-check-us', { env: redisUrl ? { BENCH_REDIS_URL: redisUrl } : {} });
    const requestUs = (mode) => (perMode[mode] ? 1e6 / perMode[mode].authMedianRps : null);

    let storeReads = { skipped: 'redis-server not installed' };
    if (client) {
      log(`backchannel: store reads, 1 session for ${ONE_SESSION_SECONDS}s`);
      const oneSession = await viewsPerStoreRead({ client, url: `${urls.redis}/protected`, cookies: [cookie], seconds: ONE_SESSION_SECONDS, cache });
      log(`backchannel: signing in ${SESSIONS} more sessions at ${appUrl}`);
      const cookies = await distinctSessions({ appUrl, providerUrl, count: SESSIONS });
      await checkProtected(urls.redis, cookies[0]);
      log(`backchannel: store reads, ${SESSIONS} sessions round-robin for ${MANY_SESSIONS_SECONDS}s`);
      const manySessions = await viewsPerStoreRead({ client, url: `${urls.redis}/protected`, cookies, seconds: MANY_SESSIONS_SECONDS, cache });
      storeReads = { command: 'MGET', oneSession, manySessions };
    }

    const figure = {
      connections: settings.connections,
      roundSeconds: settings.roundSeconds,
      cacheSeconds: cache,
      middlewareRuntime: 'edge (checks neither memory nor Redis: the Node render does)',
      modes: perMode,
      memoryMinusOff: minusOff('memory'),
      redisMinusOff: urls.redis ? minusOff('redis') : null,
      pairedMemoryMinusOff: pairedMinusOff('memory'),
      pairedRedisMinusOff: urls.redis ? pairedMinusOff('redis') : null,
      checkUs: {
        ...checkUs,
        // A page view makes one check in the render (getSession is read once per request).
        memoryShareOfRequest: round(checkUs.memory.medianUs / requestUs('memory'), 5),
        ...(checkUs.redisCached ? { redisShareOfRequest: round(checkUs.redisCached.medianUs / requestUs('redis'), 5) } : {}),
      },
      ...(urls.redis ? {} : { redis: { skipped: 'redis-server not installed' } }),
      storeReads,
      rounds: measured.rounds,
    };
    const views = (run) => `${run.viewsPerStoreRead} (${run.views} views, ${run.storeReads} MGET)`;
    log(
      `backchannel: auth/static ${modes.map((mode) => `${mode} ${perMode[mode].authOverStatic}`).join(', ')}; memory−off ${figure.memoryMinusOff}, redis−off ${figure.redisMinusOff}` +
        (storeReads.oneSession ? `; views per store read: 1 session ${views(storeReads.oneSession)}, ${SESSIONS} sessions ${views(storeReads.manySessions)}` : ''),
    );
    return figure;
  } finally {
    client?.disconnect();
    // Stopped here, not at the end of the run: the other figures get the CPU to themselves.
    for (const handle of started.reverse()) await stopProcess(handle);
  }
}
