import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, createHarness, type Harness } from '../test-utils/harness.js';
import { parseSignInQuery } from './sign-in-options.js';

vi.mock('./sign-in-options.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./sign-in-options.js')>();
  return { ...actual, parseSignInQuery: vi.fn(actual.parseSignInQuery) };
});

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.restore());

const location = (response: Response) => new URL(response.headers.get('location')!, APP_ORIGIN);

describe('sign-in route, hostile queries', () => {
  it.each(['valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'constructor', 'toString'])(
    'refuses ?%s=1 on the error page naming it, and sends nothing to Logto',
    async (name) => {
      const response = await h.startSignIn(`?${name}=1&returnTo=/protected`);
      expect(response.status).toBe(303);
      const url = location(response);
      expect(url.pathname).toBe('/auth/error');
      expect(url.searchParams.get('code')).toBe('sign_in.invalid_parameter');
      expect(url.searchParams.getAll('parameter')).toEqual([name]);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(h.idp.calls.total).toBe(0);
    },
  );

  it('ends on the error page with a code, not a 500, if reading the query throws', async () => {
    vi.mocked(parseSignInQuery).mockImplementationOnce(() => {
      throw new TypeError('unexpected');
    });
    const response = await h.startSignIn('?prompt=login');
    expect(response.status).toBe(303);
    const url = location(response);
    expect(url.pathname).toBe('/auth/error');
    expect(url.searchParams.get('code')).toBe('unknown');
    expect(h.idp.calls.total).toBe(0);
  });
});
