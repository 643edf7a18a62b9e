import { decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { RunningEmulator } from './server';
import {
  authorizationRequest,
  basicAuth,
  newBrowser,
  openSignIn,
  refresh,
  signedInTokens,
  startTestEmulator,
  userinfo,
  verifyAccessToken,
  verifyIdToken,
} from './test-utils/flows';

const REPORTS = 'https://reports.example.com';
const BILLING = 'https://billing.example.com';
const ORGANIZATIONS = 'urn:logto:resource:organizations';
const API_SCOPES = 'read:reports write:reports read:invoices write:invoices';
const ORG_SCOPES = 'urn:logto:scope:organizations urn:logto:scope:organization_roles read:members write:members read:projects';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ testControls: true });
});

beforeEach(() => {
  emulator.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await emulator.close();
});

async function setConfig(config: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.internalUrl}/__test/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(response.status).toBe(200);
}

/** Moves the clock of this process (and so of the in-process emulator) forward. */
function advanceClock(seconds: number): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() + seconds * 1000);
}

async function introspect(token: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.internalUrl}/oidc/token/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(emulator) },
    body: new URLSearchParams({ token }),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('refresh_token grant per API resource', () => {
  it('issues an at+jwt access token for the resource with RBAC-filtered scopes and a new ID token', async () => {
    const { tokens, request } = await signedInTokens(emulator, 'alice', {
      scope: `openid offline_access profile roles ${API_SCOPES}`,
      resources: [REPORTS, BILLING],
    });
    const refreshToken = tokens.refresh_token ?? '';

    const reports = await refresh(emulator, refreshToken, { resource: REPORTS });
    expect(reports.status).toBe(200);
    expect(Object.keys(reports.body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    expect(reports.body.scope).toBe('read:reports write:reports');
    const accessToken = String(reports.body.access_token);
    expect(decodeProtectedHeader(accessToken)).toEqual({ alg: 'ES384', typ: 'at+jwt', kid: emulator.publicJwk.kid });
    const { payload } = await verifyAccessToken(emulator, accessToken, REPORTS);
    expect(Object.keys(payload)).toEqual(['jti', 'sub', 'iat', 'exp', 'scope', 'client_id', 'iss', 'aud']);
    expect(payload).toMatchObject({ sub: 'alice0000001', scope: 'read:reports write:reports', client_id: 'logto-next-demo', aud: REPORTS });
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);

    // An ID token comes with every refresh and keeps the original nonce.
    const idToken = await verifyIdToken(emulator, String(reports.body.id_token), request.nonce);
    expect(idToken.payload.roles).toEqual(['reports-admin', 'billing-viewer']);

    // billing-viewer only grants read:invoices, although write:invoices was requested.
    const billing = await refresh(emulator, refreshToken, { resource: BILLING });
    expect(billing.body.scope).toBe('read:invoices');
    expect((await verifyAccessToken(emulator, String(billing.body.access_token), BILLING)).payload.scope).toBe('read:invoices');

    // A resource JWT is not accepted by the userinfo endpoint.
    const me = await userinfo(emulator, accessToken);
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ code: 'oidc.invalid_token', error: 'invalid_token' });
  });

  it('filters by the roles the user holds (demo is only a reports-reader)', async () => {
    const { tokens } = await signedInTokens(emulator, 'demo', { scope: `openid offline_access ${API_SCOPES}`, resources: [REPORTS] });
    const reports = await refresh(emulator, tokens.refresh_token ?? '', { resource: REPORTS });
    expect(reports.body.scope).toBe('read:reports');
  });

  it('gives a token with scope "" when the user holds no permission for the resource, as Logto does', async () => {
    const { tokens } = await signedInTokens(emulator, 'demo', { scope: `openid offline_access ${API_SCOPES}`, resources: [BILLING] });
    const billing = await refresh(emulator, tokens.refresh_token ?? '', { resource: BILLING });
    expect(billing.body.scope).toBe('');
    expect((await verifyAccessToken(emulator, String(billing.body.access_token), BILLING)).payload.scope).toBe('');
  });

  it('gives an organization-scoped resource token the user\'s global-role permissions, as Logto 1.37 does', async () => {
    const { tokens } = await signedInTokens(emulator, 'olivia', {
      scope: `openid offline_access urn:logto:scope:organizations ${API_SCOPES}`,
      resources: [REPORTS],
    });
    const scoped = await refresh(emulator, tokens.refresh_token ?? '', { resource: REPORTS, organization_id: 'acme00000001' });
    expect(scoped.status).toBe(200);
    const { payload } = await verifyAccessToken(emulator, String(scoped.body.access_token), REPORTS);
    expect(payload).toMatchObject({ aud: REPORTS, organization_id: 'acme00000001', scope: 'read:reports' });
  });

  it('answers invalid_target for a resource that was not requested at /auth', async () => {
    const { tokens } = await signedInTokens(emulator, 'alice', { scope: `openid offline_access ${API_SCOPES}`, resources: [REPORTS] });
    const billing = await refresh(emulator, tokens.refresh_token ?? '', { resource: BILLING });
    expect(billing.status).toBe(400);
    expect(billing.body).toEqual({
      code: 'oidc.invalid_target',
      message: 'Invalid resource indicator.',
      error: 'invalid_target',
      error_description: 'resource indicator is missing, or unknown',
    });
  });

  it('redirects an unknown resource at /auth back with error=invalid_target', async () => {
    const browser = newBrowser(emulator);
    const request = authorizationRequest(emulator, { resources: ['https://unknown.example.com'] });
    const response = await browser.get(request.url);
    const location = new URL(response.location ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_target');
    expect(location.searchParams.get('state')).toBe(request.state);
  });

  it('returns a new opaque userinfo token for a plain refresh', async () => {
    const { tokens } = await signedInTokens(emulator, 'alice', { scope: 'openid offline_access profile custom_data', resources: [REPORTS] });
    const plain = await refresh(emulator, tokens.refresh_token ?? '');
    expect(plain.status).toBe(200);
    expect(String(plain.body.access_token).split('.')).toHaveLength(1);
    expect(plain.body.scope).toBe('openid offline_access profile custom_data');
    expect((await userinfo(emulator, String(plain.body.access_token))).body.custom_data).toEqual({ plan: 'pro', beta: true });
  });
});

