import { describe, expect, it } from 'vitest';
import { browseManyOrganizations } from '@/lib/auth/test-utils/many-organizations';
import { dashboardTokensFor } from './routes';

describe('the dashboard\'s token needs within the cookie budget, 20 organizations and 2 resources', () => {
  it('gives every page its tokens, never re-mints on a revisit and stays within budget', async () => {
    const figures = await browseManyOrganizations(dashboardTokensFor, 20, 2);
    const views = figures.rounds.flat();
    expect(views.filter((view) => view.missing > 0)).toEqual([]);
    expect(figures.revisitCalls).toBe(0);
    expect(figures.maxCookieBytes).toBeLessThanOrEqual(figures.budgetBytes);
    // The claims page mints nothing; an organization page at most its two tokens (the
    // organization's, and the first resource's for that organization).
    for (const view of views) {
      if (view.path === '/protected' || view.path === '/protected/userinfo') expect(view.tokenCalls).toBe(0);
      if (view.path.startsWith('/protected/organizations')) expect(view.tokenCalls).toBeLessThanOrEqual(2);
    }
    const [first, second] = figures.rounds;
    console.info('20 organizations + 2 resources:', {
      callsFirstRound: first!.reduce((sum, view) => sum + view.tokenCalls, 0),
      callsSecondRound: second!.reduce((sum, view) => sum + view.tokenCalls, 0),
      views: first!.length,
      revisitCalls: figures.revisitCalls,
      maxCookieBytes: figures.maxCookieBytes,
    });
  });
});
