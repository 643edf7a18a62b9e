import { afterEach, describe, expect, it } from 'vitest';

import { verifyAccessToken } from './access-token.js';
import { buildAuthorizationUrl, createPkcePair, randomToken } from './authorization.js';
import { validateCallback } from './callback.js';
import { decodeAccessTokenClaims } from './claims.js';
import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { verifyIdToken } from './id-token.js';
import { clearJwksCache } from './jwks.js';
import { buildOrganizationUrn, UserScope } from './scopes.js';
import { rejection } from './test-utils/errors.js';
import { createMockIdp, type MockIdpOptions } from './test-utils/mock-idp.js';
import { codeGrantRequest, processTokenResponse, refreshGrantRequest } from './token.js';
import { processUserinfoResponse, userinfoRequest } from './userinfo.js';

const redirectUri = 'https://app.example.com/api/logto/callback';
const api = 'https://api.example.com';
const organizationId = '5cwr352q7v3q';
const nowSec = () => Math.floor(Date.now() / 1000);

afterEach(() => {
  clearDiscoveryCache();
  clearJwksCache();
});

const signIn = async (options: MockIdpOptions = {}, prompt?: string) => {
  const idp = await createMockIdp(options);
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  const client = { clientId: idp.clientId, clientSecret: idp.clientSecret };
  const { verifier, challenge } = await createPkcePair();
  const state = randomToken();
  const nonce = randomToken();
  const authorizationUrl = buildAuthorizationUrl(discovery, {
    clientId: idp.clientId,
    redirectUri,
    state,
    nonce,
    codeChallenge: challenge,
    scopes: ['email', 'roles', UserScope.Organizations, UserScope.OrganizationRoles],
    resources: [api],
    prompt,
  });
  const callbackUrl = await idp.authorize(authorizationUrl);
  const { code } = validateCallback(callbackUrl, { state, issuer: discovery.issuer });
  const requestedAt = nowSec();
  const tokens = await processTokenResponse(
    await codeGrantRequest(discovery, { ...client, code, codeVerifier: verifier, redirectUri }, { fetch: idp.fetch }),
    { requestedAt },
  );
  return { idp, discovery, client, tokens, nonce, verifier, code, requestedAt };
};