describe('organization tokens', () => {
  async function oliviaTokens(scope = `openid offline_access profile ${ORG_SCOPES}`) {
    return signedInTokens(emulator, 'olivia', { scope, resources: [ORGANIZATIONS] });
  }

  it('issues a token per organization with the role permissions ∩ requested scopes', async () => {
    const { tokens } = await oliviaTokens();
    const acme = await refresh(emulator, tokens.refresh_token ?? '', { organization_id: 'acme00000001' });
    expect(acme.status).toBe(200);
    // In scope-id order, like Logto, not the template's order.
    expect(acme.body.scope).toBe('read:members read:projects write:members');
    expect(acme.body.id_token).toBeTruthy();
    const { payload } = await verifyAccessToken(emulator, String(acme.body.access_token), 'urn:logto:organization:acme00000001');
    expect(payload).toMatchObject({ sub: 'olivia000001', scope: 'read:members read:projects write:members' });
    expect(payload).not.toHaveProperty('organization_id');
    // RFC 9068 section 2.2, as Logto sends them (docs/logto-protocol.md, "Organization tokens").
    expect(payload).toMatchObject({ jti: expect.stringMatching(/.+/), client_id: 'logto-next-demo' });

    const globex = await refresh(emulator, tokens.refresh_token ?? '', { organization_id: 'globex000001' });
    expect(globex.body.scope).toBe('read:members read:projects');
  });

  it('only grants the organization scopes that were requested', async () => {
    const { tokens } = await oliviaTokens('openid offline_access urn:logto:scope:organizations read:members');
    const acme = await refresh(emulator, tokens.refresh_token ?? '', { organization_id: 'acme00000001' });
    expect(acme.body.scope).toBe('read:members');
  });

  it('answers 403 access_denied for an organization the user is not a member of', async () => {
    const { tokens } = await signedInTokens(emulator, 'alice', { scope: `openid offline_access ${ORG_SCOPES}`, resources: [ORGANIZATIONS] });
    const denied = await refresh(emulator, tokens.refresh_token ?? '', { organization_id: 'acme00000001' });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      code: 'oidc.access_denied',
      message: 'Access denied.',
      error: 'access_denied',
      error_description: 'user is not a member of the organization',
    });
  });

  it('answers 403 insufficient_scope without urn:logto:scope:organizations', async () => {
    const { tokens } = await oliviaTokens('openid offline_access profile');
    const denied = await refresh(emulator, tokens.refresh_token ?? '', { organization_id: 'acme00000001' });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'oidc.insufficient_scope', error: 'insufficient_scope', scope: 'urn:logto:scope:organizations' });
  });

  it('adds organization_id to an API token requested for an organization', async () => {
    const { tokens } = await signedInTokens(emulator, 'olivia', {
      scope: `openid offline_access ${ORG_SCOPES} read:reports`,
      resources: [REPORTS, ORGANIZATIONS],
    });
    const response = await refresh(emulator, tokens.refresh_token ?? '', { resource: REPORTS, organization_id: 'acme00000001' });
    expect(response.status).toBe(200);
    const { payload } = await verifyAccessToken(emulator, String(response.body.access_token), REPORTS);
    expect(payload.organization_id).toBe('acme00000001');
    expect(Object.keys(payload)).toEqual(['organization_id', 'jti', 'sub', 'iat', 'exp', 'scope', 'client_id', 'iss', 'aud']);
    expect(payload).toMatchObject({ jti: expect.stringMatching(/.+/), client_id: 'logto-next-demo' });
  });
});

