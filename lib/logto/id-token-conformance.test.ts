/**
 * The ID-token and JWKS cases of the OpenID Foundation's relying-party conformance suite (the
 * `oidcc-client-test-*` and FAPI client-test modules, as oauth4webapi runs them in its
 * `conformance/` folder), ported to `verifyIdToken` over the fake Logto. Each refused case is a
 * token that works except for exactly one thing: its control token (the same tenant, keys and
 * options, without the defect) is accepted. Module names are the suite's; cases marked `(extra)`
 * are classic JOSE attacks the suite does not send. `refresh-token-*` cases verify as a refresh
 * does (`expectedSubject`).
 *
 * Left out: the hash claims of the hybrid and implicit flows (`c_hash`, `s_hash`; `at_hash` is
 * optional in the code flow and Logto 1.42+ drops it), encrypted ID tokens (Logto only signs), and
 * `idtoken-sig-none` as the suite means it (a client registered for `alg: none`): Logto never signs
 * with `none`, so it is refused, as `invalid-null-alg` requires.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 */
import { exportJWK, exportPKCS8, exportSPKI } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { importPKCS8 } from 'jose/key/import';
import { UnsecuredJWT } from 'jose/jwt/unsecured';
import type { JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import type { LogtoErrorCode } from './errors.js';
import { verifyIdToken, type VerifyIdTokenOptions } from './id-token.js';
import { clearJwksCache } from './jwks.js';
import { rejectedCode } from './test-utils/errors.js';
import { createMockIdp, type MockIdp, type MockIdpOptions } from './test-utils/mock-idp.js';

afterEach(() => {
  clearDiscoveryCache();
  clearJwksCache();
});

const nowSec = () => Math.floor(Date.now() / 1000);
const WEEK = 7 * 24 * 60 * 60;
const NONCE = 'conformance-nonce';
/** Verified as a refresh verifies: the signed-in user's `sub` is expected. */
const onRefresh = { idp: { subject: 'user-1' }, options: { expectedSubject: 'user-1' } };

interface Tenant {
  idp: MockIdp;
  /** What `verifyIdToken` is called with, besides discovery, client id and fetch. */
  options: Partial<VerifyIdTokenOptions>;
  /** Serve these keys at the `jwks_uri` instead of the fake's own. */
  serveJwks(keys: JWK[]): void;
}

interface Case {
  /** The conformance module, and what is wrong with the token. */
  name: string;
  idp?: MockIdpOptions;
  options?: Partial<VerifyIdTokenOptions>;
  /** Changes the tenant before anything is verified (e.g. the published keys). */
  prepare?: (tenant: Tenant) => unknown;
  /** The token without the defect; default: the fake's ID token (with the expected nonce, if any). */
  control?: (tenant: Tenant) => Promise<string>;
  broken: (tenant: Tenant) => Promise<string>;
  expected: LogtoErrorCode;
  /** How many times the JWKS may have been fetched after the broken token (e.g. 0: refused before). */
  jwksFetches?: number;
}

const setup = async (idpOptions?: MockIdpOptions, options: Partial<VerifyIdTokenOptions> = {}) => {
  const idp = await createMockIdp(idpOptions);
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  const tenant: Tenant = {
    idp,
    options,
    serveJwks: (keys) => idp.use('jwks', { type: 'handler', handle: () => Response.json({ keys }) }),
  };
  const verify = (token: string) => verifyIdToken(token, { discovery, clientId: idp.clientId, fetch: idp.fetch, ...options });
  return { tenant, verify };
};

const defaultToken = ({ idp, options }: Tenant) => idp.signIdToken(options.nonce === undefined ? {} : { nonce: options.nonce });
const withoutKid = ({ kid: _kid, ...jwk }: JWK): JWK => jwk;

/**
 * An RSA key the fake does not hold, published for RS256 as `rsa-1`; its private key also as a
 * PS256 key, to sign with the same key under another algorithm. Made once for the file.
 */
let rsaKeyPromise: Promise<{ privateKey: CryptoKey; asPss: CryptoKey; publicJwk: JWK }> | undefined;
const rsaKey = () =>
  (rsaKeyPromise ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const asPss = await importPKCS8(await exportPKCS8(privateKey), 'PS256');
    return { privateKey, asPss, publicJwk: { ...(await exportJWK(publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' } };
  })());

const rsaTenant: MockIdpOptions = { alg: 'RS256', discovery: { id_token_signing_alg_values_supported: ['RS256'] } };

const refused: Case[] = [
  // Issuer, audience, authorized party (OIDC Core 3.1.3.7 steps 2-5)
  { name: 'invalid-iss: another issuer', broken: ({ idp }) => idp.signIdToken({ iss: `${idp.issuer}/other` }), expected: 'id_token.invalid' },
  { name: 'invalid-missing-iss: no iss', broken: ({ idp }) => idp.signIdToken({ iss: undefined }), expected: 'id_token.invalid' },
  { name: 'invalid-aud: another audience', broken: ({ idp }) => idp.signIdToken({ aud: `${idp.clientId}1` }), expected: 'id_token.invalid' },
  { name: 'missing-aud: no aud', broken: ({ idp }) => idp.signIdToken({ aud: undefined }), expected: 'id_token.invalid' },
  { name: '(extra) aud is an empty array', broken: ({ idp }) => idp.signIdToken({ aud: [] }), expected: 'id_token.invalid' },
  {
    name: 'invalid-secondary-aud: an untrusted second audience, no azp',
    broken: ({ idp }) => idp.signIdToken({ aud: [idp.clientId, `${idp.clientId}1`] }),
    expected: 'id_token.invalid',
  },
  {
    name: 'invalid-secondary-aud: an untrusted second audience, even with azp = client',
    broken: ({ idp }) => idp.signIdToken({ aud: [idp.clientId, `${idp.clientId}1`], azp: idp.clientId }),
    expected: 'id_token.invalid',
  },
  { name: 'refresh-token-invalid-azp: an azp, naming another party', ...onRefresh, broken: ({ idp }) => idp.signIdToken({ azp: 'random_azp_value_0123456789' }), expected: 'id_token.invalid' },
  { name: 'refresh-token-invalid-iss: another issuer', ...onRefresh, broken: ({ idp }) => idp.signIdToken({ iss: `${idp.issuer}1` }), expected: 'id_token.invalid' },
  { name: 'refresh-token-invalid-aud: another audience', ...onRefresh, broken: ({ idp }) => idp.signIdToken({ aud: `${idp.clientId}1` }), expected: 'id_token.invalid' },
  // Subject and nonce (step 11; OIDC Core 12.2 for refreshes)
  { name: 'missing-sub: no sub', broken: ({ idp }) => idp.signIdToken({ sub: undefined }), expected: 'id_token.invalid' },
  { name: 'refresh-token-invalid-sub: another user', ...onRefresh, broken: ({ idp }) => idp.signIdToken({ sub: 'someone-else' }), expected: 'id_token.subject_mismatch' },
  { name: 'invalid-nonce: another nonce', options: { nonce: NONCE }, broken: ({ idp }) => idp.signIdToken({ nonce: `${NONCE}x` }), expected: 'id_token.nonce_mismatch' },
  { name: 'invalid-missing-nonce: no nonce', options: { nonce: NONCE }, broken: ({ idp }) => idp.signIdToken(), expected: 'id_token.nonce_mismatch' },
  // Times (steps 9-10)
  { name: 'invalid-expired-exp: expired', broken: ({ idp }) => idp.signIdToken({ iat: nowSec() - 200, exp: nowSec() - 100 }), expected: 'id_token.invalid' },
  { name: 'invalid-missing-exp: no exp', broken: ({ idp }) => idp.signIdToken({ exp: undefined }), expected: 'id_token.invalid' },
  { name: 'missing-iat: no iat', broken: ({ idp }) => idp.signIdToken({ iat: undefined }), expected: 'id_token.invalid' },
  { name: 'iat-is-week-in-past', broken: ({ idp }) => idp.signIdToken({ iat: nowSec() - WEEK }), expected: 'id_token.invalid_iat' },
  // Algorithm (steps 6-8)
  {
    name: 'invalid-null-alg / idtoken-sig-none: alg none',
    broken: ({ idp }) =>
      Promise.resolve(new UnsecuredJWT({ iss: idp.issuer, aud: idp.clientId, sub: idp.subject, iat: nowSec(), exp: nowSec() + 300 }).encode()),
    expected: 'id_token.invalid',
    jwksFetches: 0,
  },
  {
    name: 'invalid-sig-hs256: HS256 keyed with the client secret',
    broken: ({ idp }) => idp.signIdToken({}, { alg: 'HS256' }, { key: new TextEncoder().encode(idp.clientSecret.padEnd(32, '#')) }),
    expected: 'id_token.invalid',
    jwksFetches: 0,
  },
  {
    name: '(extra) alg confusion: HS256 keyed with the published public key (PEM), under its kid',
    broken: async ({ idp }) =>
      idp.signIdToken({}, { alg: 'HS256', kid: idp.currentKey.kid }, { key: new TextEncoder().encode(await exportSPKI(idp.currentKey.publicKey)) }),
    expected: 'id_token.invalid',
    jwksFetches: 0,
  },
  {
    name: '(extra) alg confusion: HS256 keyed with the published JWK, discovery also advertising HS256',
    idp: { discovery: { id_token_signing_alg_values_supported: ['ES384', 'HS256'] } },
    broken: ({ idp }) => idp.signIdToken({}, { alg: 'HS256' }, { key: new TextEncoder().encode(JSON.stringify(idp.currentKey.publicJwk)) }),
    expected: 'id_token.invalid',
    jwksFetches: 0,
  },
  {
    name: '(extra) alg confusion: RS256 tenant, HS256 keyed with its RSA public key (PEM)',
    idp: rsaTenant,
    broken: async ({ idp }) =>
      idp.signIdToken({}, { alg: 'HS256' }, { key: new TextEncoder().encode(await exportSPKI(idp.currentKey.publicKey)) }),
    expected: 'id_token.invalid',
    jwksFetches: 0,
  },
  {
    name: 'invalid-alternate-alg: PS256 with the RS256 key, PS256 not advertised',
    idp: rsaTenant,
    prepare: async ({ serveJwks }) => serveJwks([(await rsaKey()).publicJwk]),
    control: async ({ idp }) => idp.signIdToken({}, { alg: 'RS256', kid: 'rsa-1' }, { key: (await rsaKey()).privateKey }),
    broken: async ({ idp }) => idp.signIdToken({}, { alg: 'PS256', kid: 'rsa-1' }, { key: (await rsaKey()).asPss }),
    expected: 'id_token.invalid',
  },
  {
    name: 'invalid-alternate-alg: PS256 advertised, but the key is published for RS256 only',
    idp: { alg: 'RS256', discovery: { id_token_signing_alg_values_supported: ['RS256', 'PS256'] } },
    prepare: async ({ serveJwks }) => serveJwks([(await rsaKey()).publicJwk]),
    control: async ({ idp }) => idp.signIdToken({}, { alg: 'RS256', kid: 'rsa-1' }, { key: (await rsaKey()).privateKey }),
    broken: async ({ idp }) => idp.signIdToken({}, { alg: 'PS256', kid: 'rsa-1' }, { key: (await rsaKey()).asPss }),
    expected: 'id_token.invalid_signature',
  },
  // Signature (step 6) and key selection
  {
    name: 'invalid-signature (ES384): signature of another token',
    broken: async ({ idp }) => {
      const [header, payload] = (await idp.signIdToken()).split('.');
      const [, , signature] = (await idp.signIdToken({ sub: 'someone-else' })).split('.');
      return `${header}.${payload}.${signature}`;
    },
    expected: 'id_token.invalid_signature',
  },
  {
    name: 'invalid-sig-es256: ES256 tenant, signature by another key',
    idp: { alg: 'ES256', discovery: { id_token_signing_alg_values_supported: ['ES256'] } },
    broken: async ({ idp }) => idp.signIdToken({}, {}, { key: (await generateKeyPair('ES256')).privateKey }),
    expected: 'id_token.invalid_signature',
  },
  {
    name: 'invalid-sig-rs256: RS256 tenant, signature by another key',
    idp: rsaTenant,
    broken: async ({ idp }) => idp.signIdToken({}, {}, { key: (await rsaKey()).privateKey }),
    expected: 'id_token.invalid_signature',
  },
  {
    name: 'kid-absent-multiple-jwks: no kid, two keys published without kids fit ES384',
    prepare: async ({ idp, serveJwks }) => {
      await idp.rotateKey({ keepPrevious: true });
      serveJwks(idp.jwks().keys.map(withoutKid));
    },
    control: async ({ idp }) => {
      // The same two keys published with their kids, and a token that names its key.
      idp.reset('jwks');
      clearJwksCache();
      return idp.signIdToken();
    },
    broken: ({ idp }) => idp.signIdToken({}, { kid: undefined }),
    expected: 'id_token.invalid_signature',
  },
  {
    name: 'kid-absent-multiple-jwks: no kid, two keys published with kids fit ES384',
    prepare: ({ idp }) => idp.rotateKey({ keepPrevious: true }),
    broken: ({ idp }) => idp.signIdToken({}, { kid: undefined }),
    expected: 'id_token.invalid_signature',
  },
  {
    name: '(extra) embedded jwk header: the attacker’s key inside the token, under the published kid',
    broken: async ({ idp }) => {
      const { privateKey, publicKey } = await generateKeyPair('ES384');
      return idp.signIdToken({}, { jwk: await exportJWK(publicKey) }, { key: privateKey });
    },
    expected: 'id_token.invalid_signature',
  },
  {
    name: '(extra) jku header: keys at another address are never fetched',
    broken: async ({ idp }) => {
      const { privateKey } = await generateKeyPair('ES384');
      return idp.signIdToken({}, { jku: 'https://attacker.example/jwks', kid: 'attacker' }, { key: privateKey });
    },
    expected: 'id_token.invalid_signature',
  },
];

describe('ID-token conformance: a token broken in exactly one way is refused', () => {
  it.each(refused.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const { tenant, verify } = await setup(testCase.idp, testCase.options);
    await testCase.prepare?.(tenant);

    const broken = await testCase.broken(tenant);
    expect(await rejectedCode(verify(broken))).toBe(testCase.expected);
    if (testCase.jwksFetches !== undefined) expect(tenant.idp.calls.jwks).toBe(testCase.jwksFetches);

    const control = await (testCase.control ?? defaultToken)(tenant);
    await expect(verify(control)).resolves.toMatchObject({ sub: tenant.idp.subject });
  });
});

interface Accepted {
  name: string;
  idp?: MockIdpOptions;
  prepare?: (tenant: Tenant) => unknown;
  token: (tenant: Tenant) => Promise<string>;
}

const accepted: Accepted[] = [
  {
    name: 'kid-absent-single-jwks: no kid, one key published without kid',
    prepare: ({ idp, serveJwks }) => serveJwks(idp.jwks().keys.map(withoutKid)),
    token: ({ idp }) => idp.signIdToken({}, { kid: undefined }),
  },
  {
    name: 'kid-absent-single-jwks: no kid, one key fits ES384 among keys of other types',
    prepare: async ({ idp, serveJwks }) => serveJwks([(await rsaKey()).publicJwk, ...idp.jwks().keys]),
    token: ({ idp }) => idp.signIdToken({}, { kid: undefined }),
  },
  {
    name: 'ignores-unparseable-key-in-jwks: unusable keys beside the real one',
    prepare: ({ idp, serveJwks }) =>
      serveJwks([
        { kty: 'AKP', alg: 'ML-DSA-9999', kid: 'unusable-pq-sig-key', use: 'sig', pub: 'Z0FOY29uZm9ybWFuY2UtdGVzdC1wbGFjZWhvbGRlci1wdWJsaWMta2V5' },
        { kty: 'OIDF-CONFORMANCE-UNSUPPORTED', alg: 'OIDF-CONFORMANCE-UNSUPPORTED', kid: 'unusable-unknown-sig-key', use: 'sig' },
        ...idp.jwks().keys,
      ]),
    token: ({ idp }) => idp.signIdToken(),
  },
  { name: 'idtoken-sig-rs256: an RS256 tenant', idp: rsaTenant, token: ({ idp }) => idp.signIdToken() },
  { name: 'valid-aud-as-array: aud is [client]', token: ({ idp }) => idp.signIdToken({ aud: [idp.clientId] }) },
  { name: 'aud [client] with azp = client', token: ({ idp }) => idp.signIdToken({ aud: [idp.clientId], azp: idp.clientId }) },
  {
    name: 'signing-key-rotation: a token of the previous key while it is still published',
    token: async ({ idp }) => {
      const previous = await idp.signIdToken();
      await idp.rotateKey({ keepPrevious: true });
      return previous;
    },
  },
];

describe('ID-token conformance: valid variants are accepted', () => {
  it.each(accepted.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const { tenant, verify } = await setup(testCase.idp);
    await testCase.prepare?.(tenant);
    await expect(verify(await testCase.token(tenant))).resolves.toMatchObject({ sub: tenant.idp.subject, aud: expect.anything() });
  });
});
