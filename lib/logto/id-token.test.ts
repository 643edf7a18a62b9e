import { generateKeyPair } from 'jose/key/generate/keypair';
import { UnsecuredJWT } from 'jose/jwt/unsecured';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { verifyIdToken, type VerifyIdTokenOptions } from './id-token.js';
import { clearJwksCache, JWKS_COOLDOWN_MS } from './jwks.js';
import { createMockIdp, type MockIdpOptions } from './test-utils/mock-idp.js';
import observedJwks from './test-utils/observed/jwks.json';
import observedSignIn from './test-utils/observed/sign-in.json';
import { rejectedCode as codeOf } from './test-utils/errors.js';

const setup = async (options?: MockIdpOptions) => {
  const idp = await createMockIdp(options);
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  const verify = (token: string, extra: Partial<VerifyIdTokenOptions> = {}) =>
    verifyIdToken(token, { discovery, clientId: idp.clientId, fetch: idp.fetch, ...extra });
  return { idp, discovery, verify };
};

const nowSec = () => Math.floor(Date.now() / 1000);

afterEach(() => {
  vi.useRealTimers();
  clearDiscoveryCache();
  clearJwksCache();
});

describe('verifyIdToken: accepted tokens', () => {
  it('accepts a Logto 1.42+ token (ES384, no typ, no at_hash) and narrows its claims', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signIdToken({ nonce: 'n-1' });
    const claims = await verify(token, { nonce: 'n-1' });
    const registered = new Set(['nonce', 'at_hash', 'aud', 'exp', 'iat', 'iss']);
    const profile = Object.fromEntries(
      Object.entries(observedSignIn.id_token_claims).filter(([name]) => !registered.has(name)),
    );
    expect(claims).toMatchObject({ ...profile, iss: idp.issuer, aud: idp.clientId, nonce: 'n-1' });
    expect(claims.sub).toBe(observedSignIn.id_token_claims.sub);
    expect(claims).not.toHaveProperty('at_hash');
    expect(claims.created_at).toBe(1795316398136);
    expect(claims.picture).toBeNull();
    expect(idp.calls.jwks).toBe(1);
  });

  it('accepts a Logto < 1.42 token (typ JWT, at_hash)', async () => {
    const { idp, verify } = await setup({ idTokenHeader: { typ: 'JWT' }, includeAtHash: true });
    const token = await idp.signIdToken();
    await expect(verify(token)).resolves.toMatchObject({ sub: idp.subject, at_hash: expect.any(String) });
  });

  it('accepts RS256 when discovery allows it', async () => {
    const { idp, verify } = await setup({
      alg: 'RS256',
      discovery: { id_token_signing_alg_values_supported: ['RS256'] },
    });
    await expect(verify(await idp.signIdToken())).resolves.toMatchObject({ sub: idp.subject });
  });

  it('does not require a nonce when none is expected (refresh)', async () => {
    const { idp, verify } = await setup();
    await expect(verify(await idp.signIdToken({ nonce: 'from-sign-in' }))).resolves.toBeDefined();
    await expect(verify(await idp.signIdToken())).resolves.toBeDefined();
  });

  it('accepts an audience array holding only the client, with azp naming it', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signIdToken({ aud: [idp.clientId], azp: idp.clientId });
    await expect(verify(token)).resolves.toMatchObject({ aud: [idp.clientId] });
  });

  it('is fed by a mock JWKS shaped like Logto’s (EC P-384, ES384, use sig, kid)', async () => {
    const { idp } = await setup();
    const [served] = idp.jwks().keys;
    const [observed] = observedJwks.keys;
    expect(Object.keys(served ?? {}).sort()).toEqual(Object.keys(observed ?? {}).sort());
    expect(served).toMatchObject({ kty: observed?.kty, crv: observed?.crv, alg: observed?.alg, use: 'sig' });
  });

  it('reuses the cached JWKS across verifications', async () => {
    const { idp, verify } = await setup();
    await verify(await idp.signIdToken());
    await verify(await idp.signIdToken());
    expect(idp.calls.jwks).toBe(1);
  });
});

