/**
 * Whether a request is a prefetch, which must have no side effects. Browsers mark theirs with
 * `Sec-Purpose: prefetch` (or the older `Purpose`). Next's own router headers are checked as a
 * defensive branch only: Next 16 strips them before the middleware and route handlers run, so
 * its prefetches look like visits (hence `prefetch={false}` on links to dashboard pages).
 */
export function isPrefetch(headers: Headers): boolean {
  return (
    headers.get('next-router-prefetch') === '1' ||
    headers.get('purpose') === 'prefetch' ||
    (headers.get('sec-purpose') ?? '').includes('prefetch') ||
    headers.get('x-middleware-prefetch') === '1'
  );
}

/**
 * Whether a state-changing request comes from the app's own pages. Browsers send `Origin` on
 * every POST; `Sec-Fetch-Site` covers the rest. A request with neither is refused.
 */
export function isSameOriginRequest(headers: Headers, appOrigin: string): boolean {
  const origin = headers.get('origin');
  if (origin) return origin === appOrigin;
  return headers.get('sec-fetch-site') === 'same-origin';
}
