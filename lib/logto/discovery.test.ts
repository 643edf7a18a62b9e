import { afterEach, describe, expect, it } from 'vitest';

import {
  clearDiscoveryCache,
  discoveryRequest,
  discoveryUrl,
  expectedIssuer,
  getDiscovery,
  processDiscoveryResponse,
} from './discovery.js';
import { createMockIdp } from './test-utils/mock-idp.js';
import observed from './test-utils/observed/discovery.json';
import { rejectedCode as codeOf, rejection } from './test-utils/errors.js';

const endpoint = 'http://localhost:3001';
const respond = (body: unknown, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
afterEach(() => clearDiscoveryCache());

describe('discoveryUrl / expectedIssuer', () => {
  it('appends /oidc/.well-known/openid-configuration without doubling slashes', () => {
    expect(discoveryUrl('https://abc.logto.app').href).toBe(
      'https://abc.logto.app/oidc/.well-known/openid-configuration',
    );
    expect(discoveryUrl('https://abc.logto.app/').href).toBe(
      'https://abc.logto.app/oidc/.well-known/openid-configuration',
    );
    expect(discoveryUrl('https://auth.example.com/logto//').href).toBe(
      'https://auth.example.com/logto/oidc/.well-known/openid-configuration',
    );
    expect(expectedIssuer('https://ABC.logto.app:443/')).toBe('https://abc.logto.app/oidc');
  });

  it('refuses endpoints that are not plain http(s) URLs', () => {
    expect(() => discoveryUrl('abc.logto.app')).toThrow(TypeError);
    expect(() => discoveryUrl('ftp://abc.logto.app')).toThrow(TypeError);
    expect(() => discoveryUrl('https://abc.logto.app/?x=1')).toThrow(TypeError);
  });
});

describe('processDiscoveryResponse', () => {
  it('accepts the document of a real Logto (observed on loopback http)', async () => {
    const document = await processDiscoveryResponse(respond(observed), { endpoint });
    expect(document).toEqual({
      issuer: 'http://localhost:3001/oidc',
      authorization_endpoint: 'http://localhost:3001/oidc/auth',
      token_endpoint: 'http://localhost:3001/oidc/token',
      userinfo_endpoint: 'http://localhost:3001/oidc/me',
      end_session_endpoint: 'http://localhost:3001/oidc/session/end',
      revocation_endpoint: 'http://localhost:3001/oidc/token/revocation',
      jwks_uri: 'http://localhost:3001/oidc/jwks',
      id_token_signing_alg_values_supported: ['ES384'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(Object.isFrozen(document)).toBe(true);
  });

  it('accepts the same endpoint given with a trailing slash', async () => {
    await expect(processDiscoveryResponse(respond(observed), { endpoint: `${endpoint}/` })).resolves.toBeDefined();
  });

  it('rejects an issuer that is not <endpoint>/oidc', async () => {
    expect(await codeOf(processDiscoveryResponse(respond(observed), { endpoint: 'http://localhost:3002' }))).toBe(
      'discovery.issuer_mismatch',
    );
    const trailing = { ...observed, issuer: 'http://localhost:3001/oidc/' };
    expect(await codeOf(processDiscoveryResponse(respond(trailing), { endpoint }))).toBe('discovery.issuer_mismatch');
  });

  it('rejects http issuers on non-loopback hosts unless allowed', async () => {
    const insecure = JSON.parse(JSON.stringify(observed).replaceAll('http://localhost:3001', 'http://auth.example.com'));
    expect(await codeOf(processDiscoveryResponse(respond(insecure), { endpoint: 'http://auth.example.com' }))).toBe(
      'discovery.insecure_issuer',
    );
    await expect(
      processDiscoveryResponse(respond(insecure), { endpoint: 'http://auth.example.com', allowInsecureHttp: true }),
    ).resolves.toMatchObject({ issuer: 'http://auth.example.com/oidc' });
  });

  it.each(['http://127.0.0.1:3001', 'http://127.8.9.10', 'http://[::1]:3001'])('treats %s as loopback', async (host) => {
    const document = JSON.parse(JSON.stringify(observed).replaceAll('http://localhost:3001', host));
    await expect(processDiscoveryResponse(respond(document), { endpoint: host })).resolves.toBeDefined();
  });

  it('rejects an http endpoint field on a non-loopback host behind an https issuer', async () => {
    const document = JSON.parse(JSON.stringify(observed).replaceAll('http://localhost:3001', 'https://a.logto.app'));
    document.token_endpoint = 'http://a.logto.app/oidc/token';
    expect(await codeOf(processDiscoveryResponse(respond(document), { endpoint: 'https://a.logto.app' }))).toBe(
      'discovery.insecure_issuer',
    );
  });

  it('filters the signing algorithms to asymmetric ones and defaults to RS256', async () => {
    const mixed = { ...observed, id_token_signing_alg_values_supported: ['none', 'HS256', 'ES384', 'HS512', 'RS256'] };
    expect(
      (await processDiscoveryResponse(respond(mixed), { endpoint })).id_token_signing_alg_values_supported,
    ).toEqual(['ES384', 'RS256']);
    const { id_token_signing_alg_values_supported: omitted, ...absent } = observed;
    expect(omitted).toEqual(['ES384']);
    expect(
      (await processDiscoveryResponse(respond(absent), { endpoint })).id_token_signing_alg_values_supported,
    ).toEqual(['RS256']);
    const symmetricOnly = { ...observed, id_token_signing_alg_values_supported: ['HS256', 'none'] };
    expect(await codeOf(processDiscoveryResponse(respond(symmetricOnly), { endpoint }))).toBe('discovery.invalid');
  });

  it.each([
    ['a missing token_endpoint', { token_endpoint: undefined }],
    ['a numeric jwks_uri', { jwks_uri: 42 }],
    ['a relative userinfo_endpoint', { userinfo_endpoint: '/oidc/me' }],
    ['a javascript: endpoint', { authorization_endpoint: 'javascript:alert(1)' }],
    ['a string alg list', { id_token_signing_alg_values_supported: 'ES384' }],
    ['a string iss-parameter flag', { authorization_response_iss_parameter_supported: 'true' }],
    ['a missing issuer', { issuer: undefined }],
  ])('rejects %s as discovery.invalid', async (_name, patch) => {
    const document = { ...observed, ...patch };
    expect(await codeOf(processDiscoveryResponse(respond(document), { endpoint }))).toBe('discovery.invalid');
  });

  it('rejects bodies that are not JSON objects', async () => {
    expect(await codeOf(processDiscoveryResponse(respond('<html>'), { endpoint }))).toBe('discovery.invalid');
    expect(await codeOf(processDiscoveryResponse(respond([observed]), { endpoint }))).toBe('discovery.invalid');
    expect(await codeOf(processDiscoveryResponse(respond('null'), { endpoint }))).toBe('discovery.invalid');
  });

  it('maps non-2xx answers to discovery.request_failed', async () => {
    expect(await codeOf(processDiscoveryResponse(respond(observed, 503), { endpoint }))).toBe(
      'discovery.request_failed',
    );
    expect(await codeOf(processDiscoveryResponse(respond('Not Found', 404), { endpoint }))).toBe(
      'discovery.request_failed',
    );
  });
});

describe('discoveryRequest', () => {
  it('GETs the discovery URL and wraps network failures and timeouts', async () => {
    const idp = await createMockIdp();
    const response = await discoveryRequest(idp.endpoint, { fetch: idp.fetch });
    expect(response.status).toBe(200);
    expect(idp.requests[0]?.url.pathname).toBe('/oidc/.well-known/openid-configuration');
    expect(idp.requests[0]?.method).toBe('GET');

    idp.use('discovery', { type: 'network_error' }, 1);
    const failure = await rejection(discoveryRequest(idp.endpoint, { fetch: idp.fetch }));
    expect(failure.code).toBe('discovery.request_failed');
    expect(failure.cause).toBeInstanceOf(TypeError);

    idp.use('discovery', { type: 'hang' }, 1);
    const timeout = await rejection(discoveryRequest(idp.endpoint, { fetch: idp.fetch, timeoutMs: 20 }));
    expect(timeout.code).toBe('discovery.request_failed');
    expect((timeout.cause as DOMException).name).toBe('TimeoutError');
  });
});

describe('getDiscovery', () => {
  it('makes one request for concurrent callers and caches the result', async () => {
    const idp = await createMockIdp();
    idp.use('discovery', { type: 'delay', ms: 20 });
    const [a, b, c] = await Promise.all([
      getDiscovery(idp.endpoint, { fetch: idp.fetch }),
      getDiscovery(idp.endpoint, { fetch: idp.fetch }),
      getDiscovery(`${idp.endpoint}/`, { fetch: idp.fetch }),
    ]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a.issuer).toBe(idp.issuer);
    await getDiscovery(idp.endpoint, { fetch: idp.fetch });
    expect(idp.calls.discovery).toBe(1);
  });

  it('does not cache failures', async () => {
    const idp = await createMockIdp();
    idp.use('discovery', { type: 'respond', status: 502, body: '<html>Bad Gateway</html>' }, 1);
    const [first, second] = await Promise.allSettled([
      getDiscovery(idp.endpoint, { fetch: idp.fetch }),
      getDiscovery(idp.endpoint, { fetch: idp.fetch }),
    ]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('rejected');
    expect(idp.calls.discovery).toBe(1);
    await expect(getDiscovery(idp.endpoint, { fetch: idp.fetch })).resolves.toMatchObject({ issuer: idp.issuer });
    expect(idp.calls.discovery).toBe(2);
  });

  it('clearDiscoveryCache forces a new request', async () => {
    const idp = await createMockIdp();
    await getDiscovery(idp.endpoint, { fetch: idp.fetch });
    clearDiscoveryCache();
    await getDiscovery(idp.endpoint, { fetch: idp.fetch });
    expect(idp.calls.discovery).toBe(2);
  });
});
