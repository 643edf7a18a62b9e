// refresh-storm: concurrent requests whose tokens just expired (target: 1 refresh per expired
// token, 0 signed out). See bench/README.md. The provider's settings are restored afterwards.
import { setTimeout as sleep } from 'node:timers/promises';
import { RESOURCES, USER } from '../lib/demo.mjs';
import { browserRequest, signIn } from '../lib/http.mjs';
import { log } from '../lib/log.mjs';
import { settings } from '../lib/settings.mjs';

/** `n` requests at once with one Cookie header, as a browser's tabs would send them. */
function storm(url, cookie, n) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { cookie, accept: 'text/html', 'user-agent': 'logto-next-bench' },
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      return { response, text, finishedAt: performance.now() };
    }),
  );
}

/** What the responses of the storm did to the user: statuses, sign-outs, fresh pages. */
function tally(responses) {
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
  return { statuses, signedOut, servedFresh, withNewCookie };
}

async function measureStorm(idp, appUrl, providerUrl) {
  const original = await idp.config();
  const n = settings.stormRequests;
  const ttl = settings.stormTtl;
  const page = `${appUrl}/protected/resources`;
  try {
    await idp.setConfig({ accessTokenTtl: ttl, rotation: 'always' });
    const { jar } = await signIn({ appUrl, providerUrl, username: USER.username, password: USER.password, returnTo: '/protected/resources' });
    // Landing on /protected/resources made the middleware mint (and cache) both API tokens.
    const cachedAt = Date.now();
    const cookie = jar.header(page);
    await sleep(ttl * 1000 + 1500 - (Date.now() - cachedAt));
    await idp.resetStats();
    const started = performance.now();
    const responses = await storm(page, cookie, n);
    const elapsedMs = Math.round(performance.now() - started);
    const stats = await idp.stats();
    const { statuses, signedOut, servedFresh, withNewCookie } = tally(responses);
    // The browser keeps the last Set-Cookie it received: does that session still work?
    const last = [...responses].sort((x, y) => x.finishedAt - y.finishedAt).at(-1);
    const after = jar.clone();
    after.absorb(last.response, page);
    await sleep(500);
    const followUp = await browserRequest(after, page);
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

export async function refreshStorm({ idp, appUrl, providerUrl }) {
  log('refresh-storm …');
  const figure = await measureStorm(idp, appUrl, providerUrl);
  log(`refresh-storm: ${figure.tokenEndpointCalls} token calls for ${figure.expiredTokens} expired tokens, ${figure.signedOut} signed out, statuses ${JSON.stringify(figure.statuses)}`);
  return figure;
}
