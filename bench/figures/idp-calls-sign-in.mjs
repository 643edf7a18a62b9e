// idp-calls-sign-in: the requests the app makes to Logto per sign-in, the first one on a fresh
// `next start` (cold) and the next one (warm). See bench/README.md.
import { USER } from '../lib/demo.mjs';
import { signIn } from '../lib/http.mjs';
import { log } from '../lib/log.mjs';

/** Paths the browser (not the app) sends to the provider during a sign-in. */
const BROWSER_OIDC_PATHS = new Set(['/oidc/auth', '/oidc/auth/:uid']);

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

async function measureSignIn(idp, appUrl, providerUrl, label) {
  await idp.resetStats();
  const started = performance.now();
  const result = await signIn({ appUrl, providerUrl, username: USER.username, password: USER.password, returnTo: '/protected' });
  const elapsedMs = Math.round(performance.now() - started);
  const split = splitStats(await idp.stats(), result.browserOidc);
  log(`sign-in (${label}): app→provider ${JSON.stringify(split.app)}, browser→provider ${JSON.stringify(split.browser)}`);
  return { result, figure: { label, elapsedMs, appOriginated: split.app, appTotal: split.appTotal, browserOriginated: split.browser, browserTotal: split.browserTotal, steps: result.trail } };
}

/**
 * Two sign-ins of the demo user on a fresh app process. Returns the figure and the cookie jar of
 * the second sign-in: the signed-in "browser" the other figures use.
 */
export async function idpCallsSignIn({ idp, appUrl, providerUrl }) {
  const cold = await measureSignIn(idp, appUrl, providerUrl, 'cold (fresh app process)');
  const warm = await measureSignIn(idp, appUrl, providerUrl, 'warm (discovery and JWKS cached)');
  return { figure: { cold: cold.figure, warm: warm.figure }, jar: warm.result.jar };
}
