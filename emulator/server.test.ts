import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Captured from a real Logto on http://localhost:3001; the library's tests use the same file.
import observedDiscovery from '../lib/logto/test-utils/observed/discovery.json';
import { optionsFromEnv } from './options';
import { parseSeed } from './seed';
import type { RunningEmulator } from './server';
import { refresh, signedInTokens, startTestEmulator } from './test-utils/flows';

let emulator: RunningEmulator;
let controlled: RunningEmulator;

beforeAll(async () => {
  [emulator, controlled] = await Promise.all([startTestEmulator(), startTestEmulator({ testControls: true })]);
});

afterAll(async () => {
  await Promise.all([emulator.close(), controlled.close()]);
});

describe('discovery and keys', () => {
  it('publishes a discovery document shaped like a real Logto’s', async () => {
    const response = await fetch(`${emulator.internalUrl}/oidc/.well-known/openid-configuration`, {
      headers: { host: 'some-other-host:1234' },
    });
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(discovery)).toEqual(Object.keys(observedDiscovery));
    for (const [key, value] of Object.entries(observedDiscovery)) {
      if (typeof value === 'string') {
        expect(discovery[key]).toBe(value.replace('http://localhost:3001', emulator.url));
      } else {
        expect(discovery[key], key).toEqual(value);
      }
    }
    expect(discovery.issuer).toBe(`${emulator.url}/oidc`);
  });

  it('serves one P-384 ES384 key in Logto’s JWKS shape', async () => {
    const response = await fetch(`${emulator.internalUrl}/oidc/jwks`);
    expect(response.headers.get('cache-control')).toBe('no-cache, max-age=0, must-revalidate');
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {})).toEqual(['kty', 'use', 'kid', 'alg', 'crv', 'x', 'y']);
    expect(keys[0]).toMatchObject({ kty: 'EC', use: 'sig', alg: 'ES384', crv: 'P-384', kid: emulator.publicJwk.kid });
  });
});

