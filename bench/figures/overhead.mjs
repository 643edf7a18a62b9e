// overhead: what authentication costs a protected page. Three sides from one build, in one
// process, rendering the same markup (the claims page):
// - `auth`: /protected with the user's session (middleware, unseal, render from the session);
// - `floor`: /bench/middleware-floor, static sample claims behind a middleware that only passes
//   the request on: what any middleware-guarded page pays before auth does anything;
// - `static`: /bench/static, the same page not matched by the middleware at all.
// Measured twice: `cached`, the user's cookie every request (the steady state of a user
// browsing), and `uncached`, the same session sealed 1000 ways round-robin (every request is a
// first sight for the auth side). The other sides get no cookie: they read no session.
// A fresh `next start` speeds up for its first ~30 s of load (JIT), hence the warm-ups.
import { COOKIE_SECRET, USER } from '../lib/demo.mjs';
import { runInProcess } from '../lib/in-process.mjs';
import { load } from '../lib/load.mjs';
import { log } from '../lib/log.mjs';
import { median, round } from '../lib/numbers.mjs';
import { checkPage } from '../lib/pages.mjs';
import { settings } from '../lib/settings.mjs';

/** Checks that the three sides answer with the claims page; their HTML sizes go in the figure. */
export async function overheadSides(appUrl, jar) {
  return {
    auth: await checkPage(`${appUrl}/protected`, jar, { expectText: USER.sub }),
    floor: await checkPage(`${appUrl}/bench/middleware-floor`, undefined, { expectText: USER.sub }),
    static: await checkPage(`${appUrl}/bench/static`, undefined, { expectText: USER.sub }),
  };
}

/** The user's session re-sealed many times: different, valid cookies (see bench/distinct-cookies.ts). */
function distinctSessionCookies(cookie) {
  return runInProcess('distinct-cookies', {
    env: { BENCH_COOKIE_SECRET: COOKIE_SECRET, BENCH_SESSION_COOKIE: cookie, BENCH_DISTINCT_COUNT: '1000' },
  });
}

/**
 * Loads each variant in rotating order (A B C, B C A, C A B, …) after warming each up, and
 * reports each one's median requests/s over the rounds.
 */
export async function rotatingRounds(label, variants, warmupSeconds) {
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

const ratios = ({ sides: { auth, floor, static: bare } }) => ({
  authOverStatic: round(auth.medianRps / bare.medianRps),
  authOverFloor: round(auth.medianRps / floor.medianRps),
  floorOverStatic: round(floor.medianRps / bare.medianRps),
  addedMsAuthVsStatic: round(auth.msPerRequest - bare.msPerRequest, 3),
  addedMsFloorVsStatic: round(floor.msPerRequest - bare.msPerRequest, 3),
});

/** `cookie`: the Cookie header of the signed-in user; `pages`: what `overheadSides` returned. */
export async function overhead({ appUrl, cookie, pages }) {
  const distinctCookies = await distinctSessionCookies(cookie);
  const sides = (cookies) => ({
    auth: { url: `${appUrl}/protected`, rotateCookies: cookies },
    floor: { url: `${appUrl}/bench/middleware-floor` },
    static: { url: `${appUrl}/bench/static` },
  });
  const cached = await rotatingRounds('overhead', sides([cookie]), settings.warmupSeconds);
  const uncached = await rotatingRounds('overhead, uncached', sides(distinctCookies), Math.max(1, Math.round(settings.warmupSeconds / 3)));
  const figure = {
    connections: settings.connections,
    roundSeconds: settings.roundSeconds,
    cached: { ...ratios(cached), ...cached },
    uncached: { ...ratios(uncached), ...uncached, distinctCookies: distinctCookies.length },
    cookieHeaderBytes: Buffer.byteLength(cookie),
    htmlBytes: { auth: pages.auth.htmlBytes, floor: pages.floor.htmlBytes, static: pages.static.htmlBytes },
  };
  const rps = (run) => Object.entries(run.sides).map(([name, side]) => `${name} ${side.medianRps}`).join(', ');
  log(`overhead: ${rps(figure.cached)} req/s (auth/static ${figure.cached.authOverStatic}, auth/floor ${figure.cached.authOverFloor}); uncached ${rps(figure.uncached)} (auth/static ${figure.uncached.authOverStatic})`);
  return figure;
}
