// first-load-js: the JavaScript sent to the browser for `/` and `/protected`, read from the build
// (bench/lib/first-load-js.mjs) and cross-checked against the served HTML.
import path from 'node:path';
import { crossCheck, firstLoadJs as fromBuild } from '../lib/first-load-js.mjs';
import { checkPage } from '../lib/pages.mjs';
import { ROOT } from '../lib/settings.mjs';

/** `protectedHtml`: /protected as the signed-in user got it. */
export async function firstLoadJs({ appUrl, protectedHtml }) {
  const nextDir = path.join(ROOT, '.next');
  const home = await checkPage(`${appUrl}/`, undefined, { expectText: 'Get started' });
  const figure = {};
  for (const [route, html] of [
    ['/', home.html],
    ['/protected', protectedHtml],
  ]) {
    const report = fromBuild(nextDir, route);
    figure[route] = { ...report, htmlCheck: crossCheck(nextDir, report, html) };
  }
  return figure;
}
