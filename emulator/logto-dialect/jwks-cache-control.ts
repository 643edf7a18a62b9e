/**
 * Logto (from 1.39; 1.37.1 sends no header) serves its JWKS with `Cache-Control: no-cache,
 * max-age=0, must-revalidate`, so clients revalidate the key set on every fetch.
 * See `docs/logto-protocol.md`, "Discovery" (caching).
 */
import type { ProviderMiddleware } from './middleware';

export const jwksCacheControl: ProviderMiddleware = async (ctx, next) => {
  await next();
  if (ctx.path === '/jwks') {
    ctx.set('Cache-Control', 'no-cache, max-age=0, must-revalidate');
  }
};
