import fc from 'fast-check';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { CompactSign } from 'jose/jws/compact/sign';
import { UnsecuredJWT } from 'jose/jwt/unsecured';
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { LogtoError } from './errors.js';
import { clearJwksCache, JWKS_COOLDOWN_MS } from './jwks.js';
import {
  BACKCHANNEL_LOGOUT_EVENT,
  logoutTokenReplayWindowSec,
  verifyLogoutToken,
  type VerifyLogoutTokenOptions,
} from './logout-token.js';
import { rejection } from './test-utils/errors.js';
import { createMockIdp, type MockIdp, type MockIdpOptions } from './test-utils/mock-idp.js';
import observedLogoutToken from './test-utils/observed/logout-token.json';

const setup = async (options?: MockIdpOptions) => {
  const idp = await createMockIdp(options);
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  const verify = (token: string, extra: Partial<VerifyLogoutTokenOptions> = {}) =>
    verifyLogoutToken(token, { discovery, clientId: idp.clientId, fetch: idp.fetch, ...extra });
  return { idp, discovery, verify };
};

const nowSec = () => Math.floor(Date.now() / 1000);

/** The code of the LogtoError a verification rejects with, and the rule its detail names in parentheses. */
const refusal = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  return { code: error.code, rule: /\(([^)]+)\)/.exec(error.message)?.[1] };
};
const invalid = (rule: string) => ({ code: 'logout_token.invalid', rule });

/** Claims to sign over the defaults, fixed or computed from the clock `t` the verification runs at. */
type ClaimChanges = Record<string, unknown> | ((t: number) => Record<string, unknown>);

/** Signs `changes` over a Logto-shaped logout token and verifies it at one fixed second. */
const verifyAt = async (idp: MockIdp, verify: (token: string, extra?: Partial<VerifyLogoutTokenOptions>) => Promise<unknown>, changes: ClaimChanges) => {
  const t = nowSec();
  const token = await idp.signLogoutToken(typeof changes === 'function' ? changes(t) : changes);
  return verify(token, { now: () => t });
};

/** Claims that pass every rule, for tokens signed by hand. */
const validClaims = (idp: MockIdp) => ({
  sub: idp.subject,
  events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  jti: 'jti-1',
  aud: idp.clientId,
  iat: nowSec(),
  iss: idp.issuer,
});

/** A compact JWS over any payload bytes, signed with the IdP's current key (jose's JWT signer would refuse most of them). */
const signRaw = (idp: MockIdp, payload: string, header: Record<string, unknown> = {}, crit?: Record<string, boolean>) =>
  new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: idp.currentKey.alg, kid: idp.currentKey.kid, typ: 'logout+jwt', ...header })
    .sign(idp.currentKey.privateKey, crit ? { crit } : undefined);

afterEach(() => {
  vi.useRealTimers();
  clearDiscoveryCache();
  clearJwksCache();
});

