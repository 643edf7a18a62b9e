import { format } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_FAILURE_HEADER, SESSION_ENDED_HEADER, TOKEN_REFUSED_HEADER } from '../middleware/middleware.js';
import { createHarness, ORGANIZATION, readJarSession, RESOURCE, type Harness } from '../test-utils/harness.js';
import { nextRequest } from '../test-utils/next-headers.js';

const tainted = vi.hoisted(() => [] as string[]);

vi.mock('next/headers', async () => (await import('../test-utils/next-headers.js')).nextHeadersMock());
const request = nextRequest;
vi.mock('react', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react')>()),
  experimental_taintUniqueValue: (_message: string, _lifetime: object, value: string) => tainted.push(value),
}));

let h: Harness;
let server: Harness['logto'];
beforeEach(async () => {
  h = await createHarness();
  server = h.logto;
  request.jar = h.jar;
  request.headers = new Headers();
  tainted.length = 0;
});
afterEach(() => h.restore());

describe('what pages get', () => {
  it('a session view with claims, expiries and held tokens, but no token string', async () => {
    await h.signIn();
    await h.middleware('/protected/resources');
    await h.middleware('/protected/organizations');
    const raw = await readJarSession(h.jar);
    const view = await server.getSession();
    expect(view).toMatchObject({ status: 'verified', hasRefreshToken: true, expiresAt: raw.claims.exp });
    expect(view!.tokens.map((token) => [token.audience, token.kind]).sort()).toEqual([
      [RESOURCE, 'resource'],
      [`urn:logto:organization:${ORGANIZATION}`, 'organization'],
    ]);
    const serialised = JSON.stringify(view);
    const secrets = [raw.refreshToken!, raw.accessToken!.token, ...Object.values(raw.tokens).map((token) => token.token)];
    for (const secret of secrets) expect(serialised).not.toContain(secret);
  });

  it('token strings only from the functions that return them, each one tainted', async () => {
    await h.signIn();
    await h.middleware('/protected/resources');
    const raw = await readJarSession(h.jar);
    const result = await server.getAccessToken(RESOURCE);
    expect(result).toMatchObject({ ok: true, token: raw.tokens[RESOURCE]!.token });
    expect(tainted).toEqual(expect.arrayContaining([raw.refreshToken, raw.accessToken!.token, raw.tokens[RESOURCE]!.token]));
  });

  it('reports a cached token that is not a decodable JWT as malformed, not expired', async () => {
    h = await createHarness({ idp: { resources: { [RESOURCE]: 'read' } } });
    request.jar = h.jar;
    await h.signIn();
    h.idp.use('token', {
      type: 'respond',
      status: 200,
      body: { access_token: 'an-opaque-token-not-a-jwt', token_type: 'Bearer', expires_in: 3600 },
    });
    await h.middleware('/protected/resources');
    expect(await server.getAccessToken(RESOURCE)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('says a token was refused when the middleware reports it', async () => {
    await h.signIn();
    request.headers = new Headers({ [TOKEN_REFUSED_HEADER]: 'token.error_response' });
    expect(await server.getAccessToken(RESOURCE)).toMatchObject({ ok: false, reason: 'refused' });
  });

  it('believes only known codes in the middleware headers (a page outside the matcher sees what the client sent)', async () => {
    await h.signIn();
    request.headers = new Headers({ [TOKEN_REFUSED_HEADER]: '<b>forged</b>', [REFRESH_FAILURE_HEADER]: 'nonsense', [SESSION_ENDED_HEADER]: 'session.hijacked' });
    expect(await server.getAccessToken(RESOURCE)).toMatchObject({ ok: false, reason: 'not_minted' });
    expect(await server.getRefreshFailure()).toBeNull();
    expect(await server.getSessionEndReason()).toBeNull();
    request.headers = new Headers({ [REFRESH_FAILURE_HEADER]: 'token.request_failed', [SESSION_ENDED_HEADER]: 'session.revoked' });
    expect(await server.getRefreshFailure()).toBe('token.request_failed');
    expect(await server.getSessionEndReason()).toBe('session.revoked');
  });

  it('reads a session whose claims expired as signed out', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await h.signIn();
      vi.setSystemTime(Date.now() + 3601 * 1000);
      expect(await server.getSession()).toBeNull();
      expect(await server.getAccessToken(RESOURCE)).toMatchObject({ ok: false, reason: 'signed_out' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('logs', () => {
  it('carry codes and claim names, never a token or a claim value', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
    }
    try {
      await h.signIn();
      const raw = await readJarSession(h.jar);
      await h.middleware('/protected/resources');
      const withTokens = await readJarSession(h.jar);

      // A callback whose ID token fails a claim check: jose keeps the whole payload on its error.
      const start = await h.startSignIn();
      const callback = await h.idp.authorize(start.headers.get('location')!);
      h.idp.use('token', {
        type: 'respond',
        status: 200,
        body: {
          access_token: 'at-never-logged-0123456789',
          token_type: 'Bearer',
          expires_in: 3600,
          id_token: await h.idp.signIdToken({ aud: 'another-app' }),
          refresh_token: 'rt-never-logged-0123456789',
        },
      });
      await h.callback(callback);
      h.idp.reset('token');

      // A refresh Logto refuses, a userinfo failure, an outage.
      h.idp.use('userinfo', { type: 'oauth_error', error: 'invalid_token', status: 401, description: `bad token for ${raw.claims.sub}` });
      expect(await server.fetchUserInfo()).toMatchObject({ ok: false, reason: 'request_failed' });
      h.idp.use('token', { type: 'oauth_error', error: 'invalid_grant', status: 400, description: `grant of ${raw.claims.sub} revoked` });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 3590 * 1000);
      await h.middleware('/protected');
      vi.useRealTimers();

      expect(lines.length).toBeGreaterThan(0);
      const output = lines.join('\n');
      const values = [
        raw.refreshToken!,
        raw.accessToken!.token,
        ...Object.values(withTokens.tokens).map((token) => token.token),
        'at-never-logged-0123456789',
        'rt-never-logged-0123456789',
        raw.claims.sub,
        ...Object.values(raw.claims).filter((value): value is string => typeof value === 'string' && value.length > 3),
      ];
      for (const value of values) expect(output).not.toContain(value);
      expect(output).toContain('claim aud');
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });
});

describe('API resource tokens for an organization', () => {
  it('are minted with resource and organization_id, cached under their own key, and read back', async () => {
    h.restore();
    h = await createHarness({
      middleware: {
        tokensFor: (pathname) =>
          pathname === '/protected/team' ? { organizationResources: [{ resource: RESOURCE, organizationId: ORGANIZATION }] } : {},
      },
    });
    request.jar = h.jar;
    await h.signIn();
    const before = h.idp.calls.token;
    await h.middleware('/protected/team');
    expect(h.idp.calls.token - before).toBe(1);
    const form = h.idp.requests.at(-1)?.form;
    expect([form?.get('resource'), form?.get('organization_id')]).toEqual([RESOURCE, ORGANIZATION]);
    await h.middleware('/protected/team');
    expect(h.idp.calls.token - before).toBe(1);

    const scoped = await server.getAccessToken(RESOURCE, { organizationId: ORGANIZATION });
    expect(scoped).toMatchObject({ ok: true });
    expect(await server.getAccessToken(RESOURCE)).toMatchObject({ ok: false, reason: 'not_minted' });
    expect(await server.getAccessToken(RESOURCE, { organizationId: 'someone-else' })).toMatchObject({ ok: false, reason: 'not_member' });
    expect((await server.getSession())!.tokens).toEqual([
      expect.objectContaining({ audience: RESOURCE, kind: 'organization_resource', organizationId: ORGANIZATION }),
    ]);
  });
});
