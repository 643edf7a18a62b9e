/**
 * many-organizations: a member of 20 organizations with 2 API resources browses the dashboard
 * (every page, then every page again, then each page twice in a row) through the app's own
 * middleware and `tokensFor` against the fake Logto: token-endpoint calls and Cookie-header bytes
 * per view. In-process, no servers.
 *
 *   node --import tsx bench/many-organizations.ts
 *
 * Prints one JSON line.
 */
import { dashboardTokensFor } from '@/app/_demo/routes';
import { browseManyOrganizations } from '@/lib/auth/test-utils/many-organizations';

async function main(): Promise<void> {
  const figures = await browseManyOrganizations(dashboardTokensFor, 20, 2);
  const [first = [], second = []] = figures.rounds;
  const sum = (views: typeof first) => views.reduce((total, view) => total + view.tokenCalls, 0);
  process.stdout.write(
    `${JSON.stringify({
      organizations: figures.organizations,
      resources: figures.resources,
      views: first.length,
      callsFirstRound: sum(first),
      callsSecondRound: sum(second),
      revisitCalls: figures.revisitCalls,
      missing: [...first, ...second].reduce((total, view) => total + view.missing, 0),
      maxCookieBytes: figures.maxCookieBytes,
      perView: first.map(({ path, tokenCalls, cookieBytes }) => ({ path, tokenCalls, cookieBytes })),
    })}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
