/**
 * Logto sign-in for the Next.js App Router: the one import an app needs. Start with
 * `createLogto()`; README.md ("Using it in your own app") shows the files to add.
 */
export { createLogto, type Logto, type LogtoOptions } from './create-logto.js';
export type { SignInRequest } from './context.js';
export { DEFAULT_PATHS, type LogtoPaths } from './paths.js';
export type { LogtoTypes, IdClaimsOf, AccessClaimsOf, UserInfoOf } from './types.js';
export type { HeldToken, SessionView, TokenResult, TokenUnavailableReason, UserInfoResult } from './server/server.js';
export type { RefreshTokensResult } from './server/refresh-tokens.js';
export type { ClientSession } from './client/session-state.js';
export type { LogtoRouteHandlers } from './routes/handlers.js';
export type { LogtoMiddlewareOptions } from './middleware/middleware.js';
export type { ApiRouteContext, OrganizationOfRequest, ProtectApiOptions, ProtectedApiHandler } from './api/api-guard.js';
export type { SignInOptions } from './routes/sign-in-options.js';
export type { TokenNeeds, OrganizationResource, SessionEndReason } from './refresh/token-refresh.js';
export type { SessionData, CachedToken } from './cookies/session-data.js';
export { describeAuthError, toAuthErrorCode, type AuthErrorCode } from './error-codes.js';
export { ConfigError, type LogtoConfig } from '../config.js';
export { toSafeReturnTo } from '../safe-redirect.js';
export { LogtoError, isLogtoError, type LogtoErrorCode } from '../logto/errors.js';
export type { AccessTokenClaims, IdTokenClaims, UserInfoResponse, JsonValue } from '../logto/types.js';
