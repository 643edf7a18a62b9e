import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdTokenClaims } from '../../logto/types.js';
import { CLIENT_SESSION_KEYS } from '../client/session-state.js';
import type { CachedToken, SessionData } from '../cookies/session-data.js';
import { createClientSessionReader, toClientSession } from './client-session.js';
import { toSessionView, type SessionView } from './session-view.js';

/** Token strings no generated claim can contain (claims' strings are at most 12 characters). */
const tokenString = fc.uuid().map((id) => `eyJhbGciOiJFUzM4NCJ9.${id}.signature`);
const cachedToken: fc.Arbitrary<CachedToken> = fc.record({ token: tokenString, issuedAt: fc.nat(), expiresAt: fc.nat() });
const claimValue = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const claims: fc.Arbitrary<IdTokenClaims> = fc
  .tuple(
    fc.record({ sub: fc.string({ maxLength: 12 }), iss: fc.constant('https://logto.test/oidc'), aud: fc.constant('app'), exp: fc.nat(), iat: fc.nat() }),
    fc.dictionary(fc.string({ maxLength: 12 }), claimValue, { maxKeys: 6 }),
  )
  .map(([required, extra]) => ({ ...extra, ...required }) as IdTokenClaims);
const session: fc.Arbitrary<SessionData> = fc.record(
  {
    v: fc.constant(1 as const),
    claims,
    refreshToken: tokenString,
    accessToken: cachedToken,
    tokens: fc.dictionary(fc.webUrl(), cachedToken, { maxKeys: 4 }),
    outageSince: fc.nat(),
  },
  { requiredKeys: ['v', 'claims', 'tokens'] },
);

/** Every token string `data` holds. */
const tokensOf = (data: SessionData): string[] =>
  [data.refreshToken, data.accessToken?.token, ...Object.values(data.tokens).map((token) => token.token)].filter((token): token is string => Boolean(token));

describe('toClientSession', () => {
  it('gives only the allow-listed keys, and no token string, whatever the session holds', () => {
    fc.assert(
      fc.property(session, fc.constantFrom('verified' as const, 'grace' as const), (data, status) => {
        const client = toClientSession(toSessionView(data, status));
        expect(Object.keys(client).sort()).toEqual([...CLIENT_SESSION_KEYS].sort());
        const serialised = JSON.stringify(client);
        for (const token of tokensOf(data)) expect(serialised).not.toContain(token);
        expect(client).toEqual({ status: 'signed-in', claims: data.claims, expiresAt: data.claims.exp, grace: status === 'grace' });
      }),
    );
  });

  it('drops whatever else a view carries (a session passed by mistake, a field added later)', () => {
    fc.assert(
      fc.property(session, (data) => {
        const view = { ...toSessionView(data, 'verified'), ...data } as unknown as SessionView;
        const client = toClientSession(view);
        expect(Object.keys(client).every((key) => (CLIENT_SESSION_KEYS as readonly string[]).includes(key))).toBe(true);
        const serialised = JSON.stringify(client);
        for (const token of tokensOf(data)) expect(serialised).not.toContain(token);
      }),
    );
  });

  it('is signed out without a session, with the same keys', () => {
    expect(toClientSession(null)).toEqual({ status: 'signed-out', claims: null, expiresAt: null, grace: false });
    expect(Object.keys(toClientSession(null)).sort()).toEqual([...CLIENT_SESSION_KEYS].sort());
  });

  it('survives serialisation to a client component unchanged (plain JSON)', () => {
    fc.assert(
      fc.property(session, (data) => {
        const client = toClientSession(toSessionView(data, 'verified'));
        expect(JSON.parse(JSON.stringify(client))).toEqual(client);
      }),
    );
  });
});

describe('createClientSessionReader', () => {
  it('reads the session through getSession', async () => {
    const view = toSessionView({ v: 1, claims: { sub: 'u', iss: 'i', aud: 'a', exp: 10, iat: 1 }, refreshToken: 'rt-secret', tokens: {} }, 'verified');
    await expect(createClientSessionReader(async () => view)()).resolves.toEqual({ status: 'signed-in', claims: view.claims, expiresAt: 10, grace: false });
    await expect(createClientSessionReader(async () => null)()).resolves.toMatchObject({ status: 'signed-out' });
  });
});