describe('verifyLogoutToken: accepted tokens', () => {
  it('accepts a token shaped like Logto 1.37.1’s (ES384, typ logout+jwt, no exp) and returns its claims', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signLogoutToken();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES384', typ: 'logout+jwt', kid: idp.currentKey.kid });
    const claims = await verify(token);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'events', 'iat', 'iss', 'jti', 'sid', 'sub']);
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: idp.clientId,
      sub: idp.subject,
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
      jti: expect.any(String),
      sid: expect.any(String),
    });
    expect(Math.abs(claims.iat - nowSec())).toBeLessThanOrEqual(2);
    expect(claims).not.toHaveProperty('exp');
  });

  it('accepts the observed capture re-signed with the test key (iss, aud and iat replaced)', async () => {
    const { idp, verify } = await setup();
    const { header, claims: observed } = observedLogoutToken;
    expect(idp.discoveryDocument.id_token_signing_alg_values_supported).toContain(header.alg);
    const claims = { ...observed, iss: idp.issuer, aud: idp.clientId, iat: nowSec() };
    const token = await signRaw(idp, JSON.stringify(claims), { ...header, kid: idp.currentKey.kid });
    await expect(verify(token)).resolves.toEqual(claims);
  });

  it('signs mock logout tokens with the header and claim names of the observed capture', async () => {
    const { idp } = await setup();
    const token = await idp.signLogoutToken();
    const [, payload] = token.split('.');
    const claims: unknown = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    expect(Object.keys(claims as object)).toEqual(Object.keys(observedLogoutToken.claims));
    expect(Object.keys(decodeProtectedHeader(token)).sort()).toEqual(Object.keys(observedLogoutToken.header).sort());
  });

  it.each<[string, Record<string, unknown>]>([
    ['no typ', { typ: undefined }],
    ['typ application/logout+jwt', { typ: 'application/logout+jwt' }],
    ['typ in other case', { typ: 'Logout+JWT' }],
    ['the generic typ JWT (says no more than an absent typ)', { typ: 'JWT' }],
  ])('accepts %s', async (_name, header) => {
    const { idp, verify } = await setup();
    await expect(verify(await idp.signLogoutToken({}, header))).resolves.toMatchObject({ sub: idp.subject });
  });

  it.each<[string, ClaimChanges]>([
    ['a sid without sub', { sub: undefined }],
    ['a sub without sid', { sid: undefined }],
    ['an audience array holding only the client', { aud: ['mock-app'] }],
    ['an exp in the future', (t) => ({ exp: t + 120 })],
    ['an exp passed by less than the tolerance', (t) => ({ exp: t - 30 })],
    ['an iat at the edge of maxAge + tolerance', (t) => ({ iat: t - 360 })],
    ['an iat in the future within the tolerance', (t) => ({ iat: t + 60 })],
    ['an events claim with other members and a non-empty logout event', { events: { [BACKCHANNEL_LOGOUT_EVENT]: { reason: 'x' }, 'urn:other': 1 } }],
  ])('accepts %s', async (_name, claims) => {
    const { idp, verify } = await setup();
    await expect(verifyAt(idp, verify, claims)).resolves.toBeDefined();
  });

  it('keeps claims it does not understand (section 2.4: they are ignored)', async () => {
    const { idp, verify } = await setup();
    await expect(verify(await idp.signLogoutToken({ 'urn:example:extra': [1, 2] }))).resolves.toMatchObject({
      'urn:example:extra': [1, 2],
    });
  });

  it('accepts RS256 when discovery allows it', async () => {
    const { idp, verify } = await setup({ alg: 'RS256', discovery: { id_token_signing_alg_values_supported: ['RS256'] } });
    await expect(verify(await idp.signLogoutToken())).resolves.toBeDefined();
  });

  it('shares the cached JWKS across verifications', async () => {
    const { idp, verify } = await setup();
    await verify(await idp.signLogoutToken());
    await verify(await idp.signLogoutToken());
    expect(idp.calls.jwks).toBe(1);
  });

  it('picks up a rotated key with one JWKS refetch after the cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { idp, verify } = await setup();
    await verify(await idp.signLogoutToken());
    await idp.rotateKey();
    vi.setSystemTime(Date.now() + JWKS_COOLDOWN_MS + 1000);
    await expect(verify(await idp.signLogoutToken())).resolves.toBeDefined();
    expect(idp.calls.jwks).toBe(2);
  });
});

