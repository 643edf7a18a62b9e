/**
 * Realistic sessions for tests and the benchmark: ES384 access tokens with Logto's observed claim
 * set, and organization claims for every organization token.
 */
import { SignJWT } from 'jose/jwt/sign';
import { generateKeyPair } from 'jose/key/generate/keypair';
import type { CookieReader } from '../cookies/cookie-store.js';
import type { SessionData } from '../cookies/session-data.js';

export const emptyReader: CookieReader = { get: () => undefined, getAll: () => [] };

let signingKey: CryptoKey | undefined;

async function key(): Promise<CryptoKey> {
  signingKey ??= (await generateKeyPair('ES384')).privateKey;
  return signingKey;
}

/** A Logto API or organization access token: ES384, `at+jwt`, the observed claims. */
export async function accessToken(audience: string, scope: string, now: number): Promise<string> {
  return new SignJWT({ scope, client_id: 'l43vpctm8xl4833qnckfn' })
    .setProtectedHeader({ alg: 'ES384', typ: 'at+jwt', kid: 'RvaYqfgDb5yBzMiTP8B1p1T5CuPqzXNAmW8eXK5wgeE' })
    .setJti('Zt9U_JuCfY3WuLfINhzNj')
    .setSubject('vt7mkhfawfl9')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .setIssuer('https://abc123.logto.app/oidc')
    .setAudience(audience)
    .sign(await key());
}

const organizationId = (i: number) => `org${String(i).padStart(9, '0')}`;

/**
 * A session holding `resources` API-resource tokens and `organizations` organization tokens (the
 * user being a member of that many organizations), everything fresh for an hour from `now`.
 */
export async function sessionWith(resources: number, organizations: number, now: number): Promise<SessionData> {
  const tokens: SessionData['tokens'] = {};
  for (let i = 0; i < resources; i += 1) {
    const audience = `https://api-${i}.example.com`;
    tokens[audience] = { token: await accessToken(audience, 'read:reports write:reports', now), issuedAt: now, expiresAt: now + 3600 + i };
  }
  for (let i = 0; i < organizations; i += 1) {
    const audience = `urn:logto:organization:${organizationId(i)}`;
    tokens[audience] = { token: await accessToken(audience, 'read:members write:members', now), issuedAt: now, expiresAt: now + 7200 + i };
  }
  return {
    v: 1,
    claims: {
      sub: 'vt7mkhfawfl9',
      name: 'Test User',
      picture: null,
      username: 'testuser',
      created_at: 1795316398136,
      updated_at: 1795316458779,
      email: 'testuser@example.com',
      email_verified: true,
      roles: ['example-api-user'],
      organizations: Array.from({ length: organizations }, (_, i) => organizationId(i)),
      organization_roles: Array.from({ length: organizations }, (_, i) => `${organizationId(i)}:member`),
      aud: 'l43vpctm8xl4833qnckfn',
      exp: now + 3600,
      iat: now,
      iss: 'https://abc123.logto.app/oidc',
    },
    refreshToken: 'Y1NBWHb3LJfn4K1V2Ph9WZ2AZpN6a1d8QXf-8nZx4ZS',
    accessToken: { token: 'Zt9U_JuCfY3WuLfINhzNjabcdefghijklmnopqrstuvwx', issuedAt: now, expiresAt: now + 3600 },
    tokens,
  };
}
