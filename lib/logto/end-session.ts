import type { DiscoveryDocument } from './types.js';

/**
 * Builds the RP-initiated logout URL: `client_id` and `post_logout_redirect_uri` (which must be
 * registered on the Logto app), plus `id_token_hint` and `state` when given. It ends the Logto
 * session only; refresh tokens issued with `offline_access` survive it, so revoke them first.
 *
 * @throws {TypeError} When `clientId` or `postLogoutRedirectUri` is empty.
 * @see OpenID Connect RP-Initiated Logout 1.0 section 2, docs/logto-protocol.md#revocation-and-end-session
 * @see https://docs.logto.io/end-user-flows/sign-out
 */
export function buildEndSessionUrl(
  discovery: DiscoveryDocument,
  params: { clientId: string; postLogoutRedirectUri: string; idTokenHint?: string; state?: string },
): URL {
  if (!params.clientId) throw new TypeError('"clientId" must be a non-empty string');
  if (!params.postLogoutRedirectUri) throw new TypeError('"postLogoutRedirectUri" must be a non-empty string');
  const url = new URL(discovery.end_session_endpoint);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('post_logout_redirect_uri', params.postLogoutRedirectUri);
  if (params.idTokenHint) url.searchParams.set('id_token_hint', params.idTokenHint);
  if (params.state) url.searchParams.set('state', params.state);
  return url;
}
