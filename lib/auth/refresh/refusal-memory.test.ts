import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../config.js';
import { TOKEN_REFUSED_HEADER } from '../middleware/middleware.js';
import { createHarness, ORGANIZATION, readJarSession, RESOURCE, type Harness } from '../test-utils/harness.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { forwarded, isPassThrough } from '../test-utils/middleware-responses.js';
import { ensureTokens, tokenKeyFor, type TokenNeeds } from './token-refresh.js';

/** A refusal Logto gave a moment ago answers for the token it refused, and for no other. */

const advance = freezeClockPerTest();
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.signIn();
});
afterEach(() => h.restore());

const R: TokenNeeds = { resources: [RESOURCE] };
const O: TokenNeeds = { organizations: [ORGANIZATION] };
const R_IN_O: TokenNeeds = { organizationResources: [{ resource: RESOURCE, organizationId: ORGANIZATION }] };

async function ensure(needs: TokenNeeds) {
  const before = h.idp.calls.token;
  const outcome = await ensureTokens(await readJarSession(h.jar), needs, getConfig());
  return { ...outcome, tokenRequests: h.idp.calls.token - before };
}

async function refuseOnce(needs: TokenNeeds, error = 'invalid_target', status = 400) {
  h.idp.use('token', { type: 'oauth_error', error, status }, 1);
  const refused = await ensure(needs);
  expect(refused.failure).toMatchObject({ code: 'token.error_response', tokenOnly: true, error });
}

describe('a remembered refusal is keyed by the token need', () => {
  it.each([
    ['resource R', 'organization O', R, O, tokenKeyFor({ organizationId: ORGANIZATION })],
    ['resource R', 'R scoped to O', R, R_IN_O, tokenKeyFor({ resource: RESOURCE, organizationId: ORGANIZATION })],
    ['R scoped to O', 'resource R', R_IN_O, R, RESOURCE],
    ['organization O', 'R scoped to O', O, R_IN_O, tokenKeyFor({ resource: RESOURCE, organizationId: ORGANIZATION })],
  ] as const)('a refusal of %s does not answer for %s', async (_refused, _asked, refusedNeeds, askedNeeds, key) => {
    await refuseOnce(refusedNeeds);
    const asked = await ensure(askedNeeds);
    expect(asked.tokenRequests).toBe(1);
    expect(asked.failure).toBeUndefined();
    expect(asked.session.tokens[key]).toBeDefined();
  });

  it('answers for the same need for 5 s without asking Logto, then asks again', async () => {
    await refuseOnce(R);
    const remembered = await ensure(R);
    expect(remembered.tokenRequests).toBe(0);
    expect(remembered.failure).toMatchObject({ tokenOnly: true, error: 'invalid_target' });
    advance(6);
    const retried = await ensure(R);
    expect(retried.tokenRequests).toBe(1);
    expect(retried.failure).toBeUndefined();
  });

  it('mints the other tokens of a need that includes the refused one, and still reports the refusal', async () => {
    await refuseOnce(R);
    const mixed = await ensure({ ...R, ...O });
    expect(mixed.tokenRequests).toBe(1);
    expect(h.idp.requests.at(-1)?.form?.get('organization_id')).toBe(ORGANIZATION);
    expect(mixed.session.tokens[tokenKeyFor({ organizationId: ORGANIZATION })]).toBeDefined();
    expect(mixed.failure).toMatchObject({ tokenOnly: true, error: 'invalid_target' });
  });

  it('a refused grant (invalid_grant) still answers for every need', async () => {
    h.idp.use('token', { type: 'oauth_error', error: 'invalid_grant', status: 400 }, 1);
    expect((await ensure(R)).failure).toMatchObject({ fatal: true, reason: 'session.revoked' });
    const other = await ensure(O);
    expect(other.tokenRequests).toBe(0);
    expect(other.failure).toMatchObject({ fatal: true, reason: 'session.revoked' });
  });

  it('through the middleware: the resources page refused, the organizations page right after still gets its token', async () => {
    h.idp.use('token', { type: 'oauth_error', error: 'invalid_target', status: 400 }, 1);
    expect(forwarded(await h.middleware('/protected/resources'), TOKEN_REFUSED_HEADER)).toBe('token.error_response');
    const before = h.idp.calls.token;
    const organizations = await h.middleware('/protected/organizations');
    expect(isPassThrough(organizations)).toBe(true);
    expect(h.idp.calls.token - before).toBe(1);
    expect(forwarded(organizations, TOKEN_REFUSED_HEADER)).toBeNull();
    expect((await readJarSession(h.jar)).tokens[tokenKeyFor({ organizationId: ORGANIZATION })]).toBeDefined();
  });
});
