/**
 * Logto's `refresh_token` grant (`packages/core/src/oidc/grants/refresh-token.ts`), itself a fork
 * of oidc-provider's. On top of upstream it
 * - issues organization tokens for `organization_id` without `resource` (Logto RFC 0001),
 * - checks organization membership (HTTP 403 `access_denied`) and the
 *   `urn:logto:scope:organizations` scope (HTTP 403 `insufficient_scope`),
 * - lets a rotated refresh token keep working for a short grace period, as Logto's adapter does
 *   (`refreshTokenReuseInterval`); presented later, it revokes the whole grant.
 * DPoP, mTLS and RAR are off in Logto and are left out here.
 */
import { errors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { Client, KoaContextWithOIDC, ResourceServer, TokenEndpointGrantContext } from 'oidc-provider';

import type { TokenPolicy } from './options';
import {
  buildTokenResponse,
  checkAccountMismatch,
  createAccessToken,
  issueIdToken,
  resolveResource,
  revoke,
  validateAccount,
  validateGrant,
  validatePresence,
  type ResolveResourceConfig,
} from './oidc-provider-internals';
import { ORGANIZATION_URN_PREFIX, type Store } from './store';

const { AccessDenied, InsufficientScope, InvalidGrant, InvalidScope } = errors;

const gty = 'refresh_token';
const ORGANIZATIONS_SCOPE = 'urn:logto:scope:organizations';

export const refreshTokenParameters = ['refresh_token', 'scope', 'organization_id', 'resource'];

type RefreshToken = InstanceType<Provider['RefreshToken']>;

export interface RefreshGrantDependencies {
  store: Store;
  policy: TokenPolicy;
  resolveConfig: ResolveResourceConfig;
  shouldRotate: (ctx: KoaContextWithOIDC) => boolean;
  getResourceServerInfo: (ctx: KoaContextWithOIDC, indicator: string, client: Client) => Promise<ResourceServer>;
  /** Resource-server settings shared by every JWT access token (format, signing alg, TTL). */
  jwtResourceServer: (scope: string) => ResourceServer;
}

function forbidden(error: errors.OIDCProviderError): errors.OIDCProviderError {
  error.status = 403;
  error.statusCode = 403;
  return error;
}

function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function buildRefreshTokenHandler(deps: RefreshGrantDependencies) {
  return async function refreshTokenHandler(ctx: TokenEndpointGrantContext): Promise<void> {
    const { client, params, provider } = ctx.oidc;
    validatePresence(ctx, 'refresh_token');

    let refreshTokenValue = String(params.refresh_token);
    let refreshToken: RefreshToken | undefined = await provider.RefreshToken.find(refreshTokenValue, {
      ignoreExpiration: true,
    });

    if (!refreshToken) throw new InvalidGrant('refresh token not found');
    if (refreshToken.clientId !== client.clientId) throw new InvalidGrant('client mismatch');
    if (refreshToken.isExpired) throw new InvalidGrant('refresh token is expired');

    const grant = await validateGrant(provider, ctx, refreshToken.grantId);

    if (params.scope) {
      const granted = refreshToken.scopes;
      const missing = [...ctx.oidc.requestParamScopes].filter((scope) => !granted.has(scope));
      if (missing.length > 0) {
        throw new InvalidScope(`refresh token missing requested scope${missing.length > 1 ? 's' : ''}`, missing.join(' '));
      }
    }

    ctx.oidc.entity('RefreshToken', refreshToken);
    ctx.oidc.entity('Grant', grant);

    const account = await validateAccount(provider, ctx, refreshToken, 'refresh token');
    checkAccountMismatch(refreshToken, grant);
    ctx.oidc.entity('Account', account);

    // Logto counts a rotated token as "consumed" only once the reuse interval has passed.
    let withinReuseGrace = false;
    if (typeof refreshToken.consumed === 'number') {
      if (epochSeconds() - refreshToken.consumed >= deps.policy.reuseGrace) {
        await Promise.all([refreshToken.destroy(), revoke(ctx, refreshToken.grantId)]);
        throw new InvalidGrant('refresh token already used');
      }
      withinReuseGrace = true;
    }

    const organizationId = typeof params.organization_id === 'string' && params.organization_id ? params.organization_id : undefined;
    if (organizationId) {
      if (!deps.store.isOrganizationMember(account.accountId, organizationId)) {
        throw forbidden(new AccessDenied('user is not a member of the organization'));
      }
      if (!refreshToken.scopes.has(ORGANIZATIONS_SCOPE)) {
        throw new InsufficientScope('refresh token missing required scope', ORGANIZATIONS_SCOPE);
      }
    }

    if (withinReuseGrace || deps.shouldRotate(ctx)) {
      // A token used again inside the grace window mints yet another successor but keeps its
      // original consumption time, so the window is not extended.
      if (!withinReuseGrace) await refreshToken.consume();
      ctx.oidc.entity('RotatedRefreshToken', refreshToken);

      const previous: RefreshToken = refreshToken;
      refreshToken = new provider.RefreshToken({
        accountId: previous.accountId,
        acr: previous.acr,
        amr: previous.amr,
        authTime: previous.authTime,
        claims: previous.claims,
        client,
        expiresWithSession: previous.expiresWithSession,
        iiat: previous.iiat,
        grantId: String(previous.grantId),
        gty: previous.gty && !previous.gty.endsWith(gty) ? `${previous.gty} ${gty}` : (previous.gty ?? gty),
        nonce: previous.nonce,
        resource: previous.resource,
        rotations: typeof previous.rotations === 'number' ? previous.rotations + 1 : 1,
        scope: previous.scope ?? '',
        sessionUid: previous.sessionUid,
        sid: previous.sid,
      });
      ctx.oidc.entity('RefreshToken', refreshToken);
      refreshTokenValue = await refreshToken.save();
    }

    const at = createAccessToken(
      provider,
      ctx,
      {
        accountId: account.accountId,
        expiresWithSession: refreshToken.expiresWithSession,
        grantId: String(refreshToken.grantId),
        sessionUid: refreshToken.sessionUid,
        sid: refreshToken.sid,
      },
      refreshToken.gty,
    );
    if (at.gty && !at.gty.endsWith(gty)) {
      at.gty = `${at.gty} ${gty}`;
    }

    const scope = params.scope ? ctx.oidc.requestParamScopes : refreshToken.scopes;

    if (organizationId && !params.resource) {
      // Organization token: the user's current organization-role permissions ∩ requested scopes.
      const available = deps.store.organizationScopes(account.accountId, organizationId);
      at.resourceServer = new provider.ResourceServer(
        `${ORGANIZATION_URN_PREFIX}${organizationId}`,
        deps.jwtResourceServer(available.join(' ')),
      );
      at.scope = available.filter((name) => scope.has(name)).join(' ');
    } else {
      const resource = await resolveResource(ctx, refreshToken, deps.resolveConfig, scope);
      if (resource) {
        const info = await deps.getResourceServerInfo(ctx, resource, client);
        at.resourceServer = new provider.ResourceServer(resource, info);
        const allowed = at.resourceServer.scopes;
        at.scope = grant.getResourceScopeFiltered(resource, [...scope].filter((name) => allowed.has(name)));
      } else {
        at.claims = refreshToken.claims;
        at.scope = grant.getOIDCScopeFiltered(scope);
      }
    }

    ctx.oidc.entity('AccessToken', at);
    const accessToken = await at.save();
    const idToken = await issueIdToken(provider, ctx, refreshToken, at, grant, scope);

    ctx.body = buildTokenResponse(provider, {
      accessToken,
      expiresIn: at.expiration,
      idToken,
      refreshToken: refreshTokenValue,
      scope: refreshToken.scope ? at.scope : at.scope || undefined,
      tokenType: at.tokenType,
    });
  };
}
