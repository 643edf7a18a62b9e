import type { CookieWrite } from './cookie-store.js';

/**
 * The pairs of a `Cookie` header, each exactly as sent. Split the way Next.js splits it for
 * `request.cookies` and `cookies()` (on `;` and the spaces after it), so a pair means the same
 * cookie here as in the render.
 * @see https://httpwg.org/specs/rfc6265.html#cookie (cookie-string = cookie-pair *( ";" SP cookie-pair ))
 */
function cookiePairs(header: string): string[] {
  return header.split(/; */).filter(Boolean);
}

/** The name of a pair: what precedes its first `=` (a pair without one is all name, as Next reads it). */
function pairName(pair: string): string {
  const separator = pair.indexOf('=');
  return separator === -1 ? pair : pair.slice(0, separator);
}

/**
 * The `Cookie` header the render sees once `writes` are applied to the request's `original`
 * header. Every cookie the writes do not name is forwarded byte for byte: `request.cookies` holds
 * URL-decoded values, and joining those again would split a value holding `%3B` into two cookies.
 * Each written cookie replaces every pair of its name; a deletion (`Max-Age=0`) removes them.
 * Written values are encoded as the `Set-Cookie` the browser receives encodes them.
 */
export function forwardedCookieHeader(original: string | null, writes: readonly CookieWrite[]): string {
  const written = new Map<string, CookieWrite>();
  for (const write of writes) written.set(write.name, write);
  const kept = cookiePairs(original ?? '').filter((pair) => !written.has(pairName(pair)));
  const replaced = [...written.values()]
    .filter((write) => write.options.maxAge !== 0)
    .map((write) => `${write.name}=${encodeURIComponent(write.value)}`);
  return [...kept, ...replaced].join('; ');
}
