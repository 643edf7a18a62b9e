import { describe, expect, it } from 'vitest';

import { decodeAccessTokenClaims, decodeJwtClaims, scopesOf } from './claims.js';
import { createMockIdp } from './test-utils/mock-idp.js';
import observedSignIn from './test-utils/observed/sign-in.json';
import { thrownCode as codeOf } from './test-utils/errors.js';

describe('decodeJwtClaims / decodeAccessTokenClaims', () => {
  it('decodes without verifying', async () => {
    const idp = await createMockIdp();
    const claims = observedSignIn.organization_token_claims;
    const token = await idp.signAccessToken(claims);
    expect(decodeJwtClaims(token)).toEqual(claims);
    expect(decodeAccessTokenClaims(token)).toEqual(claims);
  });

  it('rejects malformed tokens and bad claim types as access_token.invalid', async () => {
    const idp = await createMockIdp();
    expect(codeOf(() => decodeJwtClaims('opaque'))).toBe('access_token.invalid');
    expect(codeOf(() => decodeJwtClaims('a.b.c'))).toBe('access_token.invalid');
    expect(codeOf(() => decodeAccessTokenClaims('x.y'))).toBe('access_token.invalid');
    const badScope = await idp.signAccessToken({ scope: ['read'] });
    expect(codeOf(() => decodeAccessTokenClaims(badScope))).toBe('access_token.invalid');
    const noAud = await idp.signAccessToken({ aud: undefined });
    expect(codeOf(() => decodeAccessTokenClaims(noAud))).toBe('access_token.invalid');
  });
});

describe('scopesOf', () => {
  it('splits the scope claim', () => {
    expect(scopesOf({ scope: 'read write' })).toEqual(['read', 'write']);
    expect(scopesOf({ scope: ' read  write ' })).toEqual(['read', 'write']);
    expect(scopesOf({ scope: '' })).toEqual([]);
    expect(scopesOf({})).toEqual([]);
  });
});
