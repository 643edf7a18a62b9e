import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import type { MintedToken } from './api-tokens';
import { expect, signedInClaims, test } from './fixtures';

/** The resource both demo APIs accept: `/api/reports` (global) and `/api/organizations/[id]/reports`. */
const REPORTS = 'https://reports.example.com';
const ORGANIZATIONS_RESOURCE = 'urn:logto:resource:organizations';
const SCOPES = 'urn:logto:scope:organizations read:reports read:members';

const organizationReports = (organizationId: string) => `/api/organizations/${encodeURIComponent(organizationId)}/reports`;

/** The user's first two organizations (the test user belongs to two in both modes). */
async function twoOrganizations(page: Page): Promise<[string, string]> {
  const organizations = ((await signedInClaims(page)).organizations as string[] | undefined) ?? [];
  expect(organizations.length, 'the test user belongs to two organizations').toBeGreaterThanOrEqual(2);
  return [organizations[0]!, organizations[1]!];
}

/** Status, body `error` and the RFC 6750 `error` of a refusal. */
async function refusal(response: APIResponse) {
  const body = (await response.json()) as { error?: string };
  const challenge = response.headers()['www-authenticate'] ?? '';
  return { status: response.status(), error: body.error, bearerError: /error="([^"]+)"/.exec(challenge)?.[1] };
}

test('organizations page: the organization-level API answers 200 to the organization’s own token', async ({ page, organizationsPage }) => {
  const [first, second] = await twoOrganizations(page);
  for (const organizationId of [first, second]) {
    await organizationsPage.goto(organizationId);
    await expect(organizationsPage.organizationApi).toContainText(`GET ${organizationReports(organizationId)}`);
    await expect(organizationsPage.apiStatus).toHaveText('200');
    await expect(organizationsPage.apiBody).toContainText(`"organizationId": "${organizationId}"`);
  }
});

test.describe('tokens presented to the APIs', () => {
  let first: string;
  let second: string;
  let global: MintedToken;
  let own: MintedToken;
  let other: MintedToken;

  test.beforeEach(async ({ page, apiTokens }) => {
    [first, second] = await twoOrganizations(page);
    await apiTokens.authorize([REPORTS, ORGANIZATIONS_RESOURCE], SCOPES);
    global = await apiTokens.mint({ resource: REPORTS });
    own = await apiTokens.mint({ resource: REPORTS, organizationId: first });
    other = await apiTokens.mint({ resource: REPORTS, organizationId: second });
  });

  const get = (request: APIRequestContext, path: string, token: MintedToken) =>
    request.get(path, { headers: { authorization: `Bearer ${token.token}` } });

  test('the organization-level API: own organization 200, another organization 403, a global token 403', async ({ request }) => {
    const ok = await get(request, organizationReports(first), own);
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({ organizationId: first, scopes: expect.arrayContaining(['read:reports']) });

    expect(await refusal(await get(request, organizationReports(first), other))).toEqual({
      status: 403,
      error: 'organization_mismatch',
      bearerError: 'insufficient_scope',
    });
    expect(await refusal(await get(request, organizationReports(first), global))).toEqual({
      status: 403,
      error: 'organization_required',
      bearerError: 'insufficient_scope',
    });
    // The same token that was refused for the first organization is accepted for its own.
    expect((await get(request, organizationReports(second), other)).status()).toBe(200);
  });

  test('the global API refuses an organization-scoped token with 403 and accepts the global one', async ({ request }) => {
    expect(await refusal(await get(request, '/api/reports', own))).toEqual({
      status: 403,
      error: 'organization_not_allowed',
      bearerError: 'insufficient_scope',
    });
    expect((await get(request, '/api/reports', global)).status()).toBe(200);
  });

  test('Logto sends RFC 9068’s client_id and jti in resource, organization-scoped and organization tokens', async ({ apiTokens }) => {
    const organization = await apiTokens.mint({ organizationId: first });
    const expectations: [MintedToken, Record<string, unknown>][] = [
      [global, { aud: REPORTS }],
      [own, { aud: REPORTS, organization_id: first }],
      [organization, { aud: `urn:logto:organization:${first}` }],
    ];
    for (const [{ claims }, shape] of expectations) {
      expect(claims).toMatchObject({ ...shape, client_id: expect.stringMatching(/.+/), jti: expect.stringMatching(/.+/) });
    }
    expect(global.claims).not.toHaveProperty('organization_id');
    expect(organization.claims).not.toHaveProperty('organization_id');
    test.info().annotations.push({
      type: 'claims',
      description: expectations.map(([{ claims }]) => Object.keys(claims).join(' ')).join(' | '),
    });
  });
});
