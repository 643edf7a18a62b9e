import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../test-utils/harness.js';

/** A server action's request: its cookie store (written to) and headers. */
const action = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: {} as Record<string, string>, redirectedTo: '' }));

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (action.cookies.has(name) ? { name, value: action.cookies.get(name)! } : undefined),
    getAll: () => [...action.cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options: { maxAge: number }) => {
      if (options.maxAge === 0) action.cookies.delete(name);
      else action.cookies.set(name, value);
    },
  }),
  headers: async () => new Headers(action.headers),
}));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    action.redirectedTo = url;
    throw new Error('NEXT_REDIRECT');
  },
}));

let h: Harness;
let signIn: Harness['logto']['signIn'];
beforeEach(async () => {
  h = await createHarness();
  signIn = h.logto.signIn;
  action.cookies.clear();
  action.headers = { host: 'localhost:3000' };
  action.redirectedTo = '';
});
afterEach(() => h.restore());

describe('signIn() for server actions', () => {
  it('writes the attempt cookie and redirects to Logto with the options', async () => {
    await expect(signIn({ prompt: 'login', returnTo: '/protected/settings', uiLocales: ['ja'] })).rejects.toThrow('NEXT_REDIRECT');
    const url = new URL(action.redirectedTo);
    expect(url.pathname).toBe('/oidc/auth');
    expect(url.searchParams.get('prompt')).toBe('login consent');
    expect(url.searchParams.get('ui_locales')).toBe('ja');
    expect([...action.cookies.keys()].some((name) => name.startsWith('logto_txn.'))).toBe(true);
  });

  it('starts an attempt that the ordinary callback completes, back to returnTo', async () => {
    await expect(signIn({ returnTo: '/protected/settings' })).rejects.toThrow('NEXT_REDIRECT');
    for (const [name, value] of action.cookies) h.jar.cookies.set(name, value);
    const response = await h.callback(await h.idp.authorize(action.redirectedTo));
    expect(new URL(response.headers.get('location')!).pathname).toBe('/protected/settings');
  });

  it('refuses an invalid option with a TypeError naming it, before anything is written', async () => {
    await expect(signIn({ maxAge: -1 })).rejects.toThrow(/"maxAge"/);
    await expect(signIn({ uiLocales: ['<script>'] })).rejects.toThrow(TypeError);
    expect(action.cookies.size).toBe(0);
    expect(action.redirectedTo).toBe('');
  });

  it.each([
    ['uiLocales', { uiLocales: ['ja,en'] }],
    ['uiLocales', { uiLocales: ['ja en'] }],
    ['scopes', { scopes: ['read write'] }],
    ['resources', { resources: ['https://a.example https://b.example'] }],
    ['identifiers', { identifiers: [] }],
    ['organizationId', { organizationId: '' }],
    ['loginHint', { loginHint: '' }],
    ['maxAge', { maxAge: 1.5 }],
    ['directSignIn', { directSignIn: { method: 'social', target: 'a:b' } }],
    ['uiLocale', { uiLocale: ['ja'] } as never],
  ] as const)('checks each entry of %s exactly as it would be sent: %j', async (option, options) => {
    await expect(signIn(options)).rejects.toThrow(new RegExp(`^signIn\\(\\): "${option}" `));
    expect(action.cookies.size).toBe(0);
    expect(action.redirectedTo).toBe('');
  });

  it('sends a list of language tags as the space-separated ui_locales', async () => {
    await expect(signIn({ uiLocales: ['ja', 'en'], scopes: ['read:extra'] })).rejects.toThrow('NEXT_REDIRECT');
    const url = new URL(action.redirectedTo);
    expect(url.searchParams.get('ui_locales')).toBe('ja en');
    expect(url.searchParams.get('scope')!.split(' ')).toContain('read:extra');
  });

  it('uses LOGTO_BASE_URL and reads no host header, even a list-valued one', async () => {
    action.headers = { host: 'internal:3000', 'x-forwarded-host': 'a.example, b.example' };
    await expect(signIn()).rejects.toThrow('NEXT_REDIRECT');
    expect(new URL(action.redirectedTo).searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/logto/callback');
  });
});

describe('signIn() on Vercel, without LOGTO_BASE_URL', () => {
  const vercel = { VERCEL_ENV: 'preview', VERCEL_BRANCH_URL: 'app-git-x.vercel.app', VERCEL_URL: 'app-123.vercel.app' };
  beforeEach(async () => {
    h.restore();
    h = await createHarness({ env: { LOGTO_BASE_URL: undefined, ...vercel } });
    signIn = h.logto.signIn;
  });
  afterEach(() => {
    for (const key of Object.keys(vercel)) delete process.env[key];
  });
  const redirectUriFor = async (headers: Record<string, string>) => {
    action.headers = headers;
    await expect(signIn()).rejects.toThrow('NEXT_REDIRECT');
    return new URL(action.redirectedTo).searchParams.get('redirect_uri');
  };

  it('takes the first X-Forwarded-Host value when it is one of the deployment URLs', async () => {
    expect(await redirectUriFor({ host: 'internal', 'x-forwarded-host': 'app-123.vercel.app, proxy.internal' })).toBe(
      'https://app-123.vercel.app/api/logto/callback',
    );
  });

  it('falls back to the preferred deployment URL for an unknown or malformed host', async () => {
    expect(await redirectUriFor({ 'x-forwarded-host': 'evil.example, app-123.vercel.app' })).toBe('https://app-git-x.vercel.app/api/logto/callback');
    expect(await redirectUriFor({ 'x-forwarded-host': 'a b/c' })).toBe('https://app-git-x.vercel.app/api/logto/callback');
    expect(await redirectUriFor({ host: 'app-123.vercel.app' })).toBe('https://app-123.vercel.app/api/logto/callback');
  });
});
