import { assertUserInfoClaims } from './claim-assertions.js';
import { LogtoError } from './errors.js';
import { readJson, send, type RequestOptions } from './http.js';
import { oauthErrorFromResponse } from './oauth-error.js';
import type { DiscoveryDocument, UserInfoResponse } from './types.js';

/**
 * Sends the userinfo request: GET with `Authorization: Bearer <accessToken>`. Logto accepts only
 * the opaque access token (one without `aud`). Returns the raw response; validate it with
 * {@link processUserinfoResponse}.
 *
 * @throws {LogtoError} `userinfo.request_failed` on a network error or timeout (cause kept).
 * @see OpenID Connect Core 1.0 section 5.3.1, RFC 6750 section 2.1, docs/logto-protocol.md#userinfo
 */
export async function userinfoRequest(
  discovery: DiscoveryDocument,
  accessToken: string,
  options: RequestOptions,
): Promise<Response> {
  return send(
    'userinfo',
    discovery.userinfo_endpoint,
    {
      method: 'GET',
      headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
      redirect: 'manual',
    },
    options,
  );
}

/**
 * Validates a userinfo response: 2xx, a JSON object with well-typed claims, and `sub` equal to
 * the signed-in user's (the ID token's `sub`), which OIDC requires to prevent token substitution.
 *
 * @param options.expectedSubject The `sub` of the verified ID token.
 * @throws {OidcResponseError} `userinfo.error_response` for a non-2xx response, with the OAuth
 *   `error` from the body or the `WWW-Authenticate` header (else `http_error_<status>`).
 * @throws {LogtoError} `userinfo.invalid_response` (not JSON, bad shape),
 *   `userinfo.subject_mismatch`.
 * @see OpenID Connect Core 1.0 sections 5.3.2 and 5.3.3, RFC 6750 section 3, docs/logto-protocol.md#userinfo
 */
export async function processUserinfoResponse(
  response: Response,
  options: { expectedSubject: string },
): Promise<UserInfoResponse> {
  if (!response.ok) throw await oauthErrorFromResponse('userinfo.error_response', response);
  const json = await readJson(response);
  if (!json.ok) throw new LogtoError('userinfo.invalid_response', { cause: json.cause });
  const body = json.value;
  assertUserInfoClaims(body, 'userinfo.invalid_response');
  if (body.sub !== options.expectedSubject) throw new LogtoError('userinfo.subject_mismatch');
  return body;
}
