/**
 * oidc-provider's configuration as Logto's `init.ts` sets it (ES384 keys, Logto's scopes, lifetimes
 * and policies), with the `logto-dialect/` behaviours that oidc-provider takes as options.
 * https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/init.ts
 */
import { randomBytes } from 'node:crypto';

import type { ClientMetadata, Configuration } from 'oidc-provider';
import type { JWK } from 'jose';

import type { MemoryStorage } from './adapter';
import { SIGNING_ALG } from './keys';
import type { ResourceTokens } from './logto-dialect/api-resource-tokens';
import { findAccount, scopeClaims } from './logto-dialect/claims';
import { logtoLogout } from './logto-dialect/end-session';
import { renderJsonError } from './logto-dialect/error-body';
import { logtoExtraParams } from './logto-dialect/extra-params';
import { emptyScopeClaim } from './logto-dialect/empty-scope';
import { loopbackFetch } from './logto-dialect/loopback-fetch';
import { organizationIdClaim } from './logto-dialect/organization-tokens';
import { refreshTokenTtl, shouldRotate } from './logto-dialect/refresh-token-rotation';
import type { TokenPolicy } from './options';
import type { Store } from './store';
import type { SeedApplication } from './types';

export interface ProviderDependencies {
  issuer: string;
  store: Store;
  policy: TokenPolicy;
  signingKey: JWK;
  appOrigins: string[];
  /** Registered on every seeded app besides the seed's own and those derived from `appOrigins`. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Replaces the back-channel logout URI of every seeded app that has one (see {@link backchannelLogoutUriFor}). */
  backchannelLogoutUri: string | undefined;
  storage: MemoryStorage;
}

type ClientUriOptions = Pick<ProviderDependencies, 'appOrigins' | 'redirectUris' | 'postLogoutRedirectUris' | 'backchannelLogoutUri'>;

export function buildConfiguration(deps: ProviderDependencies, resourceTokens: ResourceTokens): Configuration {
  const { store, policy } = deps;
  const allowedOrigins = new Set(deps.appOrigins.map((origin) => new URL(origin).origin));

  return {
    adapter: deps.storage.factory,
    clients: store.seed.applications.map((app) => toClientMetadata(app, deps)),
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      id_token_signed_response_alg: SIGNING_ALG,
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    jwks: { keys: [deps.signingKey] },
    // Back-channel logout reaches loopback apps, as from Logto 1.37.1 (logto-dialect/loopback-fetch.ts).
    fetch: loopbackFetch,
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      long: { sameSite: 'lax', signed: true, httpOnly: true },
      // Logto keeps one pending sign-in interaction per browser: its `_interaction` cookie is not
      // scoped to the interaction's URL, so a newer sign-in replaces the older one (see
      // docs/logto-protocol.md, "Sign-in experience").
      short: { sameSite: 'lax', signed: true, httpOnly: true, path: '/' },
    },
    claims: {
      openid: ['sub'],
      ...Object.fromEntries(Object.entries(scopeClaims).map(([scope, claims]) => [scope, [...claims]])),
    },
    scopes: ['openid', 'offline_access'],
    conformIdTokenClaims: false,
    enabledJWA: {
      idTokenSigningAlgValues: [SIGNING_ALG],
      clientAuthSigningAlgValues: ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'],
      userinfoSigningAlgValues: [SIGNING_ALG],
      introspectionSigningAlgValues: [SIGNING_ALG],
      authorizationSigningAlgValues: [SIGNING_ALG],
    },
    extraParams: logtoExtraParams,
    extraTokenClaims: organizationIdClaim,
    formats: { customizers: { jwt: emptyScopeClaim } },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      userinfo: { enabled: true },
      // Logto's policies: a client may revoke or introspect its own tokens.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      clientCredentials: { enabled: true },
      // OpenID Connect Back-Channel Logout 1.0; ID tokens carry `sid` for clients with
      // backchannel_logout_session_required (oidc-provider's Client#includeSid, as in Logto).
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: logtoLogout,
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => false,
        getResourceServerInfo: resourceTokens.getResourceServerInfo,
      },
    },
    findAccount: findAccount(store),
    // The emulator's own sign-in experience (experience/router.ts).
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    pkce: {
      // Logto: PKCE is optional for confidential (client_secret_basic) apps, required otherwise.
      required: (_ctx, client) => client.clientAuthMethod !== 'client_secret_basic',
    },
    renderError: renderJsonError,
    rotateRefreshToken: (ctx) => shouldRotate(ctx, policy),
    clientBasedCORS: (ctx, origin, client) =>
      ctx.request.origin === origin ||
      allowedOrigins.has(origin) ||
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? policy.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: () => policy.accessTokenTtl,
      RefreshToken: refreshTokenTtl(policy),
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 180 * 24 * 3600,
    },
  };
}

/**
 * Where an app's logout token goes: nowhere unless the seed gives the app a back-channel logout
 * URI; then the `backchannelLogoutUri` option, else `<first app origin>/api/logto/backchannel-logout`
 * when app origins are set, else the seed's URI.
 */
export function backchannelLogoutUriFor(
  app: SeedApplication,
  { appOrigins, backchannelLogoutUri }: Pick<ClientUriOptions, 'appOrigins' | 'backchannelLogoutUri'>,
): string | undefined {
  if (app.backchannelLogoutUri === undefined) return undefined;
  if (backchannelLogoutUri !== undefined) return backchannelLogoutUri;
  const [firstOrigin] = appOrigins;
  return firstOrigin === undefined ? app.backchannelLogoutUri : new URL('/api/logto/backchannel-logout', firstOrigin).href;
}

/** A seeded application as an oidc-provider client, with the extra redirect URIs of the options. */
function toClientMetadata(app: SeedApplication, options: ClientUriOptions): ClientMetadata {
  const { appOrigins, redirectUris, postLogoutRedirectUris } = options;
  const unique = (values: string[]) => [...new Set(values)];
  const backchannelLogoutUri = backchannelLogoutUriFor(app, options);
  return {
    client_id: app.id,
    client_secret: app.secret,
    client_name: app.name,
    application_type: 'web',
    grant_types: app.grantTypes,
    response_types: ['code'],
    redirect_uris: unique([
      ...app.redirectUris,
      ...appOrigins.map((origin) => new URL('/api/logto/callback', origin).href),
      ...redirectUris,
    ]),
    post_logout_redirect_uris: unique([
      ...app.postLogoutRedirectUris,
      ...appOrigins.map((origin) => new URL('/', origin).href),
      ...postLogoutRedirectUris,
    ]),
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: SIGNING_ALG,
    ...(backchannelLogoutUri === undefined
      ? {}
      : { backchannel_logout_uri: backchannelLogoutUri, backchannel_logout_session_required: app.backchannelLogoutSessionRequired }),
  };
}
