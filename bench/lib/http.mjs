// A browser stand-in over fetch: a cookie jar (host-wide like a browser's, paths and Max-Age
// honoured) and the password sign-in through the provider's server-rendered pages.

/** A cookie jar for one host. Browsers do not separate cookies by port, and neither does this. */
export class CookieJar {
  /** key `${path}\t${name}` → { name, value, path } */
  #cookies = new Map();

  /** The `Cookie` header a browser would send to `url`. */
  header(url) {
    const { pathname } = new URL(url);
    const matching = [...this.#cookies.values()].filter(
      (cookie) => pathname === cookie.path || pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
    );
    // Longer paths first, as RFC 6265 asks.
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }

  /** Applies a response's `Set-Cookie` lines. */
  absorb(response, url) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      let cookiePath = defaultPath(new URL(url).pathname);
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.trim().split('=');
        const attrValue = rest.join('=');
        if (/^path$/i.test(key) && attrValue.startsWith('/')) cookiePath = attrValue;
        if (/^max-age$/i.test(key) && Number(attrValue) <= 0) expired = true;
        if (/^expires$/i.test(key) && Date.parse(attrValue) <= Date.now()) expired = true;
      }
      const key = `${cookiePath}\t${name}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path: cookiePath });
    }
  }

  /** Cookies with path `/` (the app's), as `[name, value]`. */
  rootCookies() {
    return [...this.#cookies.values()].filter((cookie) => cookie.path === '/').map((cookie) => [cookie.name, cookie.value]);
  }

  clone() {
    const copy = new CookieJar();
    for (const [key, cookie] of this.#cookies) copy.#cookies.set(key, { ...cookie });
    return copy;
  }
}

function defaultPath(pathname) {
  const index = pathname.lastIndexOf('/');
  return index <= 0 ? '/' : pathname.slice(0, index);
}

/** `/oidc/auth/<uid>` folded the way the provider's stats fold it. */
export const oidcStatsKey = (pathname) => (/^\/oidc\/auth\/[^/]+$/.test(pathname) ? '/oidc/auth/:uid' : pathname);

/** One request as a browser would send it (no redirect following); the body is read. */
export async function browserRequest(jar, url, { method = 'GET', body, headers = {} } = {}) {
  const cookie = jar.header(url);
  const response = await fetch(url, {
    method,
    body,
    redirect: 'manual',
    headers: {
      accept: 'text/html,application/xhtml+xml',
      'user-agent': 'logto-next-bench',
      ...(cookie ? { cookie } : {}),
      ...(body ? { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin } : {}),
      ...headers,
    },
    signal: AbortSignal.timeout(20_000),
  });
  jar.absorb(response, url);
  const text = await response.text();
  return { response, text };
}

function passwordFormAction(html, pageUrl) {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attributes = '', inner = ''] = match;
    if (!/name="password"/.test(inner)) continue;
    const action = /action="([^"]*)"/.exec(attributes)?.[1]?.replace(/&amp;/g, '&');
    if (action) return new URL(action, pageUrl).href;
  }
  return undefined;
}

/**
 * Signs in with a password the way a browser does: `/api/logto/sign-in?returnTo=…`, the
 * provider's redirects and sign-in form, the app's callback, and the page it returns to.
 * Returns the jar, the final response and the requests this "browser" sent to `/oidc/*`.
 */
export async function signIn({ appUrl, providerUrl, username, password, returnTo = '/protected', jar = new CookieJar() }) {
  const browserOidc = {};
  const provider = new URL(providerUrl);
  let url = `${appUrl}/api/logto/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
  let method = 'GET';
  let body;
  let posted = false;
  const trail = [];
  for (let step = 0; step < 25; step += 1) {
    const current = new URL(url);
    if (current.origin === provider.origin && current.pathname.startsWith('/oidc/')) {
      const key = oidcStatsKey(current.pathname);
      browserOidc[key] = (browserOidc[key] ?? 0) + 1;
    }
    const { response, text } = await browserRequest(jar, url, { method, body });
    trail.push(`${method} ${current.pathname} → ${response.status}`);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    if (current.origin === provider.origin && response.status === 200 && !posted) {
      const action = passwordFormAction(text, url);
      if (!action) throw new Error(`no password form at ${url}`);
      url = action;
      method = 'POST';
      body = new URLSearchParams({ username, password }).toString();
      posted = true;
      continue;
    }
    if (current.origin === new URL(appUrl).origin && response.status === 200 && current.pathname === returnTo) {
      return { jar, response, html: text, browserOidc, trail };
    }
    throw new Error(`sign-in stopped at ${method} ${url} with HTTP ${response.status}\n${trail.join('\n')}`);
  }
  throw new Error(`sign-in did not finish in 25 steps\n${trail.join('\n')}`);
}