describe('a full sign-in against the mock IdP', () => {
  it('authorizes, exchanges the code, verifies the ID token and reads userinfo', async () => {
    const { idp, discovery, tokens, nonce, requestedAt } = await signIn();
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresAt).toBe(requestedAt + 3600);
    expect(tokens.scope).toBe(
      'openid offline_access profile email roles urn:logto:scope:organizations urn:logto:scope:organization_roles',
    );
    expect(tokens.refreshToken).toBeDefined();
    const claims = await verifyIdToken(tokens.idToken ?? '', {
      discovery,
      clientId: idp.clientId,
      fetch: idp.fetch,
      nonce,
    });
    expect(claims).toMatchObject({ sub: idp.subject, nonce, organizations: [organizationId] });
    const userinfo = await processUserinfoResponse(
      await userinfoRequest(discovery, tokens.accessToken, { fetch: idp.fetch }),
      { expectedSubject: claims.sub },
    );
    expect(userinfo.organization_data?.[0]?.name).toBe('Acme');
    expect(idp.requests.find((request) => request.route === 'auth')?.url.searchParams.getAll('resource')).toEqual([
      api,
      'urn:logto:resource:organizations',
    ]);
  });

  it('refuses a replayed code and a wrong PKCE verifier', async () => {
    const { idp, discovery, client, code, verifier } = await signIn();
    const replay = await rejection(
      processTokenResponse(
        await codeGrantRequest(discovery, { ...client, code, codeVerifier: verifier, redirectUri }, { fetch: idp.fetch }),
        { requestedAt: 0 },
      ),
    );
    expect(replay).toMatchObject({ code: 'token.error_response', error: 'invalid_grant' });

    const fresh = idp.issueCode({ redirectUri, codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
    const wrongVerifier = await rejection(
      processTokenResponse(
        await codeGrantRequest(discovery, { ...client, code: fresh, codeVerifier: verifier, redirectUri }, { fetch: idp.fetch }),
        { requestedAt: 0 },
      ),
    );
    expect(wrongVerifier).toMatchObject({ code: 'token.error_response', error: 'invalid_grant' });
  });

  it('gets no refresh token without prompt=consent', async () => {
    const { tokens } = await signIn({}, 'login');
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.scope).not.toContain('offline_access');
  });

  it('mints resource and organization tokens by refresh, with a fresh ID token each time', async () => {
    const { idp, discovery, client, tokens, nonce } = await signIn();
    const refreshToken = tokens.refreshToken ?? '';

    const resourceTokens = await processTokenResponse(
      await refreshGrantRequest(discovery, { ...client, refreshToken, resource: api }, { fetch: idp.fetch }),
      { requestedAt: nowSec() },
    );
    expect(resourceTokens.scope).toBe('read write');
    expect(resourceTokens.refreshToken).toBe(refreshToken);
    await expect(
      verifyAccessToken(resourceTokens.accessToken, {
        discovery,
        audience: api,
        requiredScopes: ['read'],
        fetch: idp.fetch,
      }),
    ).resolves.toMatchObject({ aud: api, client_id: idp.clientId });
    await expect(
      verifyIdToken(resourceTokens.idToken ?? '', {
        discovery,
        clientId: idp.clientId,
        fetch: idp.fetch,
        expectedSubject: idp.subject,
      }),
    ).resolves.toMatchObject({ nonce });

    const organizationTokens = await processTokenResponse(
      await refreshGrantRequest(discovery, { ...client, refreshToken, organizationId }, { fetch: idp.fetch }),
      { requestedAt: nowSec() },
    );
    expect(decodeAccessTokenClaims(organizationTokens.accessToken)).toMatchObject({
      aud: buildOrganizationUrn(organizationId),
      scope: 'read:members',
    });

    const notRequested = await rejection(
      processTokenResponse(
        await refreshGrantRequest(discovery, { ...client, refreshToken, resource: 'https://billing.example.com' }, { fetch: idp.fetch }),
        { requestedAt: 0 },
      ),
    );
    expect(notRequested).toMatchObject({ code: 'token.error_response', error: 'invalid_target', status: 400 });

    const notMember = await rejection(
      processTokenResponse(
        await refreshGrantRequest(discovery, { ...client, refreshToken, organizationId: 'other-org' }, { fetch: idp.fetch }),
        { requestedAt: 0 },
      ),
    );
    expect(notMember).toMatchObject({ code: 'token.error_response', error: 'access_denied', status: 403 });
    expect(idp.calls.token).toBe(5);
  });

  it('rotates refresh tokens and revokes the grant on reuse when configured', async () => {
    const { idp, discovery, client, tokens } = await signIn({ rotateRefreshTokens: true });
    const first = tokens.refreshToken ?? '';
    const rotated = await processTokenResponse(
      await refreshGrantRequest(discovery, { ...client, refreshToken: first }, { fetch: idp.fetch }),
      { requestedAt: 0 },
    );
    expect(rotated.refreshToken).not.toBe(first);
    const reuse = await rejection(
      processTokenResponse(
        await refreshGrantRequest(discovery, { ...client, refreshToken: first }, { fetch: idp.fetch }),
        { requestedAt: 0 },
      ),
    );
    expect(reuse).toMatchObject({ error: 'invalid_grant' });
    expect(idp.isRefreshTokenActive(rotated.refreshToken ?? '')).toBe(false);
  });

  it('lets a test delay the token endpoint and count the calls', async () => {
    const { idp, discovery, client, tokens } = await signIn();
    idp.use('token', { type: 'delay', ms: 30 }, 2);
    const started = Date.now();
    await Promise.all([
      refreshGrantRequest(discovery, { ...client, refreshToken: tokens.refreshToken ?? '' }, { fetch: idp.fetch }),
      refreshGrantRequest(discovery, { ...client, refreshToken: tokens.refreshToken ?? '' }, { fetch: idp.fetch }),
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(idp.calls.token).toBe(3);
  });

  it('rejects wrong client credentials with invalid_client', async () => {
    const { idp, discovery, tokens } = await signIn();
    const error = await rejection(
      processTokenResponse(
        await refreshGrantRequest(
          discovery,
          { clientId: idp.clientId, clientSecret: 'wrong', refreshToken: tokens.refreshToken ?? '' },
          { fetch: idp.fetch },
        ),
        { requestedAt: 0 },
      ),
    );
    expect(error).toMatchObject({ code: 'token.error_response', error: 'invalid_client', status: 401 });
  });
});
