import { describe, expect, it } from 'vitest';

import { clearDiscoveryCache, getDiscovery } from './discovery.js';
import { OidcResponseError } from './errors.js';
import { createMockIdp } from './test-utils/mock-idp.js';
import observedSignIn from './test-utils/observed/sign-in.json';
import { codeGrantRequest, processTokenResponse } from './token.js';
import { processUserinfoResponse, userinfoRequest } from './userinfo.js';
import { jsonResponse as json, rejection } from './test-utils/errors.js';

const subject = observedSignIn.userinfo.sub;

describe('processUserinfoResponse', () => {
  it('accepts the userinfo body a real Logto sent', async () => {
    await expect(processUserinfoResponse(json(observedSignIn.userinfo), { expectedSubject: subject })).resolves.toEqual(
      observedSignIn.userinfo,
    );
  });

  it('accepts userinfo-only claims: custom_data, identities, sso_identities', async () => {
    const body = {
      sub: subject,
      custom_data: { plan: 'pro', nested: { a: [1, null] } },
      identities: { feishu: { userId: 'ou_1', details: { name: 'Z', rawData: { open_id: 'ou_1' } } } },
      sso_identities: [{ issuer: 'https://login.microsoftonline.com/x/v2.0', identityId: 'abc', detail: {} }],
      address: { formatted: '1 Main St' },
      phone_number: null,
    };
    await expect(processUserinfoResponse(json(body), { expectedSubject: subject })).resolves.toEqual(body);
  });

  it('rejects another subject as userinfo.subject_mismatch (OIDC Core 5.3.2)', async () => {
    const error = await rejection(
      processUserinfoResponse(json({ ...observedSignIn.userinfo, sub: 'attacker' }), { expectedSubject: subject }),
    );
    expect(error.code).toBe('userinfo.subject_mismatch');
  });

  it.each([
    ['not JSON', new Response('<html/>', { status: 200 })],
    ['an array', json([observedSignIn.userinfo])],
    ['no sub', json({ name: 'x' })],
    ['a numeric sub', json({ sub: 1 })],
    ['identities without userId', json({ sub: subject, identities: { feishu: { details: {} } } })],
    ['a string organization_data', json({ sub: subject, organization_data: 'Acme' })],
  ])('rejects %s as userinfo.invalid_response', async (_name, response) => {
    expect((await rejection(processUserinfoResponse(response, { expectedSubject: subject }))).code).toBe(
      'userinfo.invalid_response',
    );
  });

  it('reads the error of a non-2xx answer from WWW-Authenticate or the body', async () => {
    const challenge = new Response(null, {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="x", error="invalid_token", error_description="token \\"expired\\""' },
    });
    const fromHeader = await rejection(processUserinfoResponse(challenge, { expectedSubject: subject }));
    expect(fromHeader).toBeInstanceOf(OidcResponseError);
    expect(fromHeader).toMatchObject({
      code: 'userinfo.error_response',
      error: 'invalid_token',
      errorDescription: 'token "expired"',
      status: 401,
    });
    const fromBody = await rejection(
      processUserinfoResponse(json({ error: 'insufficient_scope', error_description: 'missing openid' }, 403), {
        expectedSubject: subject,
      }),
    );
    expect(fromBody).toMatchObject({ code: 'userinfo.error_response', error: 'insufficient_scope', status: 403 });
    const html = await rejection(
      processUserinfoResponse(new Response('<html/>', { status: 500 }), { expectedSubject: subject }),
    );
    expect(html).toMatchObject({ error: 'http_error_500', status: 500 });
  });
});

describe('userinfoRequest', () => {
  it('GETs /oidc/me with the bearer token; the mock IdP refuses JWTs and unknown tokens', async () => {
    const idp = await createMockIdp();
    const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
    clearDiscoveryCache();
    const redirectUri = 'https://app.example.com/cb';
    const code = idp.issueCode({ redirectUri });
    const tokens = await processTokenResponse(
      await codeGrantRequest(
        discovery,
        { clientId: idp.clientId, clientSecret: idp.clientSecret, code, codeVerifier: 'v'.repeat(43), redirectUri },
        { fetch: idp.fetch },
      ),
      { requestedAt: 0 },
    );
    const response = await userinfoRequest(discovery, tokens.accessToken, { fetch: idp.fetch });
    expect(idp.requests.at(-1)?.headers.get('authorization')).toBe(`Bearer ${tokens.accessToken}`);
    expect(idp.requests.at(-1)?.method).toBe('GET');
    await expect(processUserinfoResponse(response, { expectedSubject: idp.subject })).resolves.toMatchObject({
      sub: idp.subject,
      organization_data: observedSignIn.userinfo.organization_data,
    });

    const jwt = await idp.signAccessToken();
    const refused = await rejection(
      processUserinfoResponse(await userinfoRequest(discovery, jwt, { fetch: idp.fetch }), { expectedSubject: idp.subject }),
    );
    expect(refused).toMatchObject({ code: 'userinfo.error_response', error: 'invalid_token', status: 401 });

    idp.use('userinfo', { type: 'network_error' }, 1);
    expect((await rejection(userinfoRequest(discovery, 'x', { fetch: idp.fetch }))).code).toBe('userinfo.request_failed');
  });
});
