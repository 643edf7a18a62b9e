import { describe, expect, it } from 'vitest';

import {
  buildAuthorizationUrl,
  calculatePkceChallenge,
  createPkcePair,
  parseDirectSignIn,
  parseFirstScreen,
  parseIdentifiers,
  randomToken,
  type AuthorizationParams,
} from './authorization.js';
import type { DiscoveryDocument } from './types.js';

const discovery: DiscoveryDocument = {
  issuer: 'https://tenant.logto.app/oidc',
  authorization_endpoint: 'https://tenant.logto.app/oidc/auth',
  token_endpoint: 'https://tenant.logto.app/oidc/token',
  userinfo_endpoint: 'https://tenant.logto.app/oidc/me',
  end_session_endpoint: 'https://tenant.logto.app/oidc/session/end',
  revocation_endpoint: 'https://tenant.logto.app/oidc/token/revocation',
  jwks_uri: 'https://tenant.logto.app/oidc/jwks',
  id_token_signing_alg_values_supported: ['ES384'],
  authorization_response_iss_parameter_supported: true,
};

const base: AuthorizationParams = {
  clientId: 'app-id',
  redirectUri: 'https://app.example.com/api/logto/callback',
  state: 'state-1',
  nonce: 'nonce-1',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  scopes: ['email', 'roles'],
  resources: ['https://api.example.com'],
};

describe('randomToken', () => {
  it('is base64url of the requested length and differs each time', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(64)).toHaveLength(86);
    expect(randomToken()).not.toBe(token);
    expect(() => randomToken(8)).toThrow(TypeError);
  });
});

describe('PKCE', () => {
  it('computes the RFC 7636 appendix B challenge', async () => {
    await expect(calculatePkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates an 86-character verifier and its S256 challenge', async () => {
    const { verifier, challenge } = await createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(challenge).toBe(await calculatePkceChallenge(verifier));
  });

  it('refuses verifiers outside the RFC 7636 syntax', async () => {
    await expect(calculatePkceChallenge('short')).rejects.toThrow(TypeError);
    await expect(calculatePkceChallenge('a'.repeat(42) + ' ')).rejects.toThrow(TypeError);
  });
});

describe('buildAuthorizationUrl', () => {
  it('sends exactly the Logto SDK parameters, in order, plus nonce', () => {
    const url = buildAuthorizationUrl(discovery, base);
    expect(url.origin + url.pathname).toBe('https://tenant.logto.app/oidc/auth');
    expect([...url.searchParams]).toEqual([
      ['client_id', 'app-id'],
      ['redirect_uri', 'https://app.example.com/api/logto/callback'],
      ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
      ['code_challenge_method', 'S256'],
      ['state', 'state-1'],
      ['nonce', 'nonce-1'],
      ['response_type', 'code'],
      ['prompt', 'consent'],
      ['scope', 'openid offline_access profile email roles'],
      ['resource', 'https://api.example.com'],
    ]);
  });

  it('repeats resource, adds the organizations resource once, and de-duplicates scopes', () => {
    const url = buildAuthorizationUrl(discovery, {
      ...base,
      scopes: ['openid', 'email', 'urn:logto:scope:organizations', 'email', 'urn:logto:scope:organization_roles'],
      resources: ['https://api.example.com', 'https://billing.example.com', 'https://api.example.com'],
    });
    expect(url.searchParams.get('scope')).toBe(
      'openid offline_access profile email urn:logto:scope:organizations urn:logto:scope:organization_roles',
    );
    expect(url.searchParams.getAll('resource')).toEqual([
      'https://api.example.com',
      'https://billing.example.com',
      'urn:logto:resource:organizations',
    ]);
  });

  it('sends the Logto extras', () => {
    const url = buildAuthorizationUrl(discovery, {
      ...base,
      prompt: 'login consent',
      firstScreen: 'identifier:register',
      identifiers: ['email', 'username', 'email'],
      directSignIn: { method: 'social', target: 'feishu' },
      loginHint: 'user@example.com',
      extraParams: { ui_locales: 'fr-CA', organization_id: 'org-1' },
    });
    const params = url.searchParams;
    expect(params.get('prompt')).toBe('login consent');
    expect(params.get('first_screen')).toBe('identifier:register');
    expect(params.get('identifier')).toBe('email username');
    expect(params.get('direct_sign_in')).toBe('social:feishu');
    expect(params.get('login_hint')).toBe('user@example.com');
    expect(params.get('ui_locales')).toBe('fr-CA');
    expect(params.get('organization_id')).toBe('org-1');
  });

  it('keeps a query already on the authorization endpoint', () => {
    const url = buildAuthorizationUrl(
      { ...discovery, authorization_endpoint: 'https://tenant.logto.app/oidc/auth?tenant=x' },
      base,
    );
    expect(url.searchParams.get('tenant')).toBe('x');
  });

  it.each<[string, Partial<AuthorizationParams>]>([
    ['an invalid first screen (Logto would drop every extra param)', { firstScreen: 'signup' as never }],
    ['a hyphenated first screen from the docs', { firstScreen: 'identifier:sign-in' as never }],
    ['an unknown identifier', { identifiers: ['email', 'passkey' as never] }],
    ['an empty identifier list', { identifiers: [] }],
    ['a direct sign-in method', { directSignIn: { method: 'oauth' as never, target: 'google' } }],
    ['an empty direct sign-in target', { directSignIn: { method: 'sso', target: '' } }],
    ['an unsupported prompt', { prompt: 'select_account' }],
    ['prompt none with another value', { prompt: 'none consent' }],
    ['a relative resource', { resources: ['api'] }],
    ['a resource with a fragment', { resources: ['https://api.example.com/#x'] }],
    ['an extra param that replaces state', { extraParams: { state: 'x' } }],
    ['an extra param that sneaks first_screen in', { extraParams: { first_screen: 'foo' } }],
    ['an empty nonce', { nonce: '' }],
    ['an empty client id', { clientId: '' }],
  ])('throws a TypeError for %s', (_name, patch) => {
    expect(() => buildAuthorizationUrl(discovery, { ...base, ...patch })).toThrow(TypeError);
  });
});

describe('query-string parsers', () => {
  it('parseFirstScreen accepts only the six Logto values', () => {
    expect(parseFirstScreen('sign_in')).toBe('sign_in');
    expect(parseFirstScreen('identifier:sign_in')).toBe('identifier:sign_in');
    expect(parseFirstScreen('single_sign_on')).toBe('single_sign_on');
    expect(parseFirstScreen('identifier:sign-in')).toBeUndefined();
    expect(parseFirstScreen('signIn')).toBeUndefined();
    expect(parseFirstScreen('')).toBeUndefined();
  });

  it('parseDirectSignIn splits method:target', () => {
    expect(parseDirectSignIn('social:google')).toEqual({ method: 'social', target: 'google' });
    expect(parseDirectSignIn('sso:abc123')).toEqual({ method: 'sso', target: 'abc123' });
    expect(parseDirectSignIn('social:')).toBeUndefined();
    expect(parseDirectSignIn('google')).toBeUndefined();
    expect(parseDirectSignIn('email:x')).toBeUndefined();
    expect(parseDirectSignIn('social:a b')).toBeUndefined();
  });

  it('parseIdentifiers accepts space or comma lists of known identifiers', () => {
    expect(parseIdentifiers('email phone')).toEqual(['email', 'phone']);
    expect(parseIdentifiers('username,email,username')).toEqual(['username', 'email']);
    expect(parseIdentifiers('email passkey')).toBeUndefined();
    expect(parseIdentifiers('  ')).toBeUndefined();
  });
});
