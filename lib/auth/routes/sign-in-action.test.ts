import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../test-utils/harness';

/** A server action's request: its cookie store (written to) and headers. */
const action = vi.hoisted(() => ({ cookies: new Map<string, string>(), redirectedTo: '' }));

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (action.cookies.has(name) ? { name, value: action.cookies.get(name)! } : undefined),
    getAll: () => [...action.cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options: { maxAge: number }) => {
      if (options.maxAge === 0) action.cookies.delete(name);
      else action.cookies.set(name, value);
    },
  }),
  headers: async () => new Headers({ host: 'localhost:3000' }),
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
    await expect(signIn({ maxAge: -1 })).rejects.toThrow(/"max_age"/);
    await expect(signIn({ uiLocales: ['<script>'] })).rejects.toThrow(TypeError);
    expect(action.cookies.size).toBe(0);
    expect(action.redirectedTo).toBe('');
  });
});
