import { assertObject, assertString } from './assert.js';
import { LogtoError } from './errors.js';
import { isLoopbackHost, readJson, send, type RequestOptions } from './http.js';
import type { DiscoveryDocument } from './types.js';

const asymmetricAlgorithms = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

type EndpointField =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'userinfo_endpoint'
  | 'end_session_endpoint'
  | 'revocation_endpoint'
  | 'jwks_uri';

const parseEndpoint = (endpoint: string): URL => {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError('"endpoint" must be an absolute http(s) URL');
  }
  const plain = !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !plain) {
    throw new TypeError('"endpoint" must be an absolute http(s) URL without query, fragment or credentials');
  }
  return url;
};

/**
 * The issuer Logto uses for a tenant endpoint: the endpoint, URL-normalised, with `/oidc`
 * appended and no trailing slash (`https://abc.logto.app/` → `https://abc.logto.app/oidc`).
 *
 * @param endpoint The Logto tenant endpoint (or custom domain) users sign in through.
 * @throws {TypeError} When `endpoint` is not an absolute http(s) URL.
 * @see docs/logto-protocol.md#discovery
 */
export function expectedIssuer(endpoint: string): string {
  const url = parseEndpoint(endpoint);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/oidc`;
  return url.href;
}

/**
 * The discovery URL for a Logto endpoint: `<endpoint>/oidc/.well-known/openid-configuration`.
 *
 * @throws {TypeError} When `endpoint` is not an absolute http(s) URL.
 * @see docs/logto-protocol.md#discovery, OpenID Connect Discovery 1.0 section 4
 */
export function discoveryUrl(endpoint: string): URL {
  return new URL(`${expectedIssuer(endpoint)}/.well-known/openid-configuration`);
}

/**
 * Sends the discovery request (GET, `Accept: application/json`) and returns the raw response;
 * validate it with {@link processDiscoveryResponse}.
 *
 * @throws {LogtoError} `discovery.request_failed` on a network error or timeout (cause kept).
 * @throws {TypeError} When `endpoint` is not an absolute http(s) URL.
 * @see OpenID Connect Discovery 1.0 section 4.1
 */
export async function discoveryRequest(endpoint: string, options: RequestOptions): Promise<Response> {
  return send('discovery', discoveryUrl(endpoint), { method: 'GET', headers: { accept: 'application/json' } }, options);
}

/**
 * Validates a discovery response: HTTP 2xx, a JSON object, `issuer` equal to `<endpoint>/oidc`,
 * https (or http on a loopback host, or with `allowInsecureHttp`) for the issuer and every
 * endpoint, the endpoint fields the client uses, and the signing algorithms reduced to asymmetric
 * ones (`['RS256']` when the field is absent: OIDC Discovery makes RS256 mandatory for every
 * provider). Returns a frozen document.
 *
 * @throws {LogtoError} `discovery.request_failed` (non-2xx), `discovery.invalid` (bad JSON, shape
 *   or algorithms), `discovery.issuer_mismatch`, `discovery.insecure_issuer`.
 * @see OpenID Connect Discovery 1.0 sections 3 and 4.3, docs/logto-protocol.md#discovery
 */
export async function processDiscoveryResponse(
  response: Response,
  options: { endpoint: string; allowInsecureHttp?: boolean },
): Promise<DiscoveryDocument> {
  if (!response.ok) {
    throw new LogtoError('discovery.request_failed', { detail: `(HTTP ${response.status})` });
  }
  const json = await readJson(response);
  if (!json.ok) throw new LogtoError('discovery.invalid', { cause: json.cause });
  const body = json.value;
  assertObject(body, 'discovery.invalid', 'discovery');
  assertString(body.issuer, 'discovery.invalid', 'issuer', { nonEmpty: true });
  if (body.issuer !== expectedIssuer(options.endpoint)) {
    throw new LogtoError('discovery.issuer_mismatch', { detail: `Got "${body.issuer}".` });
  }

  const checkUrl = (value: string, field: string) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch (cause) {
      throw new LogtoError('discovery.invalid', { cause, detail: `"${field}" must be an absolute URL.` });
    }
    if (url.protocol === 'https:') return;
    if (url.protocol !== 'http:') {
      throw new LogtoError('discovery.invalid', { detail: `"${field}" must be an http(s) URL.` });
    }
    if (!options.allowInsecureHttp && !isLoopbackHost(url.hostname)) {
      throw new LogtoError('discovery.insecure_issuer', { detail: `("${field}")` });
    }
  };
  checkUrl(body.issuer, 'issuer');

  const readEndpoint = (field: EndpointField): string => {
    const value = body[field];
    assertString(value, 'discovery.invalid', field, { nonEmpty: true });
    checkUrl(value, field);
    return value;
  };
  const endpoints = {
    authorization_endpoint: readEndpoint('authorization_endpoint'),
    token_endpoint: readEndpoint('token_endpoint'),
    userinfo_endpoint: readEndpoint('userinfo_endpoint'),
    end_session_endpoint: readEndpoint('end_session_endpoint'),
    revocation_endpoint: readEndpoint('revocation_endpoint'),
    jwks_uri: readEndpoint('jwks_uri'),
  };

  const advertised = body.id_token_signing_alg_values_supported ?? ['RS256'];
  if (!Array.isArray(advertised) || !advertised.every((alg) => typeof alg === 'string')) {
    throw new LogtoError('discovery.invalid', {
      detail: '"id_token_signing_alg_values_supported" must be an array of strings.',
    });
  }
  const algorithms = advertised.filter((alg: string) => asymmetricAlgorithms.has(alg));
  if (algorithms.length === 0) {
    throw new LogtoError('discovery.invalid', { detail: 'No supported asymmetric signing algorithm is advertised.' });
  }

  const issParameter = body.authorization_response_iss_parameter_supported;
  if (issParameter !== undefined && typeof issParameter !== 'boolean') {
    throw new LogtoError('discovery.invalid', {
      detail: '"authorization_response_iss_parameter_supported" must be a boolean.',
    });
  }

  return Object.freeze({
    issuer: body.issuer,
    ...endpoints,
    id_token_signing_alg_values_supported: Object.freeze(algorithms),
    authorization_response_iss_parameter_supported: issParameter ?? false,
  });
}

const cache = new Map<string, Promise<DiscoveryDocument>>();

/**
 * Fetches and validates the discovery document once per endpoint for the life of the process.
 * Concurrent callers share one in-flight request; a failure is not cached, so the next call tries
 * again.
 *
 * @throws {LogtoError} `discovery.request_failed`, `discovery.invalid`,
 *   `discovery.issuer_mismatch`, `discovery.insecure_issuer`.
 * @throws {TypeError} When `endpoint` is not an absolute http(s) URL.
 * @see docs/logto-protocol.md#discovery
 */
export function getDiscovery(
  endpoint: string,
  options: RequestOptions & { allowInsecureHttp?: boolean },
): Promise<DiscoveryDocument> {
  const key = `${options.allowInsecureHttp ? 'insecure:' : ''}${discoveryUrl(endpoint).href}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const pending = discoveryRequest(endpoint, options).then((response) =>
    processDiscoveryResponse(response, { endpoint, allowInsecureHttp: options.allowInsecureHttp }),
  );
  cache.set(key, pending);
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key);
  });
  return pending;
}

/**
 * Forgets every cached discovery document (for tests, or after a Logto key or domain change).
 *
 * @see getDiscovery
 */
export function clearDiscoveryCache(): void {
  cache.clear();
}
