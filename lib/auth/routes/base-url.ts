import type { LogtoConfig } from '../../config';

/**
 * The app's public origin for redirect URIs. `LOGTO_BASE_URL` wins; on Vercel the request's host
 * is used only if it is one of the deployment's own URLs, otherwise the preferred one. The Host
 * header alone is never trusted.
 */
export function resolveBaseUrl(config: LogtoConfig, requestUrl: URL, headers: Headers): string {
  if (config.baseUrl) return config.baseUrl;
  const host = headers.get('x-forwarded-host') ?? requestUrl.host;
  const candidate = `https://${host}`;
  return config.vercelOrigins.includes(candidate) ? candidate : config.vercelOrigins[0]!;
}
