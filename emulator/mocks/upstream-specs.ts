/**
 * What each mock social upstream looks like: its paths, brand, client authentication, account
 * shape, token response and 401 body. The OAuth flow itself is the same for all three
 * (`upstreams.ts`).
 */
import { randomBytes } from 'node:crypto';

import type { JsonObject, MockUpstream, MockUpstreams } from '../types';

export type UpstreamKey = 'gitlab' | 'feishu' | 'azuread';
export type UpstreamEndpoint = 'authorize' | 'token' | 'userinfo';

export interface UpstreamSpec {
  key: UpstreamKey;
  upstream: MockUpstream<JsonObject>;
  accent: string;
  clientAuth: 'client_secret_basic' | 'client_secret_post';
  accountId(account: JsonObject): string;
  accountLabel(account: JsonObject): { title: string; detail: string };
  tokenResponse(accessToken: string, scope: string): JsonObject;
  unauthorized: JsonObject;
  /** Extra members of the userinfo body, in front of the account's own. */
  userinfoExtra?: JsonObject;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The three upstreams, with the accounts and clients of the seed. */
export function upstreamSpecs(settings: MockUpstreams): Record<UpstreamKey, UpstreamSpec> {
  return {
    gitlab: {
      key: 'gitlab',
      upstream: settings.gitlab as unknown as MockUpstream<JsonObject>,
      accent: '#e24329',
      clientAuth: 'client_secret_basic',
      accountId: (account) => text(account.sub),
      accountLabel: (account) => ({ title: text(account.name) || text(account.nickname), detail: `@${text(account.preferred_username)} · ${text(account.email)}` }),
      tokenResponse: (accessToken, scope) => ({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 7200,
        refresh_token: randomToken(),
        scope,
        created_at: Math.floor(Date.now() / 1000),
      }),
      unauthorized: { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' },
    },
    feishu: {
      key: 'feishu',
      upstream: settings.feishu as unknown as MockUpstream<JsonObject>,
      accent: '#3370ff',
      clientAuth: 'client_secret_post',
      accountId: (account) => text(account.sub),
      accountLabel: (account) => ({ title: text(account.name), detail: text(account.email) || `user_id ${text(account.user_id)}` }),
      tokenResponse: (accessToken) => ({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 6900,
        refresh_token: randomToken(),
        refresh_expires_in: 2591700,
      }),
      unauthorized: { error: 'invalid_token', error_description: 'the access token is invalid' },
    },
    azuread: {
      key: 'azuread',
      upstream: settings.azuread as unknown as MockUpstream<JsonObject>,
      accent: '#0078d4',
      clientAuth: 'client_secret_post',
      accountId: (account) => text(account.id),
      accountLabel: (account) => ({ title: text(account.displayName), detail: text(account.userPrincipalName) }),
      tokenResponse: (accessToken) => ({
        token_type: 'Bearer',
        scope: 'User.Read openid profile email',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: accessToken,
      }),
      unauthorized: {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' },
      },
      userinfoExtra: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity' },
    },
  };
}

/**
 * The upstream and endpoint a path belongs to: GitLab `/mock/gitlab/oauth/*`, Feishu
 * `/mock/feishu/suite/passport/oauth/*`, Azure AD `/mock/azuread/<tenant>/oauth2/v2.0/*` (the
 * seeded tenant, `common` or `organizations`) and Graph `/mock/azuread/v1.0/me`.
 */
export function routeUpstream(path: string, azureTenant: string): { key: UpstreamKey; endpoint: UpstreamEndpoint } | undefined {
  const gitlab = /^\/mock\/gitlab\/oauth\/(authorize|token|userinfo)$/.exec(path);
  if (gitlab?.[1]) return { key: 'gitlab', endpoint: gitlab[1] as UpstreamEndpoint };
  const feishu = /^\/mock\/feishu\/suite\/passport\/oauth\/(authorize|token|userinfo)$/.exec(path);
  if (feishu?.[1]) return { key: 'feishu', endpoint: feishu[1] as UpstreamEndpoint };
  if (path === '/mock/azuread/v1.0/me') return { key: 'azuread', endpoint: 'userinfo' };
  const azure = /^\/mock\/azuread\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/.exec(path);
  if (azure?.[1] && azure[2] && [azureTenant, 'common', 'organizations'].includes(decodeURIComponent(azure[1]))) {
    return { key: 'azuread', endpoint: azure[2] as 'authorize' | 'token' };
  }
  return undefined;
}
