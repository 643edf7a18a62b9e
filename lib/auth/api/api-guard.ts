import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { bearerChallenge, parseBearerToken, verifyAccessToken } from '../../logto/access-token.js';
import { LogtoError, type LogtoErrorCode } from '../../logto/errors.js';
import type { AccessTokenClaims } from '../../logto/types.js';
import type { LogtoContext } from '../context.js';
import { logAuthEvent } from '../log.js';
import { discover, logtoFetch } from '../logto-client.js';

/** The second argument Next.js passes a route handler: the dynamic segments of its path. */
export interface ApiRouteContext<Params extends object = Record<string, string>> {
  params: Promise<Params>;
}

/**
 * How an organization-level API finds the organization a request is about: `{ param: 'id' }`
 * reads the route segment `[id]`; a function reads anything else (a header, the query, a
 * lookup). An absent or empty answer means the request names no organization (400).
 */
export type OrganizationOfRequest<Name extends string = string, Params extends object = Record<Name, string>> =
  | { param: Name }
  | ((request: NextRequest, context: ApiRouteContext<Params>) => string | null | undefined | Promise<string | null | undefined>);

/**
 * What `protectApi` requires of a request's access token.
 * @see https://docs.logto.io/authorization/global-api-resources
 * @see https://docs.logto.io/authorization/organization-level-api-resources
 */
export interface ProtectApiOptions<Name extends string = string, Params extends object = Record<Name, string>> {
  /**
   * The API resource indicator the token must be for (`aud`), or a function of the configuration
   * returning it (read at each request, so the configuration is not read at import time).
   */
  audience: string | ((config: LogtoConfig) => string);
  /** Scopes the token must carry; a token without them gets 403. */
  requiredScopes?: readonly string[];
  /**
   * Absent: a global API, which refuses a token carrying `organization_id` (403): Logto grants such
   * a token the user's permissions in that organization, not globally. Set: an organization-level
   * API, which requires a token whose `organization_id` is the organization the request names
   * (403 for a token without one or for another organization).
   */
  organization?: OrganizationOfRequest<Name, Params>;
}

/** A route handler that runs only with a verified access token, given its claims and the route context. */
export type ProtectedApiHandler<
  Claims extends AccessTokenClaims = AccessTokenClaims,
  Params extends object = Record<string, string>,
> = (request: NextRequest, claims: Claims, context: ApiRouteContext<Params>) => Response | Promise<Response>;

function problem(status: number, error: string, message: string, challenge?: string): NextResponse {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (challenge) headers['www-authenticate'] = challenge;
  return NextResponse.json({ error, message }, { status, headers });
}

/** Status, `error` and message of each token refusal; any other code is a failure to verify (503). */
const refusals: Partial<Record<LogtoErrorCode, [status: 401 | 403, error: string, message: string]>> = {
  'access_token.missing': [401, 'unauthorized', 'An access token is required.'],
  'access_token.invalid': [401, 'invalid_token', 'The access token is invalid or expired.'],
  'access_token.insufficient_scope': [403, 'insufficient_scope', 'The access token lacks a required scope.'],
  'access_token.organization_not_allowed': [
    403,
    'organization_not_allowed',
    'This API is not organization-level: use a token requested without organization_id.',
  ],
  'access_token.organization_required': [
    403,
    'organization_required',
    'This API is organization-level: use a token requested with this organization as organization_id.',
  ],
  'access_token.organization_mismatch': [403, 'organization_mismatch', 'The access token is for another organization.'],
};

/** The organization the request names, or `null` when it names none. */
async function organizationOf<Name extends string, Params extends object>(
  source: OrganizationOfRequest<Name, Params>,
  request: NextRequest,
  context: ApiRouteContext<Params>,
): Promise<string | null> {
  let value: unknown;
  if (typeof source === 'function') {
    value = await source(request, context);
  } else {
    const params: object = await context.params;
    // Own keys only, so a name such as `constructor` never reads the prototype.
    value = Object.hasOwn(params, source.param) ? (params as Record<string, unknown>)[source.param] : undefined;
  }
  // A catch-all segment is an array, and a function may answer anything at run time.
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Guards a route handler with Logto access tokens: `Authorization: Bearer <JWT>` verified with
 * the cached JWKS (iss, aud, algorithm, exp, `client_id`, `jti`, a `typ` header of `at+jwt`), the
 * organization (none for a global API; the request's for an organization-level one) and a scope
 * check. 401 without or with a bad token; 403 for a sound token that does not grant the request
 * (a missing scope, or the wrong organization or none), both with `WWW-Authenticate`
 * (`error="insufficient_scope"` for every 403); 400 when an organization-level API's request
 * names no organization; 503 when the app is not configured or the keys cannot be fetched.
 * Errors thrown by the handler or by `organization` itself propagate unchanged.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @see https://docs.logto.io/authorization/organization-level-api-resources
 */
export function createProtectApi<Claims extends AccessTokenClaims = AccessTokenClaims>(context: LogtoContext) {
  return function protectApi<Name extends string = never, Params extends object = Record<Name, string>>(
    options: ProtectApiOptions<Name, Params>,
    handler: ProtectedApiHandler<Claims, Params>,
  ) {
    return async function protectedHandler(request: NextRequest, routeContext: ApiRouteContext<Params>): Promise<Response> {
      let config: LogtoConfig;
      try {
        config = context.config();
      } catch {
        return problem(503, 'not_configured', 'The API is not configured.');
      }
      const audience = typeof options.audience === 'string' ? options.audience : options.audience(config);
      const refuse = (error: unknown): Response => {
        if (!(error instanceof LogtoError)) throw error;
        const refusal = refusals[error.code];
        if (refusal) {
          const challenge = bearerChallenge(error, { realm: audience, requiredScopes: options.requiredScopes });
          return problem(refusal[0], refusal[1], refusal[2], challenge);
        }
        logAuthEvent('error', 'could not verify an access token', error);
        return problem(503, 'temporarily_unavailable', 'The token could not be verified right now.');
      };
      let token: string;
      try {
        token = parseBearerToken(request.headers.get('authorization'));
      } catch (error) {
        return refuse(error);
      }
      // After the token check (a request without one is 401 first), outside any catch: an error
      // of the app's own `organization` function is not a token problem.
      const organizationId = options.organization
        ? await organizationOf(options.organization, request, routeContext)
        : undefined;
      if (organizationId === null) return problem(400, 'invalid_request', 'The request names no organization.');
      let claims: AccessTokenClaims;
      try {
        claims = await verifyAccessToken(token, {
          discovery: await discover(config),
          audience,
          requiredScopes: options.requiredScopes,
          organizationId,
          fetch: logtoFetch(),
        });
      } catch (error) {
        return refuse(error);
      }
      // Outside the try: the app's own errors (LogtoError included) are not token problems.
      // The app's declared access-token claim types (`LogtoTypes`); see types.ts.
      return handler(request, claims as Claims, routeContext);
    };
  };
}
