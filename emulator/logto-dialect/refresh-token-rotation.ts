/**
 * Logto's refresh-token rotation: a confidential client's token is replaced only after 70 % of its
 * TTL (until then the same string comes back); a replaced one works `reuseGrace` more seconds, then
 * revokes its grant. See `docs/logto-protocol.md`, "Refresh-token rotation", and
 * https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/defaults.ts.
 */
import { errors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC, TTLFunction } from 'oidc-provider';

import { revoke } from '../oidc-provider-internals';
import type { TokenPolicy } from '../options';

type RefreshToken = InstanceType<Provider['RefreshToken']>;

/** oidc-provider's `rotateRefreshToken`: Logto's defaults, or always under `rotation: always`. */
export function shouldRotate(ctx: KoaContextWithOIDC, policy: TokenPolicy): boolean {
  const { RefreshToken: refreshToken, Client: client } = ctx.oidc.entities;
  if (!refreshToken || !client) return false;
  if (policy.rotation === 'always') return true;
  if (refreshToken.totalLifetime() >= 365.25 * 24 * 60 * 60) return false;
  if (client.clientAuthMethod === 'none' && !refreshToken.isSenderConstrained()) return true;
  return refreshToken.ttlPercentagePassed() >= 70;
}

/** A new token gets the full TTL, except a public web client's, which inherits what is left. */
export function refreshTokenTtl(policy: TokenPolicy): TTLFunction<RefreshToken> {
  return (ctx, token, client) => {
    const rotated = ctx.oidc.entities.RotatedRefreshToken;
    if (rotated && client.applicationType === 'web' && client.clientAuthMethod === 'none' && !token.isSenderConstrained()) {
      return rotated.remainingTTL;
    }
    return policy.refreshTokenTtl;
  };
}

/**
 * For a token that was already replaced: true while its reuse grace lasts (Logto's
 * `refreshTokenReuseInterval`, https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/queries/oidc-model-instance.ts); after
 * that the token and its grant are revoked and `invalid_grant` is thrown. False for a fresh token.
 */
export async function isWithinReuseGrace(ctx: KoaContextWithOIDC, refreshToken: RefreshToken, policy: TokenPolicy): Promise<boolean> {
  if (typeof refreshToken.consumed !== 'number') return false;
  if (Math.floor(Date.now() / 1000) - refreshToken.consumed >= policy.reuseGrace) {
    await Promise.all([refreshToken.destroy(), revoke(ctx, refreshToken.grantId)]);
    throw new errors.InvalidGrant('refresh token already used');
  }
  return true;
}
