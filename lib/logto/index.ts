export {
  bearerChallenge,
  parseBearerToken,
  verifyAccessToken,
  type VerifyAccessTokenOptions,
} from './access-token';
export {
  assertArray,
  assertAudience,
  assertBoolean,
  assertNullableString,
  assertNumber,
  assertObject,
  assertOptionalBoolean,
  assertOptionalNumber,
  assertOptionalString,
  assertOptionalStringArray,
  assertString,
  assertStringArray,
  isObject,
} from './assert';
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
export { assertAccessTokenClaims, assertIdTokenClaims, assertUserInfoClaims } from './claim-assertions';
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
export { assertAuthTime, verifyIdToken, type VerifyIdTokenOptions } from './id-token';
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
