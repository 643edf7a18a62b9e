import { afterEach, describe, expect, it, vi } from 'vitest';

import { isLoopbackUrl, loopbackFetch } from './logto-dialect/loopback-fetch';

describe('which outgoing requests skip oidc-provider’s SSRF protection', () => {
  it('lets loopback hosts through: localhost, 127.0.0.0/8, ::1', () => {
    for (const url of [
      'http://localhost:3000/api/logto/backchannel-logout',
      'http://LOCALHOST:3000/',
      'http://127.0.0.1:41234/api/logto/backchannel-logout',
      'https://127.10.20.30/',
      'http://127.1:8080/', // the URL parser's 127.0.0.1
      'http://[::1]:3000/',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
  });

  it('keeps the protection for private, link-local and public addresses and for names', () => {
    for (const url of [
      'http://10.0.0.1/logout',
      'http://192.168.1.20:3000/',
      'http://172.16.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0:3000/',
      'http://[::ffff:127.0.0.1]/', // IPv4-mapped: not in the allowance, oidc-provider decides
      'http://[fd00::1]/',
      'https://rp.example.com/logout',
      'http://localhost.example.com/',
      'http://127.0.0.1.nip.io/',
      'not a url',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});

describe('loopbackFetch (oidc-provider’s `fetch` option)', () => {
  const dispatcher = { ssrfProtection: true };

  afterEach(() => {
    vi.restoreAllMocks();
  });

  function dispatcherSent(url: string): unknown {
    const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 200 }));
    void loopbackFetch(url, { method: 'POST', dispatcher } as RequestInit);
    const [, init] = spy.mock.lastCall ?? [];
    return (init as { dispatcher?: unknown } | undefined)?.dispatcher;
  }

  it('drops the SSRF dispatcher for a loopback URL', () => {
    expect(dispatcherSent('http://127.0.0.1:41234/api/logto/backchannel-logout')).toBeUndefined();
  });

  it('keeps it for a private address, so oidc-provider still refuses to connect', () => {
    expect(dispatcherSent('http://10.0.0.1/logout')).toBe(dispatcher);
    expect(dispatcherSent('http://192.168.0.10:3000/logout')).toBe(dispatcher);
  });
});
