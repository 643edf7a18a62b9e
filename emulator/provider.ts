import { randomBytes } from 'node:crypto';

import Provider, { errors } from 'oidc-provider';
import type {
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
  ResourceServer,
} from 'oidc-provider';
import type { JWK } from 'jose';

import type { MemoryStorage } from './adapter';
import { buildUserClaims, scopeClaims } from './claims';
import { SIGNING_ALG } from './keys';
import type { TokenPolicy } from './options';
import type { ResolveResourceConfig } from './oidc-provider-internals';
import { buildRefreshTokenHandler, refreshTokenParameters } from './refresh-token-grant';
import { ORGANIZATION_RESOURCE, ORGANIZATION_URN_PREFIX, type Store } from './store';
import type { SeedApplication } from './types';
import { page } from './views';

/** Logto's `ExtraParamsKey` values, accepted at `/oidc/auth` (`login_hint`, `ui_locales` are standard). */
export const logtoExtraParams = [
  'interaction_mode',
  'first_screen',
  'direct_sign_in',
  'organization_id',
  'identifier',
  'one_time_token',
  'google_one_tap_credential',
];

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** Key order of a real Logto discovery document (`design/observed/discovery.json`). */
const discoveryKeyOrder = [
  'authorization_endpoint',
  'claims_parameter_supported',
  'claims_supported',
  'code_challenge_methods_supported',
  'end_session_endpoint',
  'grant_types_supported',
  'issuer',
  'jwks_uri',
  'authorization_response_iss_parameter_supported',
  'response_modes_supported',
  'response_types_supported',
  'scopes_supported',
  'subject_types_supported',
  'token_endpoint_auth_methods_supported',
  'token_endpoint_auth_signing_alg_values_supported',
  'token_endpoint',
  'id_token_signing_alg_values_supported',
  'pushed_authorization_request_endpoint',
  'request_parameter_supported',
  'request_uri_parameter_supported',
  'userinfo_endpoint',
  'introspection_endpoint',
  'revocation_endpoint',
  'backchannel_logout_supported',
  'backchannel_logout_session_supported',
  'claim_types_supported',
];

/** English messages of Logto's `errors.oidc.*` phrases. */
const oidcErrorMessages: Record<string, string> = {
  invalid_scope: 'Invalid scope: {{error_description}}.',
  invalid_token: 'Invalid token provided.',
  invalid_client_metadata: 'Invalid client metadata provided.',
  insufficient_scope: 'Token missing scope `{{scope}}`.',
  invalid_request: 'Request is invalid.',
  invalid_grant: 'Grant request is invalid.',
  invalid_issuer: 'Invalid issuer.',
  invalid_redirect_uri: "`redirect_uri` did not match any of the client's registered `redirect_uris`.",
  access_denied: 'Access denied.',
  invalid_target: 'Invalid resource indicator.',
  unsupported_grant_type: 'Unsupported `grant_type` requested.',
  unsupported_response_mode: 'Unsupported `response_mode` requested.',
  unsupported_response_type: 'Unsupported `response_type` requested.',
  server_error: 'An unknown OIDC error occurred. Please try again later.',
  temporarily_unavailable: 'The server is temporarily unavailable. Please try again later.',
};

export interface ProviderDependencies {
  issuer: string;
  store: Store;
  policy: TokenPolicy;
  signingKey: JWK;
  appOrigins: string[];
  storage: MemoryStorage;
}

/**
 * Builds the oidc-provider instance with Logto's configuration (`packages/core/src/oidc/init.ts`):
 * ES384 signing, Logto's scopes and claims, resource indicators with RBAC-filtered JWT access
 * tokens, Logto's refresh_token grant, Logto's error body, and interactions served by the
 * emulator's own sign-in experience at `/interaction/<uid>`.
 */
