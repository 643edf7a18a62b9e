import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, type LogtoConfig } from '@/lib/config';
import { bearerChallenge, parseBearerToken, verifyAccessToken } from '@/lib/logto/access-token';
import { LogtoError } from '@/lib/logto/errors';
import type { AccessTokenClaims } from '@/lib/logto/types';
import { logAuthEvent } from './log';
import { discover, logtoFetch } from './logto-client';

export interface ProtectApiOptions {
  /** The API resource indicator the token must be for (`aud`). */
  audience: (config: LogtoConfig) => string;
  /** Scopes the token must carry; a token without them gets 403. */
  requiredScopes?: readonly string[];
}

type ApiHandler = (request: NextRequest, claims: AccessTokenClaims) => Response | Promise<Response>;

function problem(status: number, error: string, message: string, challenge?: string): NextResponse {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (challenge) headers['www-authenticate'] = challenge;
  return NextResponse.json({ error, message }, { status, headers });
}

/**
 * Guards a route handler with Logto access tokens: `Authorization: Bearer <JWT>` verified with
 * the cached JWKS (iss, aud, algorithm, exp, `typ` at+jwt when present) and a scope check.
 * 401 without or with a bad token, 403 with a missing scope, both with `WWW-Authenticate`.
 */
export function protectApi(options: ProtectApiOptions, handler: ApiHandler) {
  return async function protectedHandler(request: NextRequest): Promise<Response> {
    let config: LogtoConfig;
    try {
      config = getConfig();
    } catch {
      return problem(503, 'not_configured', 'The API is not configured.');
    }
    const challengeOptions = { realm: options.audience(config), requiredScopes: options.requiredScopes };
    let claims: AccessTokenClaims;
    try {
      const token = parseBearerToken(request.headers.get('authorization'));
      const discovery = await discover(config);
      claims = await verifyAccessToken(token, {
        discovery,
        audience: options.audience(config),
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
    return handler(request, claims);
  };
}
