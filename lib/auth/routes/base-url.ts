import type { LogtoConfig } from '../../config.js';

/** A DNS name or IPv4 address, with an optional port: all a Vercel deployment URL can be. */
const HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * The first host of a `Host` or `X-Forwarded-Host` value, or undefined when it is not a host.
 * Each proxy appends what it received (`a.example, b.example`), so the first is what the browser
 * asked for.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-Host
 */
function firstHost(value: string): string | undefined {
  const host = value.split(',')[0]!.trim().toLowerCase();
  return HOST.test(host) ? host : undefined;
}

/**
 * The app's public origin for redirect URIs. `LOGTO_BASE_URL` wins and no header is read. On
 * Vercel (no `LOGTO_BASE_URL`) the host the request names (the first `X-Forwarded-Host` value,
 * else the request URL's host, else `Host`) is used only if it is one of the deployment's own
 * URLs; otherwise, or when it is not a host at all, the preferred deployment URL. Headers alone
 * are never trusted.
 */
export function resolveBaseUrl(config: LogtoConfig, requestUrl: URL | undefined, headers: Headers): string {
  if (config.baseUrl) return config.baseUrl;
  const forwarded = headers.get('x-forwarded-host');
  const host = forwarded !== null ? firstHost(forwarded) : (requestUrl?.host ?? firstHost(headers.get('host') ?? ''));
  const candidate = host && `https://${host}`;
  return candidate && config.vercelOrigins.includes(candidate) ? candidate : config.vercelOrigins[0]!;
}
