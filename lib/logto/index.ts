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
} from './access-token';
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
} from './authorization';
export { validateCallback } from './callback';
export { decodeAccessTokenClaims, decodeJwtClaims, scopesOf } from './claims';
export {
  clearDiscoveryCache,
  discoveryRequest,
  discoveryUrl,
  expectedIssuer,
  getDiscovery,
  processDiscoveryResponse,
} from './discovery';
export { buildEndSessionUrl } from './end-session';
export { isLogtoError, LogtoError, logtoErrorMessages, OidcResponseError, type LogtoErrorCode } from './errors';
export { DEFAULT_TIMEOUT_MS, type RequestOptions } from './http';
export { checkAuthTime, verifyIdToken, type VerifyIdTokenOptions } from './id-token';
export { clearJwksCache, getRemoteJwks, JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS } from './jwks';
export { processRevocationResponse, revocationRequest } from './revocation';
export {
  buildOrganizationUrn,
  getOrganizationIdFromUrn,
  organizationUrnPrefix,
  ReservedResource,
  ReservedScope,
  UserScope,
  withOrganizationResource,
  withReservedScopes,
} from './scopes';
export {
  codeGrantRequest,
  processTokenResponse,
  refreshGrantRequest,
  type ClientCredentials,
} from './token';
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
} from './types';
export { processUserinfoResponse, userinfoRequest } from './userinfo';
