import type { CookieJar } from './harness.js';

/**
 * The request a server component or server action sees in a unit test: set `jar` (and `headers`)
 * before calling the helper under test. Pair it with
 * `vi.mock('next/headers', async () => (await import('../test-utils/next-headers.js')).nextHeadersMock())`.
 */
export const nextRequest: { jar?: CookieJar; headers: Headers } = { headers: new Headers() };

/**
 * A `next/headers` module over `nextRequest`. `writable`: cookie writes (a server action's) land in
 * the jar; otherwise they are dropped, as Next drops them during a server component's render.
 */
export function nextHeadersMock({ writable = false }: { writable?: boolean } = {}) {
  return {
    cookies: async () => ({
      get: (name: string) => {
        const value = nextRequest.jar?.cookies.get(name);
        return value === undefined ? undefined : { name, value };
      },
      getAll: () => [...(nextRequest.jar?.cookies ?? [])].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string, options?: { maxAge?: number }) => {
        if (!writable || !nextRequest.jar) return;
        if (options?.maxAge === 0 || value === '') nextRequest.jar.cookies.delete(name);
        else nextRequest.jar.cookies.set(name, value);
      },
    }),
    headers: async () => nextRequest.headers,
  };
}