export function createProvider(deps: ProviderDependencies): Provider {
  const { store, policy } = deps;

  const jwtResourceServer = (scope: string, accessTokenTTL = policy.accessTokenTtl): ResourceServer => ({
    scope,
    accessTokenFormat: 'jwt',
    accessTokenTTL,
    jwt: { sign: { alg: SIGNING_ALG } },
  });

  const getResourceServerInfo = async (ctx: KoaContextWithOIDC, indicator: string): Promise<ResourceServer> => {
    if (indicator === ORGANIZATION_RESOURCE) {
      // Logto grants every organization-template scope here; filtering by role happens when
      // the organization token is minted.
      return jwtResourceServer(store.organizationTemplateScopes().join(' '));
    }
    const resource = store.resource(indicator);
    if (!resource) {
      throw new errors.InvalidTarget();
    }
    const userId = ctx.oidc.entities.Account?.accountId ?? ctx.oidc.session?.accountId;
    let scopes = userId ? store.resourceScopes(userId, indicator) : resource.scopes.map((scope) => scope.name);
    if (ctx.oidc.route === 'token' && typeof ctx.oidc.params?.organization_id === 'string') {
      // A resource token for an organization carries only permissions granted through that
      // organization's roles; the seed's organization roles grant no API permissions.
      scopes = [];
    }
    return jwtResourceServer(scopes.join(' '), resource.accessTokenTtl ?? policy.accessTokenTtl);
  };

  const resolveConfig: ResolveResourceConfig = {
    userinfo: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Logto: never fall back to a granted resource, so a plain refresh returns the opaque token.
      useGrantedResource: () => false,
      defaultResource: (_ctx, _client, oneOf) => oneOf,
    },
  };

  const shouldRotate = (ctx: KoaContextWithOIDC): boolean => {
    const { RefreshToken: refreshToken, Client: client } = ctx.oidc.entities;
    if (!refreshToken || !client) return false;
    if (policy.rotation === 'always') return true;
    if (refreshToken.totalLifetime() >= 365.25 * 24 * 60 * 60) return false;
    if (client.clientAuthMethod === 'none' && !refreshToken.isSenderConstrained()) return true;
    return refreshToken.ttlPercentagePassed() >= 70;
  };

  const allowedOrigins = new Set(deps.appOrigins.map((origin) => new URL(origin).origin));

  const configuration: Configuration = {
    adapter: deps.storage.factory,
    clients: store.seed.applications.map((app) => toClientMetadata(app, deps.appOrigins)),
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      id_token_signed_response_alg: SIGNING_ALG,
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    jwks: { keys: [deps.signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      long: { sameSite: 'lax', signed: true, httpOnly: true },
      short: { sameSite: 'lax', signed: true, httpOnly: true },
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
    // Logto's `getExtraTokenClaimsForOrganizationApiResource`: an API token requested with
    // `organization_id` names the organization.
    extraTokenClaims: (ctx, token) => {
      const organizationId = ctx.oidc.params?.organization_id;
      const audience = typeof token.aud === 'string' ? token.aud : undefined;
      if (
        ctx.oidc.route === 'token' &&
        typeof organizationId === 'string' &&
        organizationId &&
        audience &&
        !audience.startsWith(ORGANIZATION_URN_PREFIX)
      ) {
        return { organization_id: organizationId };
      }
      return undefined;
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      userinfo: { enabled: true },
      // Logto's policies: a client may revoke or introspect its own tokens.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      clientCredentials: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          // Logto's logout.html: add logout=yes and submit at once; the user is never asked.
          const autoForm = form.replace(
            '</form>',
            '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Sign out</button></noscript></form>',
          );
          ctx.type = 'html';
          ctx.body = page({
            title: 'Signing out',
            heading: 'Signing out…',
            body: `${autoForm}<script>document.getElementById('op.logoutForm').submit();</script>`,
          });
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = page({
            title: 'Signed out',
            heading: 'You have signed out',
            body: '<p class="muted">You can close this window.</p>',
          });
        },
      },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => false,
        getResourceServerInfo,
      },
    },
    findAccount: (_ctx, sub) => {
      if (!store.user(sub)) return undefined;
      return {
        accountId: sub,
        claims: (use, scope) => {
          const user = store.user(sub);
          if (!user) throw new errors.InvalidGrant('user not found');
          const claims = buildUserClaims(store, user, new Set(scope.split(' ')), use === 'id_token' ? 'id_token' : 'userinfo');
          return { ...claims, sub };
        },
      };
    },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    pkce: {
      // Logto: PKCE is optional for confidential (client_secret_basic) apps, required otherwise.
      required: (_ctx, client) => client.clientAuthMethod !== 'client_secret_basic',
    },
    renderError: (ctx, out) => {
      // Logto answers JSON even to browsers (`init.ts` renderError).
      ctx.type = 'json';
      ctx.body = out;
    },
    rotateRefreshToken: shouldRotate,
    clientBasedCORS: (ctx, origin, client) =>
      ctx.request.origin === origin ||
      allowedOrigins.has(origin) ||
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? policy.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: () => policy.accessTokenTtl,
      RefreshToken: (ctx, token, client) => {
        const rotated = ctx.oidc.entities.RotatedRefreshToken;
        if (rotated && client.applicationType === 'web' && client.clientAuthMethod === 'none' && !token.isSenderConstrained()) {
          return rotated.remainingTTL;
        }
        return policy.refreshTokenTtl;
      },
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 180 * 24 * 3600,
    },
  };

  const provider = new Provider(deps.issuer, configuration);
  // The public base URL comes from forwarded headers the emulator sets itself (server.ts).
  provider.proxy = true;

  provider.registerGrantType(
    'refresh_token',
    buildRefreshTokenHandler({
      store,
      policy,
      resolveConfig,
      shouldRotate,
      getResourceServerInfo,
      jwtResourceServer,
    }),
    refreshTokenParameters,
    ['resource'],
  );
  // Listed by Logto's discovery; the emulator answers it with unsupported_grant_type (token exchange is out of scope).
  provider.registerGrantType(TOKEN_EXCHANGE, () => {
    throw new errors.UnsupportedGrantType('token exchange is not supported by the local emulator');
  }, ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'scope']);

  patchRedirectUriMatching(provider);

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/jwks') {
      ctx.set('Cache-Control', 'no-cache, max-age=0, must-revalidate');
    }
    if (ctx.path.startsWith('/.well-known/') && ctx.status === 200 && isRecord(ctx.body)) {
      ctx.body = shapeDiscovery(ctx.body);
    }
    if (ctx.status >= 400 && isRecord(ctx.body) && typeof ctx.body.error === 'string' && ctx.query.parse_error !== 'false') {
      ctx.body = toLogtoErrorBody(ctx.body);
    }
  });

  return provider;
}

