import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { NextRequest } from 'next/server';
import { createStorage, type Storage } from 'unstorage';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from '../cookies/session-cookie.js';
import { freezeClockPerTest } from '../test-utils/clock.js';
import { APP_ORIGIN, CookieJar, type Harness, type HarnessOptions } from '../test-utils/harness.js';
import { backchannelHarness, captureConsole, SIGNED_OUT_ELSEWHERE } from '../test-utils/backchannel.js';
import { redisSkipReason, startRedisServer, type RedisServer } from '../test-utils/redis-server.js';

/**
 * The back-channel logout route (OpenID Connect Back-Channel Logout 1.0 §2.5–2.8) against the
 * fake Logto: what it answers, and that what it records reaches the readers.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const REFUSED_BODY = '{"error":"invalid_request"}';
const NOT_PERFORMED_BODY = '{"error":"logout_not_performed"}';
const STORE_VARIABLES = ['LOGTO_SESSION_STORE', 'LOGTO_SESSION_STORE_CACHE_SECONDS'];


const advance = freezeClockPerTest();
let h: Harness;
let profile: Record<string, unknown>;
let logs: string[];

/** A harness for a fresh app id (see `backchannelHarness`). */
async function setUp(options: Pick<HarnessOptions, 'env' | 'logto'> = {}): Promise<Harness> {
  ({ h, profile } = await backchannelHarness(options));
  return h;
}

beforeEach(() => {
  for (const name of STORE_VARIABLES) delete process.env[name];
  logs = captureConsole();
});
afterEach(() => {
  h?.restore();
  for (const name of STORE_VARIABLES) delete process.env[name];
  vi.restoreAllMocks();
});

const post = (body?: string, headers: Record<string, string> = FORM) =>
  h.logto.handlers.POST(new NextRequest(new URL(h.logto.paths.backchannelLogout, APP_ORIGIN), { method: 'POST', headers, body }));
const form = (token: string) => new URLSearchParams({ logout_token: token }).toString();
const logout = async (claims: Record<string, unknown> = { sid: profile.sid }) => post(form(await h.idp.signLogoutToken(claims)));
const userOf = async (jar = h.jar) => (await h.user(jar)).json() as Promise<Record<string, unknown>>;

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.text()).toBe(REFUSED_BODY);
}

async function expectNotPerformed(response: Response, code: string): Promise<void> {
  expect(response.status).toBe(501);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.text()).toBe(NOT_PERFORMED_BODY);
  expect(logs.join('\n')).toMatch(new RegExp(`^error \\[logto\\] back-channel logout could not be performed code=${code.replace(/\./g, '\\.')}(\\s|$)`, 'm'));
}

describe('a valid logout token', () => {
  it('answers 200 with no-store and an empty body, and the session with that sid then reads as signed out elsewhere', async () => {
    await setUp();
    await h.signIn();
    expect(await userOf()).toMatchObject({ isAuthenticated: true });

    const response = await logout();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('');
    expect(await userOf()).toEqual({ isAuthenticated: false, reason: SIGNED_OUT_ELSEWHERE });
  });

  it('is accepted with a charset parameter and any case in the content type', async () => {
    await setUp();
    const token = await h.idp.signLogoutToken();
    expect((await post(form(token), { 'content-type': 'Application/X-WWW-Form-URLEncoded; charset=UTF-8' })).status).toBe(200);
  });

  it('is refused when replayed: 400 invalid_request, the replay logged by code', async () => {
    await setUp();
    const token = await h.idp.signLogoutToken({ sid: profile.sid });
    expect((await post(form(token))).status).toBe(200);
    await expectRefused(await post(form(token)));
    expect(logs.join('\n')).toContain('back-channel logout refused code=backchannel_logout.replayed');
    // Another token (another jti) for the same session is no replay.
    expect((await logout()).status).toBe(200);
  });

  it('with sub only, ends the sessions signed in before its iat and not one signed in after', async () => {
    await setUp();
    const before = new CookieJar();
    await h.signIn('', before);
    advance(10);
    expect((await logout({ sid: undefined })).status).toBe(200);
    advance(10);
    profile.sid = `sid-${randomUUID()}`;
    const after = new CookieJar();
    await h.signIn('', after);

    expect(await userOf(before)).toEqual({ isAuthenticated: false, reason: SIGNED_OUT_ELSEWHERE });
    expect(await userOf(after)).toMatchObject({ isAuthenticated: true });
  });

  it('with an iat ahead of the clock (within the tolerance), never ends a session signed in after the delivery', async () => {
    await setUp();
    const now = Math.floor(Date.now() / 1000);
    expect((await logout({ sid: undefined, iat: now + 30 })).status).toBe(200);
    advance(10);
    await h.signIn();
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
  });

  it('accepts a body of exactly 16 KiB', async () => {
    await setUp();
    const body = `${form(await h.idp.signLogoutToken())}&pad=`;
    expect((await post(body.padEnd(16 * 1024, 'a'))).status).toBe(200);
  });
});

