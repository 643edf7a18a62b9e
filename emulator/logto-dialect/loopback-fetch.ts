/**
 * The provider's outgoing requests (back-channel logout) may reach loopback hosts.
 *
 * oidc-provider 9 puts an SSRF-protecting undici dispatcher into `init.dispatcher` before it calls
 * the configured `fetch`; that dispatcher destroys every connection to a special-use address
 * (loopback, private, link-local…). Logto 1.37.1 runs oidc-provider 8 (its fork), which has no
 * such check, so it delivers back-channel logout tokens to `http://localhost:…` apps. The emulator
 * drops the dispatcher for loopback hosts only, so a local app gets its logout token as from
 * Logto; every other host (private ranges included) keeps oidc-provider's protection.
 */

/** `localhost`, `127.0.0.0/8` or `::1`, as the WHATWG URL parser spells a URL's hostname. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  // The URL parser has already normalised IPv4 (`127.1`, `2130706433` → `127.0.0.1`).
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((octet) => Number(octet) <= 255);
}

/** Whether a request to `url` is let through without oidc-provider's SSRF dispatcher. */
export function isLoopbackUrl(url: string | URL): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:') && isLoopbackHost(hostname);
}

type FetchInit = RequestInit & { dispatcher?: unknown };

/** oidc-provider's `fetch` option: its default (`globalThis.fetch`), minus the dispatcher for loopback URLs. */
export const loopbackFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = input instanceof Request ? input.url : input;
  if (init && isLoopbackUrl(url)) {
    // `dispatcher` is undici's extension of RequestInit; without it, the global dispatcher is used.
    const { dispatcher: _ssrfProtection, ...unprotected } = init as FetchInit;
    return globalThis.fetch(input, unprotected);
  }
  return globalThis.fetch(input, init);
};
