import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { resolveBaseUrl } from './base-url.js';

const base = { LOGTO_ENDPOINT: 'https://a.logto.app', LOGTO_APP_ID: 'a', LOGTO_APP_SECRET: 's', LOGTO_COOKIE_SECRET: 'x'.repeat(32) };

describe('base URL', () => {
  it('uses LOGTO_BASE_URL whatever the Host header says', () => {
    const config = parseConfig({ ...base, LOGTO_BASE_URL: 'https://app.example.com' });
    expect(resolveBaseUrl(config, new URL('https://evil.example/x'), new Headers({ 'x-forwarded-host': 'evil.example' }))).toBe('https://app.example.com');
  });

  it('on Vercel, trusts the request host only when it is one of the deployment URLs', () => {
    const config = parseConfig({ ...base, VERCEL_ENV: 'preview', VERCEL_BRANCH_URL: 'app-git-x.vercel.app', VERCEL_URL: 'app-123.vercel.app' });
    const at = (host: string) => resolveBaseUrl(config, new URL(`https://${host}/`), new Headers({ 'x-forwarded-host': host }));
    expect(at('app-123.vercel.app')).toBe('https://app-123.vercel.app');
    expect(at('app-git-x.vercel.app')).toBe('https://app-git-x.vercel.app');
    expect(at('evil.example')).toBe('https://app-git-x.vercel.app');
  });

  it('on Vercel, reads the first host of a list-valued X-Forwarded-Host, and only a host', () => {
    const config = parseConfig({ ...base, VERCEL_ENV: 'preview', VERCEL_BRANCH_URL: 'app-git-x.vercel.app', VERCEL_URL: 'app-123.vercel.app' });
    const at = (forwarded: string) => resolveBaseUrl(config, new URL('http://internal:3000/'), new Headers({ 'x-forwarded-host': forwarded }));
    expect(at('App-123.vercel.app, proxy.internal')).toBe('https://app-123.vercel.app');
    expect(at('evil.example, app-123.vercel.app')).toBe('https://app-git-x.vercel.app');
    expect(at('app-123.vercel.app/x')).toBe('https://app-git-x.vercel.app');
    expect(resolveBaseUrl(config, undefined, new Headers({ host: 'app-123.vercel.app' }))).toBe('https://app-123.vercel.app');
    expect(resolveBaseUrl(config, undefined, new Headers())).toBe('https://app-git-x.vercel.app');
  });
});
