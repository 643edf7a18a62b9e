/**
 * Logto's organization tokens: a refresh with `organization_id` and no `resource` gives a JWT for
 * `urn:logto:organization:<id>` with the user's organization-role permissions ∩ requested scopes;
 * 403 `access_denied` for non-members, 403 `insufficient_scope` without the organizations scope.
 * See `docs/logto-protocol.md`, "Organization tokens".
 */
import { errors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC, ResourceServer } from 'oidc-provider';

import { ORGANIZATION_URN_PREFIX, type Store } from '../store';

const ORGANIZATIONS_SCOPE = 'urn:logto:scope:organizations';

type AccessToken = InstanceType<Provider['AccessToken']>;

/** The non-empty `organization_id` of a token request, if any. */
export function requestedOrganizationId(ctx: KoaContextWithOIDC): string | undefined {
  const value = ctx.oidc.params?.organization_id;
  return typeof value === 'string' && value ? value : undefined;
}

/** Throws unless the user is a member and the refresh token carries the organizations scope. */
export function assertOrganizationAccess(store: Store, accountId: string, organizationId: string, granted: ReadonlySet<string>): void {
  if (!store.isOrganizationMember(accountId, organizationId)) {
    const error = new errors.AccessDenied('user is not a member of the organization');
    error.status = 403;
    error.statusCode = 403;
    throw error;
  }
  if (!granted.has(ORGANIZATIONS_SCOPE)) {
    throw new errors.InsufficientScope('refresh token missing required scope', ORGANIZATIONS_SCOPE);
  }
}

/** Makes `at` the organization token: audience `urn:logto:organization:<id>`, role permissions ∩ `requested`. */
export function scopeToOrganization(
  provider: Provider,
  at: AccessToken,
  options: { store: Store; jwtResourceServer: (scope: string) => ResourceServer; accountId: string; organizationId: string; requested: ReadonlySet<string> },
): void {
  const available = options.store.organizationScopes(options.accountId, options.organizationId);
  at.resourceServer = new provider.ResourceServer(
    `${ORGANIZATION_URN_PREFIX}${options.organizationId}`,
    options.jwtResourceServer(available.join(' ')),
  );
  at.scope = available.filter((name) => options.requested.has(name)).join(' ');
}

/**
 * oidc-provider's `extraTokenClaims`: an API token requested with `organization_id` carries it
 * (Logto's `getExtraTokenClaimsForOrganizationApiResource`, https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/extra-token-claims.ts).
 */
export const organizationIdClaim: Configuration['extraTokenClaims'] = (ctx, token) => {
  const organizationId = requestedOrganizationId(ctx);
  const audience = typeof token.aud === 'string' ? token.aud : undefined;
  if (ctx.oidc.route === 'token' && organizationId && audience && !audience.startsWith(ORGANIZATION_URN_PREFIX)) {
    return { organization_id: organizationId };
  }
  return undefined;
};
