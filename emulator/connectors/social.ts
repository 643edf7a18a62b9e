/**
 * Client halves of Logto's Feishu (web), Azure AD and GitLab connectors: authorization URL, code
 * exchange and profile mapped to `SocialUserInfo` as each connector does (see
 * https://github.com/logto-io/logto/tree/v1.37.1/packages/connectors), talking to the emulator's mocks.
 */
import type {
  AzureAdConnector,
  FeishuConnector,
  GitLabConnector,
  JsonObject,
  SocialConnector,
  SocialUserInfo,
} from '../types';

export class ConnectorError extends Error {
  constructor(
    readonly code: 'social_auth_code_invalid' | 'social_access_token_invalid' | 'invalid_response',
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface SocialClient {
  authorizationUri(state: string, redirectUri: string): string;
  getUserInfo(input: { code: string; redirectUri: string }): Promise<SocialUserInfo>;
}

type Fetch = typeof fetch;

const AZURE_SCOPES = 'User.Read openid profile offline_access';

export function socialClient(connector: SocialConnector, fetchFn: Fetch): SocialClient {
  switch (connector.id) {
    case 'feishu-web':
      return feishu(connector, fetchFn);
    case 'azuread-universal':
      return azureAd(connector, fetchFn);
    case 'gitlab-universal':
      return gitLab(connector, fetchFn);
  }
}

function withQuery(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.href;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

async function json(response: Response, code: ConnectorError['code'], what: string): Promise<JsonObject> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ConnectorError('invalid_response', `${what}: HTTP ${response.status}, not JSON`);
  }
  if (!response.ok || !isObject(body)) {
    const description = isObject(body) ? String(body.error_description ?? body.error ?? '') : '';
    throw new ConnectorError(code, `${what}: HTTP ${response.status} ${description}`.trim());
  }
  return body;
}

function stringOf(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function requireString(body: JsonObject, key: string, what: string): string {
  const value = stringOf(body, key);
  if (!value) throw new ConnectorError('invalid_response', `${what}: "${key}" is missing`);
  return value;
}

function feishu(connector: FeishuConnector, fetchFn: Fetch): SocialClient {
  const base = `${connector.emulator.apiBaseUrl ?? ''}/suite/passport/oauth`;
  const { appId, appSecret } = connector.config;
  return {
    authorizationUri: (state, redirectUri) =>
      withQuery(`${base}/authorize`, { client_id: appId, redirect_uri: redirectUri, response_type: 'code', state }),
    async getUserInfo({ code, redirectUri }) {
      const token = await json(
        await fetchFn(`${base}/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            client_id: appId,
            client_secret: appSecret,
            redirect_uri: redirectUri,
          }),
        }),
        'social_auth_code_invalid',
        'Feishu token endpoint',
      );
      const accessToken = requireString(token, 'access_token', 'Feishu token response');
      const profile = await json(
        await fetchFn(`${base}/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } }),
        'social_access_token_invalid',
        'Feishu userinfo endpoint',
      );
      const mobile = stringOf(profile, 'mobile');
      return compact({
        id: requireString(profile, 'sub', 'Feishu userinfo'),
        name: stringOf(profile, 'name'),
        avatar: stringOf(profile, 'avatar_url'),
        email: stringOf(profile, 'email'),
        phone: mobile?.replace(/^\+/, ''),
        rawData: profile,
      });
    },
  };
}

function azureAd(connector: AzureAdConnector, fetchFn: Fetch): SocialClient {
  const { clientId, clientSecret, cloudInstance, tenantId, prompts } = connector.config;
  const authority = `${cloudInstance.replace(/\/$/, '')}/${tenantId}/oauth2/v2.0`;
  const graph = `${(connector.emulator.graphApiBaseUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '')}/v1.0/me`;
  return {
    authorizationUri: (state, redirectUri) =>
      withQuery(`${authority}/authorize`, {
        client_id: clientId,
        scope: AZURE_SCOPES,
        redirect_uri: redirectUri,
        client_info: '1',
        response_type: 'code',
        response_mode: 'query',
        state,
        prompt: prompts && prompts.length > 0 ? prompts.join(' ') : undefined,
      }),
    async getUserInfo({ code, redirectUri }) {
      const token = await json(
        await fetchFn(`${authority}/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams({
            client_id: clientId,
            scope: 'User.Read',
            redirect_uri: redirectUri,
            grant_type: 'authorization_code',
            code,
            client_secret: clientSecret,
            client_info: '1',
          }),
        }),
        'social_auth_code_invalid',
        'Azure AD token endpoint',
      );
      const accessToken = requireString(token, 'access_token', 'Azure AD token response');
      const profile = await json(
        await fetchFn(graph, { headers: { Authorization: `Bearer ${accessToken}` } }),
        'social_access_token_invalid',
        'Microsoft Graph /me',
      );
      return compact({
        id: requireString(profile, 'id', 'Microsoft Graph /me'),
        email: stringOf(profile, 'mail'),
        name: stringOf(profile, 'displayName'),
        rawData: profile,
      });
    },
  };
}

function gitLab(connector: GitLabConnector, fetchFn: Fetch): SocialClient {
  const base = `${connector.emulator.apiBaseUrl ?? 'https://gitlab.com'}/oauth`;
  const { clientId, clientSecret } = connector.config;
  // The connector always asks for `openid`; the configured scope adds `profile email`.
  const scope = [...new Set(['openid', ...(connector.config.scope ?? '').split(/\s+/).filter(Boolean)])].join(' ');
  return {
    authorizationUri: (state, redirectUri) =>
      withQuery(`${base}/authorize`, { response_type: 'code', client_id: clientId, scope, redirect_uri: redirectUri, state }),
    async getUserInfo({ code, redirectUri }) {
      const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
      const token = await json(
        await fetchFn(`${base}/token`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${basic}`,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
        }),
        'social_auth_code_invalid',
        'GitLab token endpoint',
      );
      const accessToken = requireString(token, 'access_token', 'GitLab token response');
      const tokenType = stringOf(token, 'token_type') ?? 'Bearer';
      const profile = await json(
        await fetchFn(`${base}/userinfo`, { headers: { Authorization: `${tokenType} ${accessToken}` } }),
        'social_access_token_invalid',
        'GitLab userinfo endpoint',
      );
      return compact({
        id: requireString(profile, 'sub', 'GitLab userinfo'),
        name: stringOf(profile, 'name'),
        avatar: stringOf(profile, 'picture'),
        // Logto keeps GitLab's email only when GitLab says it is verified.
        email: profile.email_verified === true ? stringOf(profile, 'email') : undefined,
        rawData: profile,
      });
    },
  };
}

function compact(info: SocialUserInfo): SocialUserInfo {
  return Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined)) as unknown as SocialUserInfo;
}
