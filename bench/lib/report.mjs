// The summary table: one row per figure, with its target and whether this run met it.
// "report" rows have no target to meet; "—" means the figure was not measured.
import { round } from './numbers.mjs';

const entries = (counts) =>
  Object.entries(counts ?? {})
    .map(([key, count]) => `${key.replace('/oidc/', '').replace('.well-known/openid-configuration', 'discovery')} ${count}`)
    .join(', ') || 'none';

export function summarize(figures) {
  const rows = [];
  const { overhead, idpCallsSteady, idpCallsSignIn, refreshStorm, cookieBytes, middlewareUs, firstLoadJs } = figures;

  if (overhead) {
    const { cached, uncached } = overhead;
    const clean = (run) => Object.values(run.sides).every((side) => side.non2xx === 0 && side.errors === 0);
    const sides = (run) => `auth ${run.sides.auth.medianRps} / floor ${run.sides.floor.medianRps} / static ${run.sides.static.medianRps} req/s`;
    rows.push({
      figure: 'overhead (auth / static)',
      value: `${cached.authOverStatic} (${sides(cached)}; +${cached.addedMsAuthVsStatic} ms/req)`,
      target: '≥ 0.90',
      met: clean(cached) && cached.authOverStatic >= 0.9,
    });
    rows.push({
      figure: '  auth / floor',
      value: `${cached.authOverFloor}: what auth adds to a page that already runs a middleware`,
      target: 'report',
      met: 'report',
    });
    rows.push({
      figure: '  floor / static',
      value: `${cached.floorOverStatic} (+${cached.addedMsFloorVsStatic} ms/req): what any middleware costs`,
      target: 'report',
      met: 'report',
    });
    rows.push({
      figure: '  overhead, uncached',
      value: `${uncached.authOverStatic} (${sides(uncached)}): a new cookie every request, 2 unseals each`,
      target: 'report (worst case)',
      met: clean(uncached) ? 'report' : false,
    });
  }
  if (figures.backchannel) {
    const { modes, storeReads } = figures.backchannel;
    const off = modes.off;
    const clean = (mode) => mode.non2xx === 0 && mode.errors === 0 && off.non2xx === 0 && off.errors === 0;
    for (const name of ['memory', 'redis']) {
      const mode = modes[name];
      const difference = figures.backchannel[`${name}MinusOff`];
      const paired = figures.backchannel[`paired${name[0].toUpperCase()}${name.slice(1)}MinusOff`];
      const signed = (value) => `${value >= 0 ? '+' : ''}${value}`;
      rows.push({
        figure: `backchannel ${name} (auth / static)`,
        value: mode
          ? `${mode.authOverStatic} vs off ${off.authOverStatic}: ${signed(difference)}; paired by round ${signed(paired)} (rounds ${mode.roundRatios.join(' ')} vs ${off.roundRatios.join(' ')})`
          : `skipped: ${figures.backchannel.redis?.skipped}`,
        target: '≥ off − 0.02 (paired)',
        met: mode ? clean(mode) && paired >= -0.02 : 'report',
      });
    }
    const { checkUs } = figures.backchannel;
    if (checkUs) {
      const percent = (share) => `${round(share * 100, 3)} % of a request`;
      rows.push({
        figure: '  one check, in-process',
        value:
          `memory ${checkUs.memory.medianUs} µs (${percent(checkUs.memoryShareOfRequest)})` +
          (checkUs.redisCached ? `; Redis cached ${checkUs.redisCached.medianUs} µs (${percent(checkUs.redisShareOfRequest)}), Redis read ${checkUs.redisRead.medianUs} µs (once per session per cache period)` : ''),
        target: 'report',
        met: 'report',
      });
    }
    const views = (run) => `${run.viewsPerStoreRead} (${run.views} views, ${run.storeReads} MGET in ${run.seconds} s; ≈ ${run.expectedViewsPerStoreRead} expected)`;
    rows.push({
      figure: '  page views per store read',
      value: storeReads.oneSession
        ? `Redis, cache ${figures.backchannel.cacheSeconds} s: 1 session ${views(storeReads.oneSession)}; ${storeReads.manySessions.sessions} sessions ${views(storeReads.manySessions)}`
        : `skipped: ${storeReads.skipped}`,
      target: 'report (≈ req/s × cache s ÷ sessions)',
      met: storeReads.oneSession ? (storeReads.oneSession.non2xx + storeReads.manySessions.non2xx === 0 ? 'report' : false) : 'report',
    });
  }
  if (figures.manyOrganizations) {
    const many = figures.manyOrganizations;
    rows.push({
      figure: 'many-organizations',
      value: `${many.organizations} orgs + ${many.resources} resources, ${many.views} views a round: ${many.callsFirstRound} token calls in round 1, ${many.callsSecondRound} in round 2, ${many.revisitCalls} on revisits, ${many.missing} pages without their token; cookie ≤ ${many.maxCookieBytes} B`,
      target: '0 on revisits, 0 missing',
      met: many.revisitCalls === 0 && many.missing === 0,
    });
  }
  if (idpCallsSteady) {
    rows.push({
      figure: 'idp-calls-steady',
      value: `${idpCallsSteady.providerRequests} in ${idpCallsSteady.requestsServed} page views${idpCallsSteady.providerRequests ? ` (${entries(idpCallsSteady.providerByPath)})` : ''}`,
      target: '0',
      met: idpCallsSteady.providerRequests === 0 && idpCallsSteady.non2xx === 0,
    });
  }
  if (idpCallsSignIn) {
    const { cold, warm } = idpCallsSignIn;
    rows.push({
      figure: 'idp-calls-sign-in',
      value: `warm ${warm.appTotal} (${entries(warm.appOriginated)}); cold ${cold.appTotal} (${entries(cold.appOriginated)})`,
      target: '1 token request',
      met: warm.appTotal === 1 && warm.appOriginated['/oidc/token'] === 1,
    });
  }
  if (refreshStorm) {
    rows.push({
      figure: 'refresh-storm',
      value: `${refreshStorm.tokenEndpointCalls} token calls for ${refreshStorm.expiredTokens} expired tokens, ${refreshStorm.signedOut} signed out of ${refreshStorm.concurrentRequests} (${refreshStorm.servedWithFreshTokens} served fresh)`,
      target: '1 per expired token, 0 signed out',
      met:
        refreshStorm.tokenEndpointCalls === refreshStorm.expiredTokens &&
        refreshStorm.signedOut === 0 &&
        refreshStorm.sessionUsableAfter,
    });
  }
  if (cookieBytes) {
    const by = Object.fromEntries(cookieBytes.scenarios.map((scenario) => [scenario.label, scenario]));
    const largest = Math.max(...cookieBytes.scenarios.map((scenario) => scenario.largestSetCookieBytes));
    const sizes = cookieBytes.scenarios.map((s) => `${s.label}: ${s.cookieHeaderBytes} B in ${s.cookieCount}`).join('; ');
    rows.push({
      figure: 'cookie-bytes',
      value: `${sizes}; largest ${largest} B; 10+10 keeps ${by['10+10']?.keptResources}+${by['10+10']?.keptOrganizations}, HTTP ${cookieBytes.live10plus10.status}`,
      target: '≤ 4096 B each; ≤ 8 KB at 3+3; no 431',
      met:
        cookieBytes.scenarios.every((scenario) => scenario.everyCookieWithinLimit) &&
        (by['3+3']?.cookieHeaderBytes ?? Infinity) <= 8192 &&
        cookieBytes.live10plus10.status !== 431 &&
        cookieBytes.live10plus10.rendered,
    });
  }
  if (middlewareUs) {
    const main = middlewareUs.cases.find((c) => c.resources === 2 && c.path === '/protected') ?? middlewareUs.cases[0];
    rows.push({
      figure: 'middleware-us',
      value: `median ${main.repeat.medianUs} µs, p95 ${main.repeat.p95Us} µs (same cookie again)`,
      target: 'report',
      met: 'report',
    });
    rows.push({
      figure: '  first sight of a cookie',
      value:
        `${main.first.medianUs} µs (unseal alone ${main.unseal.medianUs} µs; 2+2 tokens)` +
        (main.firstNewSalts ? `; with salts never seen (every key derived) ${main.firstNewSalts.medianUs} µs` : ''),
      target: '≤ 300 µs',
      met: main.first.medianUs <= 300,
    });
    const { edge } = middlewareUs;
    rows.push({
      figure: '  in the Edge sandbox',
      value: edge?.skipped
        ? `skipped: ${edge.skipped}`
        : edge
          ? `first sight ${edge.first.medianUs} µs, repeat ${edge.repeat.medianUs} µs, floor ${edge.floor.medianUs} µs (the sandbox alone); a first sight adds ${edge.firstSightAddsUs} µs (${edge.firstSightAddsConcurrentCpuUs} µs CPU at 8 in flight)`
          : '—',
      target: 'report (the demo’s runtime)',
      met: 'report',
    });
    rows.push({
      figure: '  second read (render)',
      value:
        middlewareUs.secondReadShare !== undefined
          ? `${main.unseal.medianUs} µs on Node = ${middlewareUs.secondReadShare} of what the first read adds in the Edge sandbox`
          : '—',
      target: '≤ 0.10 of the first',
      met: middlewareUs.secondReadShare !== undefined ? middlewareUs.secondReadShare <= 0.1 : 'report',
    });
    rows.push({
      figure: '  overhead, uncached vs cached',
      value: overhead ? `${overhead.uncached.authOverStatic} vs ${overhead.cached.authOverStatic} (auth / static); auth / floor cached ${overhead.cached.authOverFloor}` : '—',
      target: 'uncached ≥ 0.85 and within 0.05 of cached; auth / floor ≥ 0.97',
      met: overhead
        ? overhead.uncached.authOverStatic >= 0.85 && overhead.cached.authOverStatic - overhead.uncached.authOverStatic <= 0.05 && overhead.cached.authOverFloor >= 0.97
        : 'report',
    });
  }
  if (firstLoadJs) {
    const describe = (route) => {
      const report = firstLoadJs[route];
      return `${route} ${report.gzipKB} KB gz (${report.rawKB} KB raw)`;
    };
    const consistent = Object.values(firstLoadJs).every((report) => report.htmlCheck.missingFromManifest.length === 0);
    rows.push({
      figure: 'first-load-js',
      value: `${describe('/')}; ${describe('/protected')}; /protected client components: ${firstLoadJs['/protected'].clientComponents.join(', ')}${consistent ? '' : ' (HTML loads scripts the manifests do not list!)'}`,
      target: 'report',
      met: 'report',
    });
  }
  return rows;
}

const metText = (met) => (met === 'report' ? 'report' : met ? 'yes' : 'NO');

export function formatTable(rows) {
  const table = [['figure', 'value', 'target', 'met?'], ...rows.map((row) => [row.figure, row.value, row.target, metText(row.met)])];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...table.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(table[0]), rule, ...table.slice(1).map(line)].join('\n');
}
