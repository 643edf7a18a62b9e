import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config';
import { bearerChallenge, parseBearerToken, verifyAccessToken } from '../../logto/access-token';
import { LogtoError } from '../../logto/errors';
import type { AccessTokenClaims } from '../../logto/types';
import type { LogtoContext } from '../context';
import { logAuthEvent } from '../log';
import { discover, logtoFetch } from '../logto-client';

/**
 * What `protectApi` requires of a request's access token.
 * @see https://docs.logto.io/authorization/global-api-resources
 */
export interface ProtectApiOptions {
  /**
   * The API resource indicator the token must be for (`aud`), or a function of the configuration
   * returning it (read at each request, so the configuration is not read at import time).
   */
  audience: string | ((config: LogtoConfig) => string);
  /** Scopes the token must carry; a token without them gets 403. */
  requiredScopes?: readonly string[];
}

/** A route handler that runs only with a verified access token, given its claims. */
export type ProtectedApiHandler<Claims extends AccessTokenClaims = AccessTokenClaims> = (
  request: NextRequest,
  claims: Claims,
) => Response | Promise<Response>;

function problem(status: number, error: string, message: string, challenge?: string): NextResponse {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (challenge) headers['www-authenticate'] = challenge;
  return NextResponse.json({ error, message }, { status, headers });
}

/**
 * Guards a route handler with Logto access tokens: `Authorization: Bearer <JWT>` verified with
 * the cached JWKS (iss, aud, algorithm, exp, a `typ` header of `at+jwt`) and a scope check.
 * 401 without or with a bad token, 403 with a missing scope, both with `WWW-Authenticate`; 503
 * when the app is not configured or the keys cannot be fetched. Errors thrown by the handler
 * itself propagate unchanged.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @see https://docs.logto.io/authorization/global-api-resources
 */
export function createProtectApi<Claims extends AccessTokenClaims = AccessTokenClaims>(context: LogtoContext) {
  return function protectApi(options: ProtectApiOptions, handler: ProtectedApiHandler<Claims>) {
    return async function protectedHandler(request: NextRequest): Promise<Response> {
      let config: LogtoConfig;
      try {
        config = context.config();
      } catch {
        return problem(503, 'not_configured', 'The API is not configured.');
      }
      const audience = typeof options.audience === 'string' ? options.audience : options.audience(config);
      const challengeOptions = { realm: audience, requiredScopes: options.requiredScopes };
      let claims: AccessTokenClaims;
      try {
        const token = parseBearerToken(request.headers.get('authorization'));
        const discovery = await discover(config);
        claims = await verifyAccessToken(token, {
          discovery,
          audience,
          requiredScopes: options.requiredScopes,
          fetch: logtoFetch(),
        });
      } catch (error) {
        if (!(error instanceof LogtoError)) throw error;
        const challenge = bearerChallenge(error, challengeOptions);
        switch (error.code) {
          case 'access_token.insufficient_scope':
            return problem(403, 'insufficient_scope', 'The access token lacks a required scope.', challenge);
          case 'access_token.missing':
            return problem(401, 'unauthorized', 'An access token is required.', challenge);
          case 'access_token.invalid':
            return problem(401, 'invalid_token', 'The access token is invalid or expired.', challenge);
          default:
            logAuthEvent('error', 'could not verify an access token', error);
            return problem(503, 'temporarily_unavailable', 'The token could not be verified right now.');
        }
      }
      // Outside the try: the app's own errors (LogtoError included) are not token problems.
      // The app's declared access-token claim types (`LogtoTypes`); see types.ts.
      return handler(request, claims as Claims);
    };
  };
}