describe('verifyIdToken: rejections', () => {
  it('rejects a bad signature (tampered payload) as id_token.invalid_signature', async () => {
    const { idp, verify } = await setup();
    const [header, , signature] = (await idp.signIdToken()).split('.');
    const forged = btoa(JSON.stringify({ ...observedSignIn.id_token_claims, iss: idp.issuer, aud: idp.clientId, sub: 'admin', iat: nowSec(), exp: nowSec() + 3600 }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(await codeOf(verify(`${header}.${forged}.${signature}`))).toBe('id_token.invalid_signature');
  });

  it('rejects a token signed by another key under the published kid', async () => {
    const { idp, verify } = await setup();
    const { privateKey } = await generateKeyPair('ES384');
    expect(await codeOf(verify(await idp.signIdToken({}, {}, { key: privateKey })))).toBe('id_token.invalid_signature');
  });

  it('rejects alg none without fetching keys', async () => {
    const { idp, verify } = await setup();
    const token = new UnsecuredJWT({ iss: idp.issuer, aud: idp.clientId, sub: idp.subject, iat: nowSec(), exp: nowSec() + 60 }).encode();
    expect(await codeOf(verify(token))).toBe('id_token.invalid');
    expect(idp.calls.jwks).toBe(0);
  });

  it('rejects HS256 signed with a shared secret (even the client secret)', async () => {
    const { idp, verify } = await setup();
    const secret = new TextEncoder().encode(idp.clientSecret.padEnd(32, 'x'));
    const token = await idp.signIdToken({}, { alg: 'HS256' }, { key: secret });
    expect(await codeOf(verify(token))).toBe('id_token.invalid');
  });

  it('rejects an algorithm the discovery document does not allow', async () => {
    const { idp, verify } = await setup({ alg: 'ES256' });
    expect(await codeOf(verify(await idp.signIdToken()))).toBe('id_token.invalid');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a wrong iss', { iss: 'https://evil.logto.test/oidc' }],
    ['a wrong aud', { aud: 'another-app' }],
    ['several audiences without azp', { aud: ['mock-app', 'another-app'] }],
    ['an azp for another client', { aud: ['mock-app', 'another-app'], azp: 'another-app' }],
    ['a second audience, even with azp = client', { aud: ['mock-app', 'another-app'], azp: 'mock-app' }],
    ['an azp for another client, one audience', { azp: 'another-app' }],
    ['an expired exp (beyond the 60 s tolerance)', { exp: nowSec() - 61, iat: nowSec() - 120 }],
    ['no sub', { sub: undefined }],
    ['no iat', { iat: undefined }],
    ['no exp', { exp: undefined }],
    ['a string created_at', { created_at: '2026-11-22' }],
    ['a numeric email', { email: 42 }],
    ['a string roles claim', { roles: 'admin' }],
    ['a malformed organization_data', { organization_data: [{ id: 1 }] }],
  ])('rejects %s as id_token.invalid', async (_name, claims) => {
    const { idp, verify } = await setup();
    expect(await codeOf(verify(await idp.signIdToken(claims)))).toBe('id_token.invalid');
  });

  it('rejects garbage and access tokens as id_token.invalid', async () => {
    const { idp, verify } = await setup();
    expect(await codeOf(verify('not-a-jwt'))).toBe('id_token.invalid');
    expect(await codeOf(verify(await idp.signIdToken({}, { typ: 'at+jwt' })))).toBe('id_token.invalid');
    expect(await codeOf(verify(await idp.signIdToken({}, { typ: 'logout+jwt' })))).toBe('id_token.invalid');
  });

  it('accepts an expiry inside the clock tolerance', async () => {
    const { idp, verify } = await setup();
    await expect(verify(await idp.signIdToken({ exp: nowSec() - 30, iat: nowSec() - 100 }))).resolves.toBeDefined();
  });

  it('rejects an iat more than 300 s in the future or past as id_token.invalid_iat', async () => {
    const { idp, verify } = await setup();
    expect(await codeOf(verify(await idp.signIdToken({ iat: nowSec() + 400, exp: nowSec() + 4000 })))).toBe(
      'id_token.invalid_iat',
    );
    expect(await codeOf(verify(await idp.signIdToken({ iat: nowSec() - 400, exp: nowSec() + 3000 })))).toBe(
      'id_token.invalid_iat',
    );
    await expect(verify(await idp.signIdToken({ iat: nowSec() + 200 }))).resolves.toBeDefined();
    expect(
      await codeOf(verify(await idp.signIdToken({ iat: nowSec() + 200 }), { maxIatSkewSec: 100 })),
    ).toBe('id_token.invalid_iat');
  });

  it('honours an injected clock', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signIdToken();
    expect(await codeOf(verify(token, { now: () => nowSec() + 7200 }))).toBe('id_token.invalid');
    expect(await codeOf(verify(token, { now: () => nowSec() + 3000 }))).toBe('id_token.invalid_iat');
  });

  it('rejects a wrong or missing nonce when one is expected', async () => {
    const { idp, verify } = await setup();
    expect(await codeOf(verify(await idp.signIdToken({ nonce: 'other' }), { nonce: 'n-1' }))).toBe(
      'id_token.nonce_mismatch',
    );
    expect(await codeOf(verify(await idp.signIdToken({ nonce: 'n-1x' }), { nonce: 'n-1' }))).toBe(
      'id_token.nonce_mismatch',
    );
    expect(await codeOf(verify(await idp.signIdToken(), { nonce: 'n-1' }))).toBe('id_token.nonce_mismatch');
  });

  it('rejects another subject on refresh as id_token.subject_mismatch', async () => {
    const { idp, verify } = await setup();
    expect(await codeOf(verify(await idp.signIdToken({ sub: 'someone-else' }), { expectedSubject: idp.subject }))).toBe(
      'id_token.subject_mismatch',
    );
    await expect(verify(await idp.signIdToken(), { expectedSubject: idp.subject })).resolves.toBeDefined();
  });

  it('reports an unreachable JWKS as jwks.request_failed', async () => {
    const { idp, verify } = await setup();
    idp.use('jwks', { type: 'network_error' }, 1);
    expect(await codeOf(verify(await idp.signIdToken()))).toBe('jwks.request_failed');
    idp.use('jwks', { type: 'respond', status: 500, body: 'oops' }, 1);
    expect(await codeOf(verify(await idp.signIdToken()))).toBe('jwks.request_failed');
    idp.use('jwks', { type: 'respond', status: 200, body: { keys: 'nope' } }, 1);
    expect(await codeOf(verify(await idp.signIdToken()))).toBe('jwks.request_failed');
    await expect(verify(await idp.signIdToken())).resolves.toBeDefined();
  });
});

describe('verifyIdToken: key rotation and unknown kids', () => {
  it('picks up a rotated key with exactly one JWKS refetch', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { idp, verify } = await setup();
    await verify(await idp.signIdToken());
    expect(idp.calls.jwks).toBe(1);

    await idp.rotateKey();
    vi.setSystemTime(Date.now() + JWKS_COOLDOWN_MS + 1000);
    await expect(verify(await idp.signIdToken())).resolves.toMatchObject({ sub: idp.subject });
    expect(idp.calls.jwks).toBe(2);
    await verify(await idp.signIdToken());
    expect(idp.calls.jwks).toBe(2);
  });

  it('refetches once for an unknown kid, then fails with id_token.invalid_signature', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { idp, verify } = await setup();
    await verify(await idp.signIdToken());
    vi.setSystemTime(Date.now() + JWKS_COOLDOWN_MS + 1000);

    expect(await codeOf(verify(await idp.signIdToken({}, { kid: 'unknown-kid' })))).toBe('id_token.invalid_signature');
    expect(idp.calls.jwks).toBe(2);
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(verify(await idp.signIdToken({}, { kid: `forged-${i}` })))).toBe('id_token.invalid_signature');
    }
    expect(idp.calls.jwks).toBe(2);
  });

  it('does not refetch inside the cooldown, even for a rotated key', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { idp, verify } = await setup();
    await verify(await idp.signIdToken());
    await idp.rotateKey();
    expect(await codeOf(verify(await idp.signIdToken()))).toBe('id_token.invalid_signature');
    expect(idp.calls.jwks).toBe(1);
  });

  it('accepts tokens of the previous key while it is still published', async () => {
    const { idp, verify } = await setup();
    const old = await idp.signIdToken();
    await idp.rotateKey({ keepPrevious: true });
    await expect(verify(old)).resolves.toBeDefined();
    await expect(verify(await idp.signIdToken())).resolves.toBeDefined();
  });
});
