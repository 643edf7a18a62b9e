/**
 * Logto's `refresh_token` grant, a fork of oidc-provider's with organization tokens, the reuse grace
 * of rotated tokens and role-scoped API tokens (the sibling modules); no DPoP, mTLS or RAR, as in Logto.
 * https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/grants/refresh-token.ts
 */
import { errors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { TokenEndpointGrantContext } from 'oidc-provider';

import {
  buildTokenResponse,
  checkAccountMismatch,
  createAccessToken,
  issueIdToken,
  resolveResource,
  validateAccount,
  validateGrant,
  validatePresence,
} from '../oidc-provider-internals';
import type { TokenPolicy } from '../options';
import type { Store } from '../store';
import type { ResourceTokens } from './api-resource-tokens';
import { assertOrganizationAccess, requestedOrganizationId, scopeToOrganization } from './organization-tokens';
import { isWithinReuseGrace, shouldRotate } from './refresh-token-rotation';

const { InvalidGrant, InvalidScope } = errors;

const gty = 'refresh_token';

export const refreshTokenParameters = ['refresh_token', 'scope', 'organization_id', 'resource'];

type RefreshToken = InstanceType<Provider['RefreshToken']>;

export interface RefreshGrantDependencies extends ResourceTokens {
  store: Store;
  policy: TokenPolicy;
}

/** Replaces oidc-provider's own `refresh_token` grant. */
export function registerRefreshTokenGrant(provider: Provider, deps: RefreshGrantDependencies): void {
  provider.registerGrantType(gty, buildRefreshTokenHandler(deps), refreshTokenParameters, ['resource']);
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
    const withinReuseGrace = await isWithinReuseGrace(ctx, refreshToken, deps.policy);

    const organizationId = requestedOrganizationId(ctx);
    if (organizationId) {
      assertOrganizationAccess(deps.store, account.accountId, organizationId, refreshToken.scopes);
    }

    if (withinReuseGrace || shouldRotate(ctx, deps.policy)) {
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
      const { store, jwtResourceServer } = deps;
      scopeToOrganization(provider, at, { store, jwtResourceServer, accountId: account.accountId, organizationId, requested: scope });
    } else {
      const resource = await resolveResource(ctx, refreshToken, deps.resolveConfig, scope);
      if (resource) {
        const info = await deps.getResourceServerInfo(ctx, resource);
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
