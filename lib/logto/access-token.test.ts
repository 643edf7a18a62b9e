import { afterEach, describe, expect, it } from 'vitest';

import { bearerChallenge, parseBearerToken, verifyAccessToken, type VerifyAccessTokenOptions } from './access-token.js';
import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { LogtoError, logtoErrorMessages } from './errors.js';
import { clearJwksCache } from './jwks.js';
import { createMockIdp } from './test-utils/mock-idp.js';
import observedSignIn from './test-utils/observed/sign-in.json';
import { rejectedCode as codeOf, thrownCode } from './test-utils/errors.js';

const api = 'https://api.example.com';
const nowSec = () => Math.floor(Date.now() / 1000);

const setup = async () => {
  const idp = await createMockIdp();
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  const verify = (token: string, extra: Partial<VerifyAccessTokenOptions> = {}) =>
    verifyAccessToken(token, { discovery, audience: api, fetch: idp.fetch, ...extra });
  return { idp, verify };
};

afterEach(() => {
  clearDiscoveryCache();
  clearJwksCache();
});

describe('parseBearerToken', () => {
  it('reads exactly one token with a case-insensitive scheme', () => {
    expect(parseBearerToken('Bearer abc.def-ghi_jkl~')).toBe('abc.def-ghi_jkl~');
    expect(parseBearerToken('bearer abc')).toBe('abc');
    expect(parseBearerToken('BEARER  abc==')).toBe('abc==');
  });

  it.each([null, undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a b', 'Bearer a,b', 'Token abc', 'Bearerabc'])(
    'rejects %j as access_token.missing',
    (header) => {
      expect(thrownCode(() => parseBearerToken(header))).toBe('access_token.missing');
    },
  );
});

describe('verifyAccessToken', () => {
  it('accepts a Logto API-resource token (typ at+jwt) with its observed claim shape', async () => {
    const { idp, verify } = await setup();
    const { jti, sub, scope, client_id, aud } = observedSignIn.api_resource_access_token_claims;
    const token = await idp.signAccessToken({ jti, sub, scope, client_id, aud });
    await expect(verify(token, { requiredScopes: ['read'] })).resolves.toMatchObject({
      jti,
      sub,
      scope: 'read write',
      client_id,
      aud: api,
      iss: idp.issuer,
    });
  });

  it('accepts typ application/at+jwt', async () => {
    const { idp, verify } = await setup();
    await expect(verify(await idp.signAccessToken({}, { typ: 'application/at+jwt' }))).resolves.toBeDefined();
  });

  it('accepts an organization token for its URN audience, and one of several audiences', async () => {
    const { idp, verify } = await setup();
    const organization = observedSignIn.organization_token_claims;
    const token = await idp.signAccessToken({ aud: organization.aud, scope: organization.scope });
    await expect(verify(token, { audience: organization.aud, requiredScopes: ['read:members'] })).resolves.toMatchObject({
      aud: 'urn:logto:organization:5cwr352q7v3q',
    });
    await expect(verify(await idp.signAccessToken(), { audience: ['https://other.example.com', api] })).resolves.toBeDefined();
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>?]>([
    ['a wrong aud', { aud: 'https://other.example.com' }],
    ['a wrong iss', { iss: 'https://evil.logto.test/oidc' }],
    ['an expired token', { exp: nowSec() - 120, iat: nowSec() - 3720 }],
    ['no exp', { exp: undefined }],
    ['no sub', { sub: undefined }],
    ['no client_id (RFC 9068 section 2.2)', { client_id: undefined }],
    ['an empty client_id', { client_id: '' }],
    ['a numeric client_id', { client_id: 7 }],
    ['no jti (RFC 9068 section 2.2)', { jti: undefined }],
    ['an empty jti', { jti: '' }],
    ['a numeric scope', { scope: 7 }],
    ['typ JWT (an ID token is not an access token)', {}, { typ: 'JWT' }],
    ['no typ (RFC 9068 requires at+jwt)', {}, { typ: undefined }],
    ['an HS256 signature', {}, { alg: 'HS256' }],
    ['an unknown kid', {}, { kid: 'nope' }],
  ])('rejects %s as access_token.invalid', async (_name, claims, header) => {
    const { idp, verify } = await setup();
    const key = header?.alg === 'HS256' ? new TextEncoder().encode('x'.repeat(32)) : undefined;
    expect(await codeOf(verify(await idp.signAccessToken(claims, header, { key })))).toBe('access_token.invalid');
  });

  it('rejects an ID token presented as an access token', async () => {
    const { idp, verify } = await setup();
    const idToken = await idp.signIdToken({}, { typ: 'JWT' });
    expect(await codeOf(verify(idToken, { audience: idp.clientId }))).toBe('access_token.invalid');
    expect(await codeOf(verify('opaque-token'))).toBe('access_token.invalid');
  });

  it('rejects missing scopes as access_token.insufficient_scope', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signAccessToken({ scope: 'read' });
    expect(await codeOf(verify(token, { requiredScopes: ['read', 'write'] }))).toBe('access_token.insufficient_scope');
    const noScope = await idp.signAccessToken({ scope: undefined });
    expect(await codeOf(verify(noScope, { requiredScopes: ['read'] }))).toBe('access_token.insufficient_scope');
    await expect(verify(noScope)).resolves.toBeDefined();
  });

  it('refuses an organization-scoped token where no organization is expected (a global API)', async () => {
    const { idp, verify } = await setup();
    const scoped = await idp.signAccessToken({ scope: 'read', organization_id: 'acme' });
    expect(await codeOf(verify(scoped, { requiredScopes: ['read'] }))).toBe('access_token.organization_not_allowed');
    // The claim's presence decides, whatever its value.
    expect(await codeOf(verify(await idp.signAccessToken({ organization_id: '' })))).toBe('access_token.organization_not_allowed');
  });

  it('requires the expected organization for an organization-level API', async () => {
    const { idp, verify } = await setup();
    const acme = await idp.signAccessToken({ scope: 'read', organization_id: 'acme' });
    await expect(verify(acme, { organizationId: 'acme', requiredScopes: ['read'] })).resolves.toMatchObject({ organization_id: 'acme' });
    expect(await codeOf(verify(acme, { organizationId: 'globex' }))).toBe('access_token.organization_mismatch');
    expect(await codeOf(verify(acme, { organizationId: 'ACME' }))).toBe('access_token.organization_mismatch');
    expect(await codeOf(verify(await idp.signAccessToken({ scope: 'read' }), { organizationId: 'acme' }))).toBe(
      'access_token.organization_required',
    );
  });

  it('checks the organization before the scopes', async () => {
    const { idp, verify } = await setup();
    const globexWithoutScope = await idp.signAccessToken({ scope: '', organization_id: 'globex' });
    expect(await codeOf(verify(globexWithoutScope, { organizationId: 'acme', requiredScopes: ['read'] }))).toBe(
      'access_token.organization_mismatch',
    );
    const acmeWithoutScope = await idp.signAccessToken({ scope: '', organization_id: 'acme' });
    expect(await codeOf(verify(acmeWithoutScope, { organizationId: 'acme', requiredScopes: ['read'] }))).toBe(
      'access_token.insufficient_scope',
    );
  });

  it('refuses an empty expected organization as a caller mistake', async () => {
    const { idp, verify } = await setup();
    await expect(verify(await idp.signAccessToken({ organization_id: '' }), { organizationId: '' })).rejects.toThrow(TypeError);
  });

  it('reports an unreachable JWKS as jwks.request_failed, not as an invalid token', async () => {
    const { idp, verify } = await setup();
    idp.use('jwks', { type: 'respond', status: 503, body: 'down' }, 1);
    expect(await codeOf(verify(await idp.signAccessToken()))).toBe('jwks.request_failed');
  });
});

describe('bearerChallenge', () => {
  it('builds RFC 6750 challenges', () => {
    expect(bearerChallenge(new LogtoError('access_token.missing'), { realm: 'api' })).toBe('Bearer realm="api"');
    expect(bearerChallenge(new LogtoError('access_token.missing'))).toBe('Bearer');
    expect(bearerChallenge(new LogtoError('access_token.invalid'), { realm: 'api' })).toBe(
      'Bearer realm="api", error="invalid_token", error_description="The access token is invalid."',
    );
    expect(
      bearerChallenge(new LogtoError('access_token.insufficient_scope'), { realm: 'api', requiredScopes: ['read', 'write'] }),
    ).toBe(
      'Bearer realm="api", error="insufficient_scope", error_description="The access token lacks a required scope.", scope="read write"',
    );
  });

  it('calls a token of the wrong organization, or without one, insufficient_scope (403), without a scope', () => {
    for (const code of [
      'access_token.organization_not_allowed',
      'access_token.organization_required',
      'access_token.organization_mismatch',
    ] as const) {
      expect(bearerChallenge(new LogtoError(code), { realm: 'api', requiredScopes: ['read'] })).toBe(
        `Bearer realm="api", error="insufficient_scope", error_description="${logtoErrorMessages[code]}"`,
      );
    }
  });

  it('strips characters that would break the quoted strings', () => {
    expect(bearerChallenge(new LogtoError('access_token.missing'), { realm: 'a"b\\c\r\nd' })).toBe('Bearer realm="abcd"');
  });
});