function toClientMetadata(app: SeedApplication, appOrigins: string[]): ClientMetadata {
  const unique = (values: string[]) => [...new Set(values)];
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
    ]),
    post_logout_redirect_uris: unique([
      ...app.postLogoutRedirectUris,
      ...appOrigins.map((origin) => new URL('/', origin).href),
    ]),
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: SIGNING_ALG,
  };
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function normalizeUri(value: string): string | undefined {
  return URL.canParse(value) ? new URL(value).href : undefined;
}

function withoutLoopbackPort(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' || !loopbackHosts.has(url.hostname)) return undefined;
  url.port = '';
  return url.href;
}

/**
 * Logto compares redirect URIs after `new URL()` normalisation, and lets loopback `http`
 * redirect URIs match on any port (post-logout URIs must match exactly).
 */
function patchRedirectUriMatching(provider: Provider): void {
  const { prototype } = provider.Client;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: InstanceType<Provider['Client']>, value: string) {
    const registered = this.redirectUris ?? [];
    const normalized = normalizeUri(value);
    if (normalized && registered.some((uri) => normalizeUri(uri) === normalized)) return true;
    const loopback = withoutLoopbackPort(value);
    return loopback !== undefined && registered.some((uri) => withoutLoopbackPort(uri) === loopback);
  };
  prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(
    this: InstanceType<Provider['Client']>,
    value: string,
  ) {
    const normalized = normalizeUri(value);
    return normalized !== undefined && (this.postLogoutRedirectUris ?? []).some((uri) => normalizeUri(uri) === normalized);
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function shapeDiscovery(body: Record<string, unknown>): Record<string, unknown> {
  const complete: Record<string, unknown> = {
    ...body,
    request_parameter_supported: body.request_parameter_supported ?? false,
    claim_types_supported: ['normal'],
  };
  const ordered: Record<string, unknown> = {};
  for (const key of discoveryKeyOrder) {
    if (complete[key] !== undefined) ordered[key] = complete[key];
  }
  for (const [key, value] of Object.entries(complete)) {
    if (!(key in ordered) && value !== undefined) ordered[key] = value;
  }
  return ordered;
}

/** Logto's `koa-oidc-error-handler`: `{ code, message, error_uri?, error, error_description, scope? }`. */
export function toLogtoErrorBody(body: Record<string, unknown>): Record<string, unknown> {
  const error = String(body.error);
  const template = oidcErrorMessages[error] ?? `An OIDC error occurred: oidc.${error}.`;
  const message = template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => String(body[key] ?? ''));
  const { error: _error, error_description: description, ...rest } = body;
  return {
    code: `oidc.${error}`,
    message,
    ...(error === 'invalid_grant' ? { error_uri: 'https://openid.sh/debug/invalid_grant' } : {}),
    error,
    error_description: description,
    ...rest,
  };
}

