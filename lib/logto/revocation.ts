import { formRequestInit, send, type RequestOptions } from './http.js';
import { oauthErrorFromResponse } from './oauth-error.js';
import type { ClientCredentials } from './token.js';
import type { DiscoveryDocument } from './types.js';

/**
 * Sends a token revocation request: form body `token`, optional `token_type_hint` and
 * `client_id`, with `client_secret_basic` authentication when a secret is given. Revoking a Logto
 * refresh token revokes its whole grant. Returns the raw response; check it with
 * {@link processRevocationResponse}.
 *
 * @throws {LogtoError} `revocation.request_failed` on a network error or timeout (cause kept).
 * @see RFC 7009 section 2.1, docs/logto-protocol.md#revocation-and-end-session
 */
export async function revocationRequest(
  discovery: DiscoveryDocument,
  params: ClientCredentials & { token: string; tokenTypeHint?: 'refresh_token' | 'access_token' },
  options: RequestOptions,
): Promise<Response> {
  const body = new URLSearchParams({ token: params.token });
  if (params.tokenTypeHint) body.set('token_type_hint', params.tokenTypeHint);
  return send('revocation', discovery.revocation_endpoint, formRequestInit(body, params), options);
}

/**
 * Checks a revocation response. Any 2xx is success, whatever the body (Logto sends an empty one;
 * an unknown token is also a 200 by design).
 *
 * @throws {OidcResponseError} `revocation.error_response` for a non-2xx response, with the OAuth
 *   `error` (e.g. `unsupported_token_type`) or `http_error_<status>`.
 * @see RFC 7009 sections 2.2 and 2.2.1
 */
export async function processRevocationResponse(response: Response): Promise<void> {
  if (!response.ok) throw await oauthErrorFromResponse('revocation.error_response', response);
  await response.body?.cancel();
}
