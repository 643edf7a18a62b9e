/**
 * The oidc-provider instance: configured by `configuration.ts`, then patched where no option
 * reaches, one `logto-dialect/` module per Logto behaviour: the refresh_token grant, token
 * exchange, redirect URI matching, the logout token's claims, and the discovery, JWKS and error
 * responses.
 */
import Provider from 'oidc-provider';

import { buildConfiguration, type ProviderDependencies } from './configuration';
import { apiResourceTokens } from './logto-dialect/api-resource-tokens';
import { logtoDiscovery } from './logto-dialect/discovery';
import { logtoErrorBody } from './logto-dialect/error-body';
import { jwksCacheControl } from './logto-dialect/jwks-cache-control';
import { patchLogoutTokenWithoutExpiry } from './logto-dialect/logout-token';
import { patchRedirectUriMatching } from './logto-dialect/redirect-uri-matching';
import { registerRefreshTokenGrant } from './logto-dialect/refresh-token-grant';
import { registerTokenExchangeStub } from './logto-dialect/token-exchange';

export type { ProviderDependencies } from './configuration';

export function createProvider(deps: ProviderDependencies): Provider {
  const resourceTokens = apiResourceTokens(deps.store, deps.policy);
  const provider = new Provider(deps.issuer, buildConfiguration(deps, resourceTokens));
  // The public base URL comes from forwarded headers the emulator sets itself (server.ts).
  provider.proxy = true;

  registerRefreshTokenGrant(provider, { store: deps.store, policy: deps.policy, ...resourceTokens });
  registerTokenExchangeStub(provider);
  patchRedirectUriMatching(provider);
  patchLogoutTokenWithoutExpiry(provider, deps.signingKey);
  provider.use(jwksCacheControl);
  provider.use(logtoDiscovery);
  provider.use(logtoErrorBody);

  return provider;
}
