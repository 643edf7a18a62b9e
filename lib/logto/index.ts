/**
 * The protocol API of the Logto OIDC client: one step per module, Web APIs and jose only, so it
 * runs on the Edge runtime, in Node and in tests. The trust-boundary `assert*` helpers are
 * internal and not exported. See docs/architecture.md.
 */
export {
  bearerChallenge,
  parseBearerToken,
  verifyAccessToken,
  type VerifiedAccessTokenClaims,
  type VerifyAccessTokenOptions,
} from './access-token.js';
export {
  buildAuthorizationUrl,
  calculatePkceChallenge,
  createPkcePair,
  parseDirectSignIn,
  parseFirstScreen,
  parseIdentifiers,
  randomToken,
  type AuthorizationParams,
  type DirectSignIn,
  type FirstScreen,
  type Identifier,
} from './authorization.js';
export { validateCallback } from './callback.js';
export { decodeAccessTokenClaims, decodeJwtClaims, scopesOf } from './claims.js';
export {
  clearDiscoveryCache,
  discoveryRequest,
  discoveryUrl,
  expectedIssuer,
  getDiscovery,
  processDiscoveryResponse,
} from './discovery.js';
export { buildEndSessionUrl } from './end-session.js';
export { isLogtoError, LogtoError, logtoErrorMessages, OidcResponseError, type LogtoErrorCode } from './errors.js';
export { DEFAULT_TIMEOUT_MS, type RequestOptions } from './http.js';
export { checkAuthTime, verifyIdToken, type VerifyIdTokenOptions } from './id-token.js';
export { clearJwksCache, getRemoteJwks, JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS } from './jwks.js';
export {
  BACKCHANNEL_LOGOUT_EVENT,
  logoutTokenReplayWindowSec,
  verifyLogoutToken,
  type LogoutTokenClaims,
  type VerifyLogoutTokenOptions,
} from './logout-token.js';
export { processRevocationResponse, revocationRequest } from './revocation.js';
export {
  buildOrganizationUrn,
  getOrganizationIdFromUrn,
  organizationUrnPrefix,
  ReservedResource,
  ReservedScope,
  UserScope,
  withOrganizationResource,
  withReservedScopes,
} from './scopes.js';
export {
  codeGrantRequest,
  processTokenResponse,
  refreshGrantRequest,
  type ClientCredentials,
} from './token.js';
export type {
  AccessTokenClaims,
  AddressClaim,
  DiscoveryDocument,
  FetchLike,
  IdTokenClaims,
  JsonValue,
  OrganizationData,
  SocialIdentity,
  SsoIdentity,
  TokenResponse,
  UserInfoResponse,
} from './types.js';
export { processUserinfoResponse, userinfoRequest } from './userinfo.js';
