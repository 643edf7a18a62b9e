/**
 * Logto's API resource tokens: a JWT per resource, scoped to the requested scopes ∩ the user's role
 * permissions, with the resource's own TTL if set; a refresh without `resource` stays opaque.
 * See `docs/logto-protocol.md`, "API resource tokens", and
 * https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/resource.ts.
 */
import { errors } from 'oidc-provider';
import type { KoaContextWithOIDC, ResourceServer } from 'oidc-provider';

import { SIGNING_ALG } from '../keys';
import type { ResolveResourceConfig } from '../oidc-provider-internals';
import type { TokenPolicy } from '../options';
import { ORGANIZATION_RESOURCE, type Store } from '../store';

export interface ResourceTokens {
  /** Settings shared by every JWT access token: format, signing algorithm, TTL. */
  jwtResourceServer(scope: string, accessTokenTTL?: number): ResourceServer;
  /** oidc-provider's `resourceIndicators.getResourceServerInfo`. */
  getResourceServerInfo(ctx: KoaContextWithOIDC, indicator: string): Promise<ResourceServer>;
  /** How the refresh grant resolves `resource` (oidc-provider's `resolveResource` options). */
  resolveConfig: ResolveResourceConfig;
}

export function apiResourceTokens(store: Store, policy: TokenPolicy): ResourceTokens {
  const jwtResourceServer = (scope: string, accessTokenTTL = policy.accessTokenTtl): ResourceServer => ({
    scope,
    accessTokenFormat: 'jwt',
    accessTokenTTL,
    jwt: { sign: { alg: SIGNING_ALG } },
  });

  const getResourceServerInfo = async (ctx: KoaContextWithOIDC, indicator: string): Promise<ResourceServer> => {
    if (indicator === ORGANIZATION_RESOURCE) {
      // Logto grants every organization-template scope here; filtering by role happens when
      // the organization token is minted (organization-tokens.ts).
      return jwtResourceServer(store.organizationTemplateScopes().join(' '));
    }
    const resource = store.resource(indicator);
    if (!resource) {
      throw new errors.InvalidTarget();
    }
    const userId = ctx.oidc.entities.Account?.accountId ?? ctx.oidc.session?.accountId;
    const scopes = userId ? store.resourceScopes(userId, indicator) : resource.scopes.map((scope) => scope.name);
    // With `organization_id` too, Logto 1.37 grants the user's global-role permissions plus those
    // of their roles in that organization (findUserScopesForResourceIndicator, resource.ts
    // above); the seed's organization roles grant no API permissions, so the global ones remain.
    return jwtResourceServer(scopes.join(' '), resource.accessTokenTtl ?? policy.accessTokenTtl);
  };

  const resolveConfig: ResolveResourceConfig = {
    userinfo: { enabled: true },
    resourceIndicators: {
      enabled: true,
      useGrantedResource: () => false,
      defaultResource: (_ctx, _client, oneOf) => oneOf,
    },
  };

  return { jwtResourceServer, getResourceServerInfo, resolveConfig };
}
