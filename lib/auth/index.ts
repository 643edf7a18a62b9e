/**
 * Logto sign-in for the Next.js App Router: the one import an app needs. Start with
 * `createLogto()`; README.md ("Using it in your own app") shows the files to add.
 */
export { createLogto, type Logto, type LogtoOptions } from './create-logto';
export type { SignInRequest } from './context';
export { DEFAULT_PATHS, type LogtoPaths } from './paths';
export type { LogtoTypes, IdClaimsOf, AccessClaimsOf, UserInfoOf } from './types';
export type { HeldToken, SessionView, TokenResult, TokenUnavailableReason, UserInfoResult } from './server/server';
export type { LogtoRouteHandlers } from './routes/handlers';
export type { LogtoMiddlewareOptions } from './middleware/middleware';
export type { ApiRouteContext, OrganizationOfRequest, ProtectApiOptions, ProtectedApiHandler } from './api/api-guard';
export type { SignInOptions } from './routes/sign-in-options';
export type { TokenNeeds, OrganizationResource, SessionEndReason } from './refresh/token-refresh';
export type { SessionData, CachedToken } from './cookies/session-data';
export { describeAuthError, toAuthErrorCode, type AuthErrorCode } from './error-codes';
export { ConfigError, type LogtoConfig } from '../config';
export { LogtoError, isLogtoError, type LogtoErrorCode } from '../logto/errors';
export type { AccessTokenClaims, IdTokenClaims, UserInfoResponse, JsonValue } from '../logto/types';