describe('test controls', () => {
  it('are off by default', async () => {
    for (const path of ['/__test/stats', '/__test/reset']) {
      const response = await fetch(`${emulator.internalUrl}${path}`, { method: path.endsWith('reset') ? 'POST' : 'GET' });
      expect(response.status).toBe(404);
    }
  });

  it('count requests per /oidc path', async () => {
    await fetch(`${controlled.internalUrl}/__test/stats/reset`, { method: 'POST' });
    await signedInTokens(controlled, 'demo');
    const stats = (await (await fetch(`${controlled.internalUrl}/__test/stats`)).json()) as {
      total: number;
      byPath: Record<string, number>;
    };
    expect(stats.byPath).toEqual({ '/oidc/auth': 1, '/oidc/auth/:uid': 2, '/oidc/token': 1 });
    expect(stats.total).toBe(4);
  });

  it('make the token endpoint fail or hang, then recover', async () => {
    const { tokens } = await signedInTokens(controlled, 'demo');
    const setMode = (mode: string) =>
      fetch(`${controlled.internalUrl}/__test/token-endpoint`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode }),
      });

    expect((await setMode('fail')).status).toBe(200);
    const failed = await refresh(controlled, tokens.refresh_token ?? '');
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 'oidc.temporarily_unavailable', error: 'temporarily_unavailable' });

    await setMode('hang');
    let settled = false;
    const pending = refresh(controlled, tokens.refresh_token ?? '').finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    await setMode('normal');
    expect((await pending).status).toBe(200);

    expect((await setMode('sideways')).status).toBe(400);
  });

  it('reset users, grants and the outbox back to the seed', async () => {
    const { tokens } = await signedInTokens(controlled, 'demo');
    controlled.store.createUser({ username: 'temporary' });
    const response = await fetch(`${controlled.internalUrl}/__test/reset`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(controlled.store.userByUsername('temporary')).toBeUndefined();
    expect((await refresh(controlled, tokens.refresh_token ?? '')).body.error).toBe('invalid_grant');
    expect(controlled.stats().total).toBe(1);
  });

  it('change and validate the token policy', async () => {
    const post = (body: unknown) =>
      fetch(`${controlled.internalUrl}/__test/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(await (await post({ rotation: 'always', reuseGrace: 1 })).json()).toMatchObject({ rotation: 'always', reuseGrace: 1 });
    expect((await post({ rotation: 'sometimes' })).status).toBe(400);
    expect((await post({ accessTokenTtl: 0 })).status).toBe(400);
    controlled.reset();
    expect(controlled.policy.rotation).toBe('logto');
  });
});

describe('configuration', () => {
  it('reads EMULATOR_* variables and reports every invalid one', () => {
    expect(
      optionsFromEnv({
        EMULATOR_PORT: '0',
        EMULATOR_ROTATION: 'always',
        EMULATOR_REUSE_GRACE: '1',
        EMULATOR_APP_ORIGINS: 'http://localhost:41234, http://127.0.0.1:5000',
        EMULATOR_TEST_CONTROLS: '1',
      }),
    ).toEqual({ port: 0, rotation: 'always', reuseGrace: 1, appOrigins: ['http://localhost:41234', 'http://127.0.0.1:5000'], testControls: true });
    expect(() => optionsFromEnv({ EMULATOR_PORT: 'x', EMULATOR_ROTATION: 'never' })).toThrow(/EMULATOR_PORT[\s\S]*EMULATOR_ROTATION/);
  });

  it('reads extra redirect URIs and reports each one that is not an absolute URL without a fragment', () => {
    expect(
      optionsFromEnv({
        EMULATOR_REDIRECT_URIS: 'http://127.0.0.1:4100/auth/callback, https://app.example.com/cb',
        EMULATOR_POST_LOGOUT_REDIRECT_URIS: 'http://127.0.0.1:4100/bye',
      }),
    ).toEqual({
      redirectUris: ['http://127.0.0.1:4100/auth/callback', 'https://app.example.com/cb'],
      postLogoutRedirectUris: ['http://127.0.0.1:4100/bye'],
    });
    expect(() =>
      optionsFromEnv({ EMULATOR_REDIRECT_URIS: '/auth/callback,http://localhost/cb#top', EMULATOR_POST_LOGOUT_REDIRECT_URIS: 'ftp://x/' }),
    ).toThrow(
      'emulator configuration is invalid:\n' +
        '  EMULATOR_REDIRECT_URIS: "/auth/callback" is not an absolute http(s) URL\n' +
        '  EMULATOR_REDIRECT_URIS: "http://localhost/cb#top" must not have a fragment\n' +
        '  EMULATOR_POST_LOGOUT_REDIRECT_URIS: "ftp://x/" is not an absolute http(s) URL',
    );
  });

  it('reads the back-channel logout URI and reports one that is not an absolute URL without a fragment', () => {
    expect(optionsFromEnv({ EMULATOR_BACKCHANNEL_LOGOUT_URI: 'http://127.0.0.1:4100/auth/backchannel-logout' })).toEqual({
      backchannelLogoutUri: 'http://127.0.0.1:4100/auth/backchannel-logout',
    });
    expect(optionsFromEnv({ EMULATOR_BACKCHANNEL_LOGOUT_URI: '' })).toEqual({});
    expect(() => optionsFromEnv({ EMULATOR_BACKCHANNEL_LOGOUT_URI: '/api/logto/backchannel-logout' })).toThrow(
      'EMULATOR_BACKCHANNEL_LOGOUT_URI: "/api/logto/backchannel-logout" is not an absolute http(s) URL',
    );
    expect(() => optionsFromEnv({ EMULATOR_BACKCHANNEL_LOGOUT_URI: 'http://localhost:3000/logout#x' })).toThrow(
      'EMULATOR_BACKCHANNEL_LOGOUT_URI: "http://localhost:3000/logout#x" must not have a fragment',
    );
  });

  it('validates the seed with path-style messages', () => {
    const seed = JSON.parse(readFileSync(new URL('./seed.json', import.meta.url), 'utf8')) as {
      users: { roles: string[] }[];
      roles: { permissions: { scope: string }[] }[];
    };
    seed.users[0]?.roles.push('no-such-role');
    const permission = seed.roles[0]?.permissions[0];
    if (permission) permission.scope = 'delete:everything';
    expect(() => parseSeed(seed, 'http://localhost:3001')).toThrow(
      /roles\[0\]\.permissions\[0\]\.scope: "delete:everything"[\s\S]*users\[0\]\.roles\[1\]: unknown role "no-such-role"/,
    );
  });
});
