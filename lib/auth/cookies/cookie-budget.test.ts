import { describe, expect, it } from 'vitest';
import { MAX_SESSION_CHUNKS, SESSION_BUDGET } from './session-cookie.js';
import { browseManyOrganizations } from '../test-utils/many-organizations.js';

describe('the cookie budget with 20 organizations and 2 resources', () => {
  it('gives every page its tokens, never re-mints on a revisit and stays within budget', async () => {
    const figures = await browseManyOrganizations(20, 2);
    const views = figures.rounds.flat();
    expect(views.filter((view) => view.missing > 0)).toEqual([]);
    expect(figures.revisitCalls).toBe(0);
    // Names and separators come on top of the sealed bytes.
    expect(figures.maxCookieBytes).toBeLessThanOrEqual(SESSION_BUDGET + MAX_SESSION_CHUNKS * 24);
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
