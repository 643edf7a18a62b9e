/**
 * Mock OAuth 2.0 upstreams for the social connectors, served by the emulator itself:
 *
 * - GitLab   `/mock/gitlab/oauth/{authorize,token,userinfo}` (token: client_secret_basic)
 * - Feishu   `/mock/feishu/suite/passport/oauth/{authorize,token,userinfo}` (token: client_secret_post)
 * - Azure AD `/mock/azuread/<tenantId>/oauth2/v2.0/{authorize,token}` and Graph `/mock/azuread/v1.0/me`
 *
 * The authorize endpoint shows a consent page (pick an account, "Authorize" or "Cancel") and
 * redirects back with `code` or `error=access_denied`. Codes are single-use and live 60 s.
 * This module runs the flow and keeps its codes and tokens; `upstream-specs.ts` says how each
 * upstream differs, `upstream-pages.ts` draws its pages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken, parseBasicAuth, readForm, redirect, sendHtml, sendJson } from '../http';
import type { MockOAuthClient, MockUpstreams } from '../types';
import { upstreamConsentPage, upstreamErrorPage } from './upstream-pages';
import { randomToken, routeUpstream, upstreamSpecs, type UpstreamKey, type UpstreamSpec } from './upstream-specs';

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

export class UpstreamMocks {
  #codes = new Map<string, IssuedCode>();
  #tokens = new Map<string, IssuedToken>();
  readonly #specs: Record<UpstreamKey, UpstreamSpec>;
  readonly #azureTenant: string;

  constructor(settings: MockUpstreams) {
    this.#azureTenant = settings.azuread.tenantId;
    this.#specs = upstreamSpecs(settings);
  }

  reset(): void {
    this.#codes.clear();
    this.#tokens.clear();
  }

  /** Handles `/mock/{gitlab,feishu,azuread}/*`; returns false for paths it does not own. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const route = routeUpstream(path, this.#azureTenant);
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

  #client(spec: UpstreamSpec, clientId: string): MockOAuthClient | undefined {
    return spec.upstream.clients.find((client) => client.clientId === clientId);
  }

  #validateAuthorize(spec: UpstreamSpec, params: URLSearchParams): { client: MockOAuthClient; redirectUri: string } | string {
    const client = this.#client(spec, params.get('client_id') ?? '');
    if (!client) return 'Unknown client_id.';
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) return 'The redirect_uri is not registered for this client.';
    if (params.get('response_type') !== 'code') return 'Only response_type=code is supported.';
    return { client, redirectUri };
  }

  #errorPage(res: ServerResponse, spec: UpstreamSpec, message: string): void {
    sendHtml(res, 400, upstreamErrorPage(spec, message));
  }

  #showConsent(res: ServerResponse, spec: UpstreamSpec, query: URLSearchParams, action: string): void {
    const valid = this.#validateAuthorize(spec, query);
    if (typeof valid === 'string') {
      this.#errorPage(res, spec, valid);
      return;
    }
    sendHtml(res, 200, upstreamConsentPage(spec, query, action));
  }

  async #decide(req: IncomingMessage, res: ServerResponse, spec: UpstreamSpec, action: string): Promise<void> {
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

  async #token(req: IncomingMessage, res: ServerResponse, spec: UpstreamSpec): Promise<void> {
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

  #userinfo(req: IncomingMessage, res: ServerResponse, spec: UpstreamSpec): void {
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
    sendJson(res, 200, spec.userinfoExtra ? { ...spec.userinfoExtra, ...account } : account);
  }
}
