/**
 * Mock OAuth 2.0 upstreams for the social connectors, served by the emulator itself:
 *
 * - GitLab   `/mock/gitlab/oauth/{authorize,token,userinfo}` (token: client_secret_basic)
 * - Feishu   `/mock/feishu/suite/passport/oauth/{authorize,token,userinfo}` (token: client_secret_post)
 * - Azure AD `/mock/azuread/<tenantId>/oauth2/v2.0/{authorize,token}` and Graph `/mock/azuread/v1.0/me`
 *
 * The authorize endpoint shows a consent page (pick an account, "Authorize" or "Cancel") and
 * redirects back with `code` or `error=access_denied`. Codes are single-use and live 60 s.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken, parseBasicAuth, readForm, redirect, sendHtml, sendJson } from '../http';
import type { JsonObject, MockOAuthClient, MockUpstream, MockUpstreams } from '../types';
import { alert, button, escapeHtml, page, postForm } from '../views/layout';

type UpstreamKey = 'gitlab' | 'feishu' | 'azuread';

interface Spec {
  key: UpstreamKey;
  upstream: MockUpstream<JsonObject>;
  accent: string;
  clientAuth: 'client_secret_basic' | 'client_secret_post';
  accountId(account: JsonObject): string;
  accountLabel(account: JsonObject): { title: string; detail: string };
  tokenResponse(accessToken: string, scope: string): JsonObject;
  unauthorized: JsonObject;
}

interface IssuedCode {
  upstream: UpstreamKey;
  clientId: string;
  redirectUri: string;
  accountId: string;
  scope: string;
  expiresAt: number;
}

interface IssuedToken {
  upstream: UpstreamKey;
  accountId: string;
  expiresAt: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export class UpstreamMocks {
  #codes = new Map<string, IssuedCode>();
  #tokens = new Map<string, IssuedToken>();
  readonly #specs: Record<UpstreamKey, Spec>;
  readonly #azureTenant: string;

  constructor(settings: MockUpstreams) {
    this.#azureTenant = settings.azuread.tenantId;
    this.#specs = {
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
      },
    };
  }

  reset(): void {
    this.#codes.clear();
    this.#tokens.clear();
  }

  /** Handles `/mock/{gitlab,feishu,azuread}/*`; returns false for paths it does not own. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const route = this.#route(path);
    if (!route) return false;
    const spec = this.#specs[route.key];

    if (route.endpoint === 'authorize' && req.method === 'GET') {
      this.#showConsent(res, spec, query, path);
    } else if (route.endpoint === 'authorize' && req.method === 'POST') {
      await this.#decide(req, res, spec, path);
    } else if (route.endpoint === 'token' && req.method === 'POST') {
      await this.#token(req, res, spec);
    } else if (route.endpoint === 'userinfo' && (req.method === 'GET' || req.method === 'POST')) {
      this.#userinfo(req, res, spec);
    } else {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: route.endpoint === 'token' ? 'POST' : 'GET' });
    }
    return true;
  }

  #route(path: string): { key: UpstreamKey; endpoint: 'authorize' | 'token' | 'userinfo' } | undefined {
    const gitlab = /^\/mock\/gitlab\/oauth\/(authorize|token|userinfo)$/.exec(path);
    if (gitlab?.[1]) return { key: 'gitlab', endpoint: gitlab[1] as 'authorize' | 'token' | 'userinfo' };
    const feishu = /^\/mock\/feishu\/suite\/passport\/oauth\/(authorize|token|userinfo)$/.exec(path);
    if (feishu?.[1]) return { key: 'feishu', endpoint: feishu[1] as 'authorize' | 'token' | 'userinfo' };
    if (path === '/mock/azuread/v1.0/me') return { key: 'azuread', endpoint: 'userinfo' };
    const azure = /^\/mock\/azuread\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/.exec(path);
    if (azure?.[1] && azure[2] && [this.#azureTenant, 'common', 'organizations'].includes(decodeURIComponent(azure[1]))) {
      return { key: 'azuread', endpoint: azure[2] as 'authorize' | 'token' };
    }
    return undefined;
  }

  #client(spec: Spec, clientId: string): MockOAuthClient | undefined {
    return spec.upstream.clients.find((client) => client.clientId === clientId);
  }

  #validateAuthorize(spec: Spec, params: URLSearchParams): { client: MockOAuthClient; redirectUri: string } | string {
    const client = this.#client(spec, params.get('client_id') ?? '');
    if (!client) return 'Unknown client_id.';
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) return 'The redirect_uri is not registered for this client.';
    if (params.get('response_type') !== 'code') return 'Only response_type=code is supported.';
    return { client, redirectUri };
  }

  #errorPage(res: ServerResponse, spec: Spec, message: string): void {
    sendHtml(
      res,
      400,
      page({
        title: 'Error',
        heading: 'Authorization error',
        brand: spec.upstream.displayName,
        brandTag: '(mock)',
        accent: spec.accent,
        footer: 'Mock OAuth provider run by the local Logto emulator',
        body: alert('error', message),
      }),
    );
  }

  #showConsent(res: ServerResponse, spec: Spec, query: URLSearchParams, action: string): void {
    const valid = this.#validateAuthorize(spec, query);
    if (typeof valid === 'string') {
      this.#errorPage(res, spec, valid);
      return;
    }
    const { displayName } = spec.upstream;
    const choices = spec.upstream.accounts
      .map((account, index) => {
        const id = spec.accountId(account);
        const { title, detail } = spec.accountLabel(account);
        return `<label class="choice" for="account-${index}"><input type="radio" id="account-${index}" name="account" value="${escapeHtml(id)}"${index === 0 ? ' checked' : ''}><span>${escapeHtml(title)} <small>${escapeHtml(detail)}</small></span></label>`;
      })
      .join('');
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
      .join('');
    sendHtml(
      res,
      200,
      page({
        title: 'Authorize',
        heading: 'Authorize Logto (local)',
        subheading: `Logto (local) wants to sign you in with your ${displayName} account.`,
        brand: displayName,
        brandTag: '(mock)',
        accent: spec.accent,
        footer: 'Mock OAuth provider run by the local Logto emulator',
        body: postForm(
          action,
          `${hidden}<fieldset><legend>Choose an account</legend>${choices}</fieldset>${button('Authorize', 'primary', 'name="decision" value="authorize"')}${button('Cancel', 'secondary', 'name="decision" value="cancel" formnovalidate')}`,
        ),
      }),
    );
  }

  async #decide(req: IncomingMessage, res: ServerResponse, spec: Spec, action: string): Promise<void> {
    const form = await readForm(req);
    form.set('response_type', 'code');
    const valid = this.#validateAuthorize(spec, form);
    if (typeof valid === 'string') {
      this.#errorPage(res, spec, valid);
      return;
    }
    const target = new URL(valid.redirectUri);
    const state = form.get('state');
    if (form.get('decision') !== 'authorize') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The resource owner or authorization server denied the request.');
      if (state) target.searchParams.set('state', state);
      redirect(res, target.href, 302);
      return;
    }
    const accountId = form.get('account') ?? '';
    if (!spec.upstream.accounts.some((account) => spec.accountId(account) === accountId)) {
      this.#showConsent(res, spec, form, action);
      return;
    }
    const code = randomToken();
    this.#codes.set(code, {
      upstream: spec.key,
      clientId: valid.client.clientId,
      redirectUri: valid.redirectUri,
      accountId,
      scope: form.get('scope') ?? '',
      expiresAt: Date.now() + 60_000,
    });
    target.searchParams.set('code', code);
    if (state) target.searchParams.set('state', state);
    redirect(res, target.href, 302);
  }

  async #token(req: IncomingMessage, res: ServerResponse, spec: Spec): Promise<void> {
    const form = await readForm(req);
    const basic = parseBasicAuth(req.headers.authorization);
    const credentials =
      basic ?? { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
    const client = this.#client(spec, credentials.id);
    if (!client || client.clientSecret !== credentials.secret) {
      sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed.' });
      return;
    }
    if (spec.clientAuth === 'client_secret_basic' && !basic) {
      sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication must use HTTP Basic.' });
      return;
    }
    if (form.get('grant_type') !== 'authorization_code') {
      sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Only authorization_code is supported.' });
      return;
    }
    const code = form.get('code') ?? '';
    const issued = this.#codes.get(code);
    this.#codes.delete(code);
    if (
      !issued ||
      issued.upstream !== spec.key ||
      issued.expiresAt < Date.now() ||
      issued.clientId !== client.clientId ||
      issued.redirectUri !== form.get('redirect_uri')
    ) {
      sendJson(res, 400, {
        error: 'invalid_grant',
        error_description: 'The provided authorization grant is invalid, expired, revoked, or does not match the redirection URI.',
      });
      return;
    }
    const accessToken = randomToken();
    this.#tokens.set(accessToken, { upstream: spec.key, accountId: issued.accountId, expiresAt: Date.now() + 3600_000 });
    sendJson(res, 200, spec.tokenResponse(accessToken, issued.scope));
  }

  #userinfo(req: IncomingMessage, res: ServerResponse, spec: Spec): void {
    const token = bearerToken(req);
    const issued = token ? this.#tokens.get(token) : undefined;
    const account =
      issued && issued.upstream === spec.key && issued.expiresAt > Date.now()
        ? spec.upstream.accounts.find((item) => spec.accountId(item) === issued.accountId)
        : undefined;
    if (!account) {
      sendJson(res, 401, spec.unauthorized, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    const body =
      spec.key === 'azuread'
        ? { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', ...account }
        : account;
    sendJson(res, 200, body);
  }
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}