describe('a refused delivery: 400 {"error":"invalid_request"}, no detail, nothing recorded', () => {
  const foreignKey = generateKeyPair('ES384').then((pair) => pair.privateKey);

  it.each<[string, (sid: unknown) => Promise<string>]>([
    ['a bad signature', async (sid) => h.idp.signLogoutToken({ sid }, {}, { key: await foreignKey })],
    ['another audience', (sid) => h.idp.signLogoutToken({ sid, aud: 'another-app' })],
    ['an extra audience', (sid) => h.idp.signLogoutToken({ sid, aud: [h.idp.clientId, 'another-app'] })],
    ['another issuer', (sid) => h.idp.signLogoutToken({ sid, iss: 'https://evil.logto.test/oidc' })],
    ['an iat too old', (sid) => h.idp.signLogoutToken({ sid, iat: Math.floor(Date.now() / 1000) - 3600 })],
    ['no logout event', (sid) => h.idp.signLogoutToken({ sid, events: {} })],
    ['a nonce', (sid) => h.idp.signLogoutToken({ sid, nonce: 'n-0S6_WzA2Mj' })],
    ['another JWT type', (sid) => h.idp.signLogoutToken({ sid }, { typ: 'at+jwt' })],
    ['an ID token', (sid) => h.idp.signIdToken({ sid })],
    ['HS256 with the client secret', (sid) => h.idp.signLogoutToken({ sid }, { alg: 'HS256' }, { key: new TextEncoder().encode(h.idp.clientSecret) })],
  ])('a token with %s', async (_name, sign) => {
    await setUp();
    await h.signIn();
    await expectRefused(await post(form(await sign(profile.sid))));
    expect(logs.join('\n')).toMatch(/back-channel logout refused code=logout_token\.invalid/);
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
  });

  it.each<[string, Record<string, string>, (token: string) => string]>([
    ['no content type', {}, form],
    ['application/json', { 'content-type': 'application/json' }, (token) => JSON.stringify({ logout_token: token })],
    ['text/plain', { 'content-type': 'text/plain' }, form],
    ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }, (token) => `--x\r\nContent-Disposition: form-data; name="logout_token"\r\n\r\n${token}\r\n--x--\r\n`],
    ['a form type as a prefix', { 'content-type': 'application/x-www-form-urlencodedx' }, form],
  ])('a valid token sent with %s', async (_name, headers, encode) => {
    await setUp();
    await h.signIn();
    const token = await h.idp.signLogoutToken({ sid: profile.sid });
    await expectRefused(await post(encode(token), headers));
    expect(logs.join('\n')).toContain('code=backchannel_logout.content_type');
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
    // The token was not consumed: delivered properly, it still works.
    expect((await post(form(token))).status).toBe(200);
  });

  it.each<[string, (token: string) => string | undefined]>([
    ['no body', () => undefined],
    ['an empty body', () => ''],
    ['an empty logout_token', () => 'logout_token='],
    ['another parameter only', (token) => `token=${token}`],
    ['the parameter twice', (token) => `${form(token)}&${form(token)}`],
    ['the parameter twice, once empty', (token) => `${form(token)}&logout_token=`],
  ])('%s', async (_name, body) => {
    await setUp();
    await h.signIn();
    const token = await h.idp.signLogoutToken({ sid: profile.sid });
    await expectRefused(await post(body(token)));
    expect(logs.join('\n')).toContain('code=backchannel_logout.missing_token');
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
    expect((await post(form(token))).status).toBe(200);
  });

  it('a body over 16 KiB, even around a valid token', async () => {
    await setUp();
    await h.signIn();
    const token = await h.idp.signLogoutToken({ sid: profile.sid });
    await expectRefused(await post(`${form(token)}&pad=`.padEnd(16 * 1024 + 1, 'a')));
    expect(logs.join('\n')).toContain('code=backchannel_logout.body_too_large');
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
  });

  it('a body whose declared length is over 16 KiB is refused unread', async () => {
    await setUp();
    const request = new NextRequest(new URL(h.logto.paths.backchannelLogout, APP_ORIGIN), {
      method: 'POST',
      headers: { ...FORM, 'content-length': String(64 * 1024) },
      body: form(await h.idp.signLogoutToken()),
    });
    const text = vi.spyOn(request, 'text');
    await expectRefused(await h.logto.handlers.POST(request));
    expect(text).not.toHaveBeenCalled();
  });
  it('a streamed body without a declared length is abandoned at 16 KiB, not buffered whole', async () => {
    await setUp();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode('a'.repeat(1024)));
      },
    });
    const request = new NextRequest(new URL(h.logto.paths.backchannelLogout, APP_ORIGIN), {
      method: 'POST',
      headers: FORM,
      body: endless,
      duplex: 'half',
    } as ConstructorParameters<typeof NextRequest>[1] & { duplex: 'half' });
    await expectRefused(await h.logto.handlers.POST(request));
    expect(logs.join('\n')).toContain('code=backchannel_logout.body_too_large');
    expect(pulled).toBeLessThan(40);
  });
});