describe('verifyLogoutToken: rule 1, the signature and its algorithm', () => {
  it('refuses a tampered payload as logout_token.invalid_signature', async () => {
    const { idp, verify } = await setup();
    const [header, , signature] = (await idp.signLogoutToken()).split('.');
    const [, payload] = (await idp.signLogoutToken({ sub: 'admin' })).split('.');
    expect(await refusal(verify(`${header}.${payload}.${signature}`))).toEqual({ code: 'logout_token.invalid_signature', rule: undefined });
  });

  it('refuses a token signed by another key under the published kid', async () => {
    const { idp, verify } = await setup();
    const { privateKey } = await generateKeyPair('ES384');
    expect((await refusal(verify(await idp.signLogoutToken({}, {}, { key: privateKey })))).code).toBe('logout_token.invalid_signature');
  });

  it('refuses an unknown kid after one refetch, and refetches no more inside the cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { idp, verify } = await setup();
    await verify(await idp.signLogoutToken());
    vi.setSystemTime(Date.now() + JWKS_COOLDOWN_MS + 1000);
    for (let i = 0; i < 3; i++) {
      expect((await refusal(verify(await idp.signLogoutToken({}, { kid: `forged-${i}` })))).code).toBe('logout_token.invalid_signature');
    }
    expect(idp.calls.jwks).toBe(2);
  });

  it('refuses alg none without fetching keys', async () => {
    const { idp, verify } = await setup();
    const token = new UnsecuredJWT(validClaims(idp)).encode();
    // An unsecured JWT has an empty signature part, so it is not even a compact JWS here.
    expect(await refusal(verify(token))).toEqual(invalid('format'));
    expect(await refusal(verify(`${token}AAAA`))).toEqual(invalid('alg'));
    expect(idp.calls.jwks).toBe(0);
  });

  it('refuses HS256, even keyed with the client secret', async () => {
    const { idp, verify } = await setup();
    const secret = new TextEncoder().encode(idp.clientSecret.padEnd(32, 'x'));
    expect(await refusal(verify(await idp.signLogoutToken({}, { alg: 'HS256' }, { key: secret })))).toEqual(invalid('alg'));
  });

  it('refuses an algorithm the discovery document does not list', async () => {
    const { idp, verify } = await setup({ alg: 'ES256' });
    expect(await refusal(verify(await idp.signLogoutToken()))).toEqual(invalid('alg'));
  });

  it('reports unreachable keys as jwks.request_failed', async () => {
    const { idp, verify } = await setup();
    idp.use('jwks', { type: 'network_error' }, 1);
    expect((await refusal(verify(await idp.signLogoutToken()))).code).toBe('jwks.request_failed');
    await expect(verify(await idp.signLogoutToken())).resolves.toBeDefined();
  });
});

describe('verifyLogoutToken: each broken claim rule is refused', () => {
  it.each<[string, ClaimChanges, string]>([
    // Rule 2: iss
    ['another issuer', { iss: 'https://evil.logto.test/oidc' }, 'iss'],
    ['no iss', { iss: undefined }, 'iss'],
    // Rule 3: aud (OIDC Core 3.1.3.7 step 3: no audience the client does not trust)
    ['another audience', { aud: 'another-app' }, 'aud'],
    ['a second audience beside the client', { aud: ['mock-app', 'another-app'] }, 'aud'],
    ['an empty audience array', { aud: [] }, 'aud'],
    ['no aud', { aud: undefined }, 'aud'],
    // Rule 4: iat
    ['no iat', { iat: undefined }, 'iat'],
    ['a string iat', (t) => ({ iat: String(t) }), 'iat'],
    ['an iat older than maxAge + tolerance', (t) => ({ iat: t - 361 }), 'iat'],
    ['an iat further in the future than the tolerance', (t) => ({ iat: t + 61 }), 'iat'],
    // Rule 5: exp, when present
    ['an exp passed by more than the tolerance', (t) => ({ exp: t - 61 }), 'exp'],
    ['a string exp', { exp: 'tomorrow' }, 'exp'],
    // Rule 6: jti
    ['no jti', { jti: undefined }, 'jti'],
    ['an empty jti', { jti: '' }, 'jti'],
    ['a numeric jti', { jti: 7 }, 'jti'],
    // Rule 7: events
    ['no events', { events: undefined }, 'events'],
    ['events as an array', { events: [BACKCHANNEL_LOGOUT_EVENT] }, 'events'],
    ['events as a string', { events: BACKCHANNEL_LOGOUT_EVENT }, 'events'],
    ['events null', { events: null }, 'events'],
    ['events without the logout member', { events: { 'http://schemas.openid.net/event/other': {} } }, 'events'],
    ['the logout event as an array', { events: { [BACKCHANNEL_LOGOUT_EVENT]: [] } }, 'events'],
    ['the logout event as a string', { events: { [BACKCHANNEL_LOGOUT_EVENT]: 'logout' } }, 'events'],
    ['the logout event null', { events: { [BACKCHANNEL_LOGOUT_EVENT]: null } }, 'events'],
    // Rule 8: sid or sub
    ['neither sub nor sid', { sub: undefined, sid: undefined }, 'sub'],
    ['an empty sub', { sub: '' }, 'sub'],
    ['a null sub beside a sid', { sub: null }, 'sub'],
    ['an empty sid', { sid: '' }, 'sid'],
    ['a numeric sid', { sid: 12 }, 'sid'],
    // Rule 9: nonce
    ['a nonce', { nonce: 'n-1' }, 'nonce'],
    ['a null nonce', { nonce: null }, 'nonce'],
  ])('refuses %s', async (_name, claims, rule) => {
    const { idp, verify } = await setup();
    expect(await refusal(verifyAt(idp, verify, claims))).toEqual(invalid(rule));
  });

  it('refuses an exp that is not finite (1e400 parses to Infinity)', async () => {
    const { idp, verify } = await setup();
    const claims = JSON.stringify(validClaims(idp));
    const token = await signRaw(idp, `${claims.slice(0, -1)},"exp":1e400}`);
    expect(await refusal(verify(token))).toEqual(invalid('exp'));
  });

  it('measures iat against maxAgeSec, clockToleranceSec and the injected clock', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signLogoutToken({ iat: nowSec() - 200 });
    await expect(verify(token)).resolves.toBeDefined();
    expect(await refusal(verify(token, { maxAgeSec: 100 }))).toEqual(invalid('iat'));
    await expect(verify(token, { maxAgeSec: 100, clockToleranceSec: 100 })).resolves.toBeDefined();
    expect(await refusal(verify(token, { now: () => nowSec() + 200 }))).toEqual(invalid('iat'));
    expect(await refusal(verify(token, { now: () => nowSec() - 300 }))).toEqual(invalid('iat'));
  });

  it('refuses a caller’s nonsensical timing options with a TypeError', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signLogoutToken();
    await expect(verify(token, { maxAgeSec: -1 })).rejects.toThrow(TypeError);
    await expect(verify(token, { clockToleranceSec: Number.NaN })).rejects.toThrow(TypeError);
    await expect(verify(token, { now: () => Number.NaN })).rejects.toThrow(TypeError);
  });
});

