/**
 * The shape of a Koa middleware as `provider.use()` takes it, for the dialect modules that
 * rewrite oidc-provider's responses after it has produced them.
 */
import type Provider from 'oidc-provider';

export type ProviderMiddleware = Parameters<Provider['use']>[0];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}