describe('other methods', () => {
  it('answers GET with 405 and Allow: POST', async () => {
    await setUp();
    const response = await h.logto.handlers.GET(h.request(h.logto.paths.backchannelLogout));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a logout that cannot be performed: 501, the reason logged by code', () => {
  /** An app's own unstorage Storage whose writes all fail (a read-only replica, a full disk). */
  function readOnlyStorage(): Storage {
    const storage = createStorage();
    storage.setItem = () => Promise.reject(new Error('READONLY You cannot write against a read only replica.'));
    return storage;
  }

  it('when the store rejects writes (a custom Storage passed to createLogto)', async () => {
    await setUp({ logto: { sessionStore: readOnlyStorage() } });
    await h.signIn();
    await expectNotPerformed(await logout(), 'backchannel_logout.store_unavailable');
    expect(logs.join('\n')).toContain('revocation_store.unavailable');
    expect(await userOf()).toMatchObject({ isAuthenticated: true });
  });

  it('when LOGTO_SESSION_STORE=off', async () => {
    await setUp({ env: { LOGTO_SESSION_STORE: 'off' } });
    await h.signIn();
    await expectNotPerformed(await logout(), 'backchannel_logout.off');
    expect(h.idp.calls.jwks).toBe(1); // the sign-in's; the token was never looked at
  });

  it("when createLogto({ sessionStore: 'off' })", async () => {
    await setUp({ logto: { sessionStore: 'off' } });
    await expectNotPerformed(await logout(), 'backchannel_logout.off');
  });

  it("when Logto's keys cannot be fetched", async () => {
    await setUp();
    h.idp.use('jwks', { type: 'network_error' });
    await expectNotPerformed(await logout(), 'jwks.request_failed');
  });

  it('when the discovery document cannot be fetched', async () => {
    await setUp();
    h.idp.use('discovery', { type: 'network_error' });
    await expectNotPerformed(await logout(), 'discovery.request_failed');
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['a variable is missing', { LOGTO_APP_SECRET: undefined }],
    ['LOGTO_SESSION_STORE is invalid', { LOGTO_SESSION_STORE: 'mongodb://db.example.com' }],
    ['LOGTO_SESSION_STORE_CACHE_SECONDS is out of range', { LOGTO_SESSION_STORE_CACHE_SECONDS: '61' }],
  ])('when the configuration is invalid (%s)', async (_name, patch) => {
    await setUp();
    const token = await h.idp.signLogoutToken();
    h.setEnv(patch);
    await expectNotPerformed(await post(form(token)), 'config.invalid');
  });
});

// Skipped only on a developer's machine without redis-server (redisSkipReason says so in the
// report); CI installs it and sets CI, where a missing binary fails instead.
describe.skipIf(redisSkipReason() !== undefined)('with Redis (redis-server)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('records in Redis, then answers 501 once Redis is gone', async () => {
    await setUp({ env: { LOGTO_SESSION_STORE: redis.url } });
    await h.signIn();
    expect((await logout()).status).toBe(200);
    expect(await userOf()).toEqual({ isAuthenticated: false, reason: SIGNED_OUT_ELSEWHERE });

    await redis.stop();
    const started = Date.now();
    await expectNotPerformed(await logout({ sid: 'sid-another' }), 'backchannel_logout.store_unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('never any 5xx but 501', () => {
  it('answers 200, 400 or 501 to any body and content type', async () => {
    await setUp();
    const valid = await h.idp.signLogoutToken();
    const segment = fc.stringMatching(/^[\w-]{0,40}$/);
    const jwsLike = fc.tuple(segment, segment, segment).map((parts) => parts.join('.'));
    const mutated = fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom('A', '-', '_', '.', '')).map(([at, char]) => valid.slice(0, at) + char + valid.slice(at + 1));
    const token = fc.oneof(fc.string(), jwsLike, mutated, fc.constant(valid));
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      token.map((value) => form(value)),
      fc.tuple(token, token).map(([a, b]) => `${form(a)}&${form(b)}`),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => `logout_token=${[...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')}`),
    );
    const contentType = fc.oneof(
      fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', ''),
      fc.string({ maxLength: 40 }).filter((value) => /^[\t\x20-\x7e]*$/.test(value)),
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const response = await post(payload, type ? { 'content-type': type } : {});
        expect([200, 400, 501]).toContain(response.status);
        if (response.status !== 200) expect(await response.text()).toMatch(/^\{"error":"(invalid_request|logout_not_performed)"\}$/);
      }),
      { numRuns: 150 },
    );
    expect(logs.join('\n')).not.toContain('backchannel_logout.unexpected');
  });
});

// Asserted in passing above, spelled out here: clearing happens on the reader, not the route.
describe('the route writes no cookie', () => {
  it('even for the browser that holds the session (Logto posts server to server)', async () => {
    await setUp();
    await h.signIn();
    const request = new NextRequest(new URL(h.logto.paths.backchannelLogout, APP_ORIGIN), {
      method: 'POST',
      headers: { ...FORM, cookie: h.jar.header() },
      body: form(await h.idp.signLogoutToken({ sid: profile.sid })),
    });
    const response = await h.logto.handlers.POST(request);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().filter((line) => line.startsWith(SESSION_COOKIE))).toEqual([]);
  });
});