describe('refresh token rotation and reuse', () => {
  it('logto mode echoes the same refresh token before 70 % of its TTL', async () => {
    const { tokens } = await signedInTokens(emulator, 'alice');
    const first = await refresh(emulator, tokens.refresh_token ?? '');
    const second = await refresh(emulator, tokens.refresh_token ?? '');
    expect(first.body.refresh_token).toBe(tokens.refresh_token);
    expect(second.body.refresh_token).toBe(tokens.refresh_token);
  });

  it('logto mode rotates at >= 70 % of the TTL and gives the new token a fresh full TTL', async () => {
    await setConfig({ refreshTokenTtl: 100 });
    const { tokens } = await signedInTokens(emulator, 'alice');
    advanceClock(71);
    const rotated = await refresh(emulator, tokens.refresh_token ?? '');
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    const details = await introspect(String(rotated.body.refresh_token));
    expect(details).toMatchObject({ active: true, client_id: 'logto-next-demo', sub: 'alice0000001' });
    expect(Number(details.exp) - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(99);
  });

  it('always mode rotates, honours the reuse grace, then revokes the grant on reuse', async () => {
    await setConfig({ rotation: 'always', reuseGrace: 2 });
    const { tokens } = await signedInTokens(emulator, 'alice', { resources: [REPORTS], scope: 'openid offline_access read:reports' });
    const original = tokens.refresh_token ?? '';

    const rotated = await refresh(emulator, original);
    const newer = String(rotated.body.refresh_token);
    expect(newer).not.toBe(original);

    // Within the grace window the old token still works and mints yet another token.
    const graced = await refresh(emulator, original);
    expect(graced.status).toBe(200);
    expect(graced.body.refresh_token).not.toBe(original);
    expect(graced.body.refresh_token).not.toBe(newer);

    advanceClock(3);
    const reused = await refresh(emulator, original);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ code: 'oidc.invalid_grant', error: 'invalid_grant', error_uri: 'https://openid.sh/debug/invalid_grant' });

    // The whole grant is gone: the newest refresh token and the access tokens fail too.
    expect((await refresh(emulator, String(graced.body.refresh_token))).body.error).toBe('invalid_grant');
    expect((await refresh(emulator, newer, { resource: REPORTS })).body.error).toBe('invalid_grant');
    expect((await userinfo(emulator, tokens.access_token)).status).toBe(401);
  });

  it('applies EMULATOR_ACCESS_TOKEN_TTL to access and ID tokens', async () => {
    await setConfig({ accessTokenTtl: 120 });
    const { tokens } = await signedInTokens(emulator, 'alice', { resources: [REPORTS], scope: 'openid offline_access read:reports' });
    expect(tokens.expires_in).toBe(120);
    const { payload } = await verifyIdToken(emulator, tokens.id_token);
    expect(payload.exp).toBe((payload.iat ?? 0) + 120);
    const reports = await refresh(emulator, tokens.refresh_token ?? '', { resource: REPORTS });
    expect(reports.body.expires_in).toBe(120);
  });
});

describe('revocation', () => {
  it('answers 200 with an empty body and revokes the whole grant', async () => {
    const { tokens } = await signedInTokens(emulator, 'alice');
    const response = await fetch(`${emulator.internalUrl}/oidc/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(emulator) },
      body: new URLSearchParams({ token: tokens.refresh_token ?? '', client_id: emulator.app.clientId }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect((await refresh(emulator, tokens.refresh_token ?? '')).body.error).toBe('invalid_grant');
    expect((await userinfo(emulator, tokens.access_token)).status).toBe(401);
  });
});

describe('end session', () => {
  async function endSession(browser: ReturnType<typeof newBrowser>, postLogoutRedirectUri: string) {
    const url = new URL(`${emulator.issuer}/session/end`);
    url.searchParams.set('client_id', emulator.app.clientId);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
    url.searchParams.set('state', 'bye');
    return browser.get(url.href);
  }

  it('signs the browser out and 303s to a registered post-logout URI; refresh tokens survive', async () => {
    const { tokens, browser } = await signedInTokens(emulator, 'alice');
    const page = await endSession(browser, 'http://localhost:3000/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('document.getElementById(\'op.logoutForm\').submit()');
    const done = await browser.submit(page, 'Sign out');
    expect(done.status).toBe(303);
    expect(done.location).toBe('http://localhost:3000/?state=bye');

    // The emulator session is gone: the next authorization shows the sign-in page again.
    const next = await openSignIn(emulator, browser, authorizationRequest(emulator));
    expect(new URL(next.url).pathname).toMatch(/\/sign-in$/);

    // Like Logto, an offline_access grant survives end-session.
    expect((await refresh(emulator, tokens.refresh_token ?? '')).status).toBe(200);
  });

  it('rejects an unregistered post_logout_redirect_uri with 400 invalid_request', async () => {
    const response = await endSession(newBrowser(emulator), 'https://evil.example.com/');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'oidc.invalid_request',
      error: 'invalid_request',
      error_description: 'post_logout_redirect_uri not registered',
    });
  });
});