describe('verifyLogoutToken: rule 10, the typ header', () => {
  it.each(['at+jwt', 'application/at+jwt', 'secevent+jwt', 'dpop+jwt', 'JOSE', 'logout'])('refuses typ %s', async (typ) => {
    const { idp, verify } = await setup();
    expect(await refusal(verify(await idp.signLogoutToken({}, { typ })))).toEqual(invalid('typ'));
  });

  it('refuses a typ that is not a string', async () => {
    const { idp, verify } = await setup();
    const claims = validClaims(idp);
    expect(await refusal(verify(await signRaw(idp, JSON.stringify(claims), { typ: 1 })))).toEqual(invalid('typ'));
  });
});

describe('verifyLogoutToken: rule 11 and the shape of the token', () => {
  it('refuses a crit extension jose does not understand, before fetching keys', async () => {
    const { idp, verify } = await setup();
    const claims = validClaims(idp);
    const token = await signRaw(idp, JSON.stringify(claims), { crit: ['urn:example:ext'], 'urn:example:ext': 1 }, { 'urn:example:ext': true });
    expect(await refusal(verify(token))).toEqual(invalid('ERR_JOSE_NOT_SUPPORTED'));
    expect(idp.calls.jwks).toBe(0);
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['undefined', undefined],
    ['an empty string', ''],
    ['two parts', 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0'],
    ['five parts (an encrypted token)', 'a.b.c.d.e'],
    ['characters outside base64url', 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.c2ln+/='],
    ['surrounding whitespace', ' a.b.c '],
  ])('refuses %s as (format) without fetching keys', async (_name, token) => {
    const { idp, verify } = await setup();
    expect(await refusal(verify(token as string))).toEqual(invalid('format'));
    expect(idp.calls.jwks).toBe(0);
  });

  it('refuses a token over 16 KiB, even validly signed, without fetching keys', async () => {
    const { idp, verify } = await setup();
    const token = await idp.signLogoutToken({ padding: 'x'.repeat(13_000) });
    expect(token.length).toBeGreaterThan(16 * 1024);
    expect(await refusal(verify(token))).toEqual(invalid('size'));
    expect(idp.calls.jwks).toBe(0);
    const below = await idp.signLogoutToken({ padding: 'x'.repeat(11_000) });
    await expect(verify(below)).resolves.toBeDefined();
  });

  it('refuses a signed payload that is not a JSON object', async () => {
    const { idp, verify } = await setup();
    expect((await refusal(verify(await signRaw(idp, '[1,2]')))).code).toBe('logout_token.invalid');
    expect((await refusal(verify(await signRaw(idp, 'not json')))).code).toBe('logout_token.invalid');
  });
});

describe('logoutTokenReplayWindowSec', () => {
  it('is maxAge + 2 × tolerance + 1 (the whole-second clock)', () => {
    expect(logoutTokenReplayWindowSec()).toBe(421);
    expect(logoutTokenReplayWindowSec({ maxAgeSec: 120, clockToleranceSec: 0 })).toBe(121);
    expect(() => logoutTokenReplayWindowSec({ maxAgeSec: -5 })).toThrow(TypeError);
  });

  it('covers every moment a token is accepted: from its first acceptance until the window ends', async () => {
    const { idp, verify } = await setup();
    const iat = nowSec();
    const token = await idp.signLogoutToken({ iat });
    const firstAccepted = iat - 60;
    const window = logoutTokenReplayWindowSec();
    expect(await refusal(verify(token, { now: () => firstAccepted - 1 }))).toEqual(invalid('iat'));
    await expect(verify(token, { now: () => firstAccepted })).resolves.toBeDefined();
    await expect(verify(token, { now: () => firstAccepted + window - 0.001 })).resolves.toBeDefined();
    expect(await refusal(verify(token, { now: () => firstAccepted + window }))).toEqual(invalid('iat'));
  });
});

describe('verifyLogoutToken: properties', () => {
  const settle = (promise: Promise<unknown>) =>
    promise.then(
      (claims) => ({ claims }),
      (error: unknown) => ({ error }),
    );

  it('rejects arbitrary strings with a LogtoError only', async () => {
    const { verify } = await setup();
    const segment = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_.+/= '.split('')), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), segment, fc.tuple(segment, segment, segment).map((parts) => parts.join('.'))), async (token) => {
        const outcome = await settle(verify(token));
        expect('error' in outcome && outcome.error instanceof LogtoError).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects arbitrary signed JSON payloads and headers with a LogtoError only', async () => {
    const { idp, verify } = await setup();
    const header = fc.record(
      { typ: fc.oneof(fc.constantFrom('logout+jwt', 'JWT', 'at+jwt'), fc.jsonValue()), cty: fc.jsonValue(), b64: fc.boolean() },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), header, async (payload, extra) => {
        const outcome = await settle(verify(await signRaw(idp, JSON.stringify(payload) ?? 'null', extra)));
        expect('error' in outcome && outcome.error instanceof LogtoError).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('accepts a mutated Logto token only when every rule still holds', async () => {
    const { idp, verify } = await setup();
    const names = ['sub', 'events', 'jti', 'sid', 'aud', 'iat', 'iss', 'exp', 'nonce'] as const;
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.constant(''),
      fc.constant(idp.clientId),
      fc.constant([idp.clientId]),
      fc.constant({ [BACKCHANNEL_LOGOUT_EVENT]: {} }),
      fc.integer({ min: nowSec() - 1000, max: nowSec() + 1000 }),
    );
    const overrides = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(overrides, async (changes) => {
        const outcome = await settle(verify(await idp.signLogoutToken(changes)));
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(LogtoError);
          return;
        }
        const claims = outcome.claims as Record<string, unknown>;
        expect(claims.iss).toBe(idp.issuer);
        expect([idp.clientId, [idp.clientId]]).toContainEqual(claims.aud);
        expect(Math.abs((claims.iat as number) - nowSec())).toBeLessThanOrEqual(362);
        expect(claims.jti).toEqual(expect.stringMatching(/./));
        expect((claims.events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT]).toEqual(expect.any(Object));
        expect(claims.sub ?? claims.sid).toEqual(expect.stringMatching(/./));
        expect(claims).not.toHaveProperty('nonce');
      }),
      { numRuns: 200 },
    );
  });
});
