const controlOrBackslash = /[\u0000-\u001F\u007F\\]/;

const decodeFully = (value: string): string | undefined => {
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
};

const isSinglySlashed = (path: string) => path.startsWith('/') && !path.startsWith('//');

/**
 * Turns an untrusted `returnTo` (a query parameter, a cookie) into a same-origin path to redirect
 * to after sign-in, or `fallback`. Accepted: a path starting with exactly one `/`, or an absolute
 * http(s) URL on the app's own origin without credentials. Refused: other origins,
 * protocol-relative `//host`, any backslash, control characters (raw or percent-encoded, at any
 * depth of encoding), encoded leading slashes, `javascript:`/`data:` and other schemes, scheme-
 * relative tricks like `http:evil`, and paths that normalise to `//host` (`/a/../..//evil`).
 *
 * @param appOrigin The app's own origin (or any URL on it).
 * @param fallback Returned for anything unsafe; trusted as it is.
 * @returns `pathname + search + hash` of the resolved URL, or `fallback`.
 * @throws {TypeError} When `appOrigin` is not an absolute URL.
 * @see RFC 6749 section 10.15, OWASP Unvalidated Redirects and Forwards Cheat Sheet
 */
export function toSafeReturnTo(value: string | null | undefined, appOrigin: string, fallback: string): string {
  const origin = new URL(appOrigin).origin;
  if (!value || value.length > 2048 || controlOrBackslash.test(value)) return fallback;
  if (!isSinglySlashed(value) && !/^https?:\/\//i.test(value)) return fallback;

  const decoded = decodeFully(value);
  if (decoded === undefined || controlOrBackslash.test(decoded)) return fallback;
  if (value.startsWith('/') && !isSinglySlashed(decoded)) return fallback;

  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || url.username || url.password) return fallback;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fallback;

  const decodedPath = decodeFully(url.pathname);
  if (!isSinglySlashed(url.pathname) || decodedPath === undefined || !isSinglySlashed(decodedPath)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
