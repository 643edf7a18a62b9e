// idp-calls-steady: requests to Logto while nothing expires (target 0). See bench/README.md.
import { USER } from '../lib/demo.mjs';
import { load } from '../lib/load.mjs';
import { log } from '../lib/log.mjs';
import { checkPage, DASHBOARD_PAGES } from '../lib/pages.mjs';
import { settings } from '../lib/settings.mjs';

export async function idpCallsSteady({ idp, appUrl, jar }) {
  log('idp-calls-steady …');
  const pages = DASHBOARD_PAGES;
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
  const figure = {
    pages,
    requestsServed: runs.reduce((sum, run) => sum + run.ok2xx, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    providerRequests: stats.total,
    providerByPath: stats.byPath,
    runs: runs.map(({ url, requests, ok2xx, non2xx, rps }) => ({ url, requests, ok2xx, non2xx, rps })),
    userinfoPage: { views: 5, providerByPath: userinfo.byPath },
  };
  log(`idp-calls-steady: ${figure.providerRequests} provider requests during ${figure.requestsServed} page views`);
  return figure;
}
