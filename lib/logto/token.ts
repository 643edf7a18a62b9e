import { assertNumber, assertObject, assertOptionalString, assertString } from './assert.js';
import { LogtoError } from './errors.js';
import { formRequestInit, readJson, send, type RequestOptions } from './http.js';
import { oauthErrorFromResponse } from './oauth-error.js';
import type { DiscoveryDocument, TokenResponse } from './types.js';

/** Client credentials. Without `clientSecret` the client is public and sends `client_id` only. */
export interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
}

/**
 * Sends the `authorization_code` grant: `grant_type`, `code`, `code_verifier`, `redirect_uri` and
 * `client_id` as a form body, with `client_secret_basic` authentication when a secret is given.
 * Returns the raw response; validate it with {@link processTokenResponse}.
 *
 * @throws {LogtoError} `token.request_failed` on a network error or timeout (cause kept).
 * @see RFC 6749 sections 2.3.1 and 4.1.3, RFC 7636 section 4.5, docs/logto-protocol.md#token-endpoint-and-errors
 */
export async function codeGrantRequest(
  discovery: DiscoveryDocument,
  params: ClientCredentials & { code: string; codeVerifier: string; redirectUri: string },
  options: RequestOptions,
): Promise<Response> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: params.code,
    code_verifier: params.codeVerifier,
    redirect_uri: params.redirectUri,
  });
  return send('token', discovery.token_endpoint, formRequestInit(body, params), options);
}

/**
 * Sends the `refresh_token` grant, optionally for one API `resource` (a JWT access token with that
 * audience) and/or an `organizationId` (an organization token). Never sends `scope`, as the Logto
 * SDK does not. Returns the raw response; validate it with {@link processTokenResponse}.
 *
 * @throws {LogtoError} `token.request_failed` on a network error or timeout (cause kept).
 * @see RFC 6749 section 6, RFC 8707 section 2.2, docs/logto-protocol.md#refresh-token-rotation, docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens
 */
export async function refreshGrantRequest(
  discovery: DiscoveryDocument,
  params: ClientCredentials & { refreshToken: string; resource?: string; organizationId?: string },
  options: RequestOptions,
): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: params.refreshToken });
  if (params.resource !== undefined) body.set('resource', params.resource);
  if (params.organizationId !== undefined) body.set('organization_id', params.organizationId);
  return send('token', discovery.token_endpoint, formRequestInit(body, params), options);
}

/**
 * Validates a token-endpoint response. A 2xx body must have a string `access_token`,
 * `token_type` Bearer (any case), a numeric `expires_in`, and optional string `scope` (missing →
 * `''`), `refresh_token` and `id_token`. `expiresAt` is `requestedAt + expires_in`. The ID token is
 * returned as it is; verify it with `verifyIdToken`.
 *
 * @param options.requestedAt Epoch seconds taken just before the request was sent.
 * @throws {OidcResponseError} `token.error_response` for any non-2xx response, with the OAuth
 *   `error` (e.g. `invalid_grant`), or `http_error_<status>` when the body is not an OAuth error.
 * @throws {LogtoError} `token.invalid_response` when a 2xx body is not JSON or has a bad shape.
 * @see RFC 6749 sections 5.1 and 5.2, docs/logto-protocol.md#token-endpoint-and-errors
 */
export async function processTokenResponse(
  response: Response,
  options: { requestedAt: number },
): Promise<TokenResponse> {
  if (!response.ok) throw await oauthErrorFromResponse('token.error_response', response);
  const json = await readJson(response);
  if (!json.ok) throw new LogtoError('token.invalid_response', { cause: json.cause });
  const body = json.value;
  const code = 'token.invalid_response';
  assertObject(body, code, 'token response');
  assertString(body.access_token, code, 'access_token', { nonEmpty: true });
  assertString(body.token_type, code, 'token_type');
  if (body.token_type.toLowerCase() !== 'bearer') {
    throw new LogtoError(code, { detail: '"token_type" must be Bearer.' });
  }
  assertNumber(body.expires_in, code, 'expires_in');
  if (body.expires_in < 0) throw new LogtoError(code, { detail: '"expires_in" must not be negative.' });
  assertOptionalString(body.scope, code, 'scope');
  assertOptionalString(body.refresh_token, code, 'refresh_token');
  assertOptionalString(body.id_token, code, 'id_token');

  return {
    accessToken: body.access_token,
    tokenType: 'Bearer',
    expiresIn: body.expires_in,
    expiresAt: Math.floor(options.requestedAt) + body.expires_in,
    scope: body.scope ?? '',
    ...(body.id_token ? { idToken: body.id_token } : {}),
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
  };
}
