import { describe, expect, it } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { OidcResponseError } from './errors.js';
import { createMockIdp } from './test-utils/mock-idp.js';
import observedSignIn from './test-utils/observed/sign-in.json';
import { codeGrantRequest, processTokenResponse, refreshGrantRequest } from './token.js';
import { jsonResponse as json, rejection } from './test-utils/errors.js';

const redirectUri = 'https://app.example.com/api/logto/callback';
const requestedAt = 1_795_316_458;

const setup = async (options?: Parameters<typeof createMockIdp>[0]) => {
  const idp = await createMockIdp(options);
  const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
  clearDiscoveryCache();
  const client = { clientId: idp.clientId, clientSecret: idp.clientSecret };
  return { idp, discovery, client };
};

describe('codeGrantRequest', () => {
  it('posts the form body with Basic client authentication', async () => {
    const { idp, discovery, client } = await setup();
    const code = idp.issueCode({ redirectUri });
    const response = await codeGrantRequest(
      discovery,
      { ...client, code, codeVerifier: 'v'.repeat(43), redirectUri },
      { fetch: idp.fetch },
    );
    expect(response.status).toBe(200);
    const request = idp.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url.href).toBe(discovery.token_endpoint);
    expect(request?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa('mock-app:mock-secret')}`);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      grant_type: 'authorization_code',
      code,
      code_verifier: 'v'.repeat(43),
      redirect_uri: redirectUri,
      client_id: 'mock-app',
    });
  });

  it('form-urlencodes the credentials before base64 (RFC 6749 2.3.1)', async () => {
    const { idp, discovery } = await setup({ clientId: 'app id:1', clientSecret: 'sé/cr+t%' });
    const code = idp.issueCode({ redirectUri });
    const response = await codeGrantRequest(
      discovery,
      { clientId: 'app id:1', clientSecret: 'sé/cr+t%', code, codeVerifier: 'v'.repeat(43), redirectUri },
      { fetch: idp.fetch },
    );
    expect(response.status).toBe(200);
    expect(idp.requests.at(-1)?.headers.get('authorization')).toBe(
      `Basic ${btoa('app+id%3A1:s%C3%A9%2Fcr%2Bt%25')}`,
    );
  });

  it('sends no Authorization header for a public client', async () => {
    const { idp, discovery } = await setup();
    const response = await codeGrantRequest(
      discovery,
      { clientId: idp.clientId, code: 'x', codeVerifier: 'v'.repeat(43), redirectUri },
      { fetch: idp.fetch },
    );
    expect(response.status).toBe(401);
    expect(idp.requests.at(-1)?.headers.has('authorization')).toBe(false);
  });

  it('maps network failures and timeouts to token.request_failed with the cause', async () => {
    const { idp, discovery, client } = await setup();
    const params = { ...client, code: 'c', codeVerifier: 'v'.repeat(43), redirectUri };
    idp.use('token', { type: 'network_error' }, 1);
    const network = await rejection(codeGrantRequest(discovery, params, { fetch: idp.fetch }));
    expect(network.code).toBe('token.request_failed');
    expect(network.cause).toBeInstanceOf(TypeError);

    idp.use('token', { type: 'hang' }, 1);
    const started = Date.now();
    const timeout = await rejection(codeGrantRequest(discovery, params, { fetch: idp.fetch, timeoutMs: 30 }));
    expect(timeout.code).toBe('token.request_failed');
    expect((timeout.cause as DOMException).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);

    const controller = new AbortController();
    idp.use('token', { type: 'hang' }, 1);
    const pending = codeGrantRequest(discovery, params, { fetch: idp.fetch, signal: controller.signal });
    controller.abort(new Error('client went away'));
    expect((await rejection(pending)).code).toBe('token.request_failed');
  });
});

describe('refreshGrantRequest', () => {
  it('sends refresh_token, resource and organization_id but never scope', async () => {
    const { idp, discovery, client } = await setup();
    await refreshGrantRequest(
      discovery,
      { ...client, refreshToken: 'rt', resource: 'https://api.example.com', organizationId: 'org-1' },
      { fetch: idp.fetch },
    );
    expect(Object.fromEntries(idp.requests.at(-1)?.form ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt',
      resource: 'https://api.example.com',
      organization_id: 'org-1',
      client_id: 'mock-app',
    });
    await refreshGrantRequest(discovery, { ...client, refreshToken: 'rt' }, { fetch: idp.fetch });
    const form = idp.requests.at(-1)?.form;
    expect(form?.has('scope')).toBe(false);
    expect(form?.has('resource')).toBe(false);
    expect(form?.has('organization_id')).toBe(false);
  });
});

describe('processTokenResponse', () => {
  it('reads a code-exchange response shaped like Logto’s', async () => {
    const body = {
      access_token: 'opaque',
      expires_in: 3600,
      id_token: 'a.b.c',
      refresh_token: 'rt',
      scope: 'openid offline_access profile email',
      token_type: 'Bearer',
    };
    expect(Object.keys(body).sort()).toEqual([...observedSignIn.token_response_keys].sort());
    await expect(processTokenResponse(json(body), { requestedAt })).resolves.toEqual({
      accessToken: 'opaque',
      tokenType: 'Bearer',
      expiresIn: 3600,
      expiresAt: requestedAt + 3600,
      idToken: 'a.b.c',
      refreshToken: 'rt',
      scope: 'openid offline_access profile email',
    });
  });

  it('accepts a lowercase token_type and a missing scope', async () => {
    const result = await processTokenResponse(json({ access_token: 'a', token_type: 'bearer', expires_in: 60 }), {
      requestedAt,
    });
    expect(result).toEqual({ accessToken: 'a', tokenType: 'Bearer', expiresIn: 60, expiresAt: requestedAt + 60, scope: '' });
  });

  it.each([
    ['no access_token', { token_type: 'Bearer', expires_in: 1 }],
    ['an empty access_token', { access_token: '', token_type: 'Bearer', expires_in: 1 }],
    ['a DPoP token type', { access_token: 'a', token_type: 'DPoP', expires_in: 1 }],
    ['a string expires_in', { access_token: 'a', token_type: 'Bearer', expires_in: '3600' }],
    ['no expires_in', { access_token: 'a', token_type: 'Bearer' }],
    ['a numeric refresh_token', { access_token: 'a', token_type: 'Bearer', expires_in: 1, refresh_token: 1 }],
    ['an object id_token', { access_token: 'a', token_type: 'Bearer', expires_in: 1, id_token: {} }],
    ['an array scope', { access_token: 'a', token_type: 'Bearer', expires_in: 1, scope: ['x'] }],
    ['an array body', [{ access_token: 'a' }]],
  ])('rejects a 2xx body with %s as token.invalid_response', async (_name, body) => {
    expect((await rejection(processTokenResponse(json(body), { requestedAt }))).code).toBe('token.invalid_response');
  });

  it('rejects a 2xx body that is not JSON', async () => {
    const response = new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    expect((await rejection(processTokenResponse(response, { requestedAt }))).code).toBe('token.invalid_response');
  });

  it('turns Logto’s error body into OidcResponseError token.error_response', async () => {
    const body = {
      code: 'oidc.invalid_grant',
      message: 'Grant request is invalid.',
      error_uri: 'https://openid.sh/debug/invalid_grant',
      error: 'invalid_grant',
      error_description: 'grant request is invalid',
    };
    const error = await rejection(processTokenResponse(json(body, 400), { requestedAt }));
    expect(error).toBeInstanceOf(OidcResponseError);
    expect(error.code).toBe('token.error_response');
    expect(error).toMatchObject({ error: 'invalid_grant', errorDescription: 'grant request is invalid', status: 400 });
  });

  it('keeps 403 organization errors distinguishable', async () => {
    const { idp, discovery, client } = await setup();
    const code = idp.issueCode({ redirectUri, scope: 'openid offline_access profile' });
    const exchanged = await processTokenResponse(
      await codeGrantRequest(discovery, { ...client, code, codeVerifier: 'v'.repeat(43), redirectUri }, { fetch: idp.fetch }),
      { requestedAt },
    );
    const response = await refreshGrantRequest(
      discovery,
      { ...client, refreshToken: exchanged.refreshToken ?? '', organizationId: '5cwr352q7v3q' },
      { fetch: idp.fetch },
    );
    const error = await rejection(processTokenResponse(response, { requestedAt }));
    expect(error).toMatchObject({ code: 'token.error_response', error: 'insufficient_scope', status: 403 });
  });

  it('uses http_error_<status> for a non-OAuth error body (502 HTML)', async () => {
    const response = new Response('<html><h1>502 Bad Gateway</h1></html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    const error = await rejection(processTokenResponse(response, { requestedAt }));
    expect(error).toBeInstanceOf(OidcResponseError);
    expect(error).toMatchObject({ code: 'token.error_response', error: 'http_error_502', status: 502 });
    const noError = await rejection(processTokenResponse(json({ code: 'guard.invalid_input', message: 'Bad' }, 400), { requestedAt }));
    expect(noError).toMatchObject({ error: 'http_error_400', errorDescription: 'Bad' });
  });

  it('reads the error of a mock-IdP 5xx answer through the whole request', async () => {
    const { idp, discovery, client } = await setup();
    idp.use('token', { type: 'respond', status: 503, body: 'Service Unavailable' }, 1);
    const response = await refreshGrantRequest(discovery, { ...client, refreshToken: 'rt' }, { fetch: idp.fetch });
    const error = await rejection(processTokenResponse(response, { requestedAt }));
    expect(error).toMatchObject({ code: 'token.error_response', error: 'http_error_503', status: 503 });
  });
});
