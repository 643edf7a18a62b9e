import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config';
import type { FirstScreen } from '../../logto/authorization';
import { validateCallback } from '../../logto/callback';
import { buildEndSessionUrl } from '../../logto/end-session';
import { LogtoError, OidcResponseError } from '../../logto/errors';
import { checkAuthTime, verifyIdToken } from '../../logto/id-token';
import { processRevocationResponse, revocationRequest } from '../../logto/revocation';
import { codeGrantRequest, processTokenResponse } from '../../logto/token';
import { resolveBaseUrl } from './base-url';
import { applyCookieWrites, isSecureOrigin, type CookieWrite } from '../cookies/cookie-store';
import type { LogtoContext } from '../context';
import type { AuthErrorCode } from '../error-codes';
import { discover, requestOptions } from '../logto-client';
import { logAuthEvent } from '../log';
import { errorPageUrl } from '../paths';
import { isPrefetch, isSameOriginRequest } from '../middleware/request-kind';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from '../cookies/session-cookie';
import { createSession, sessionStatus } from '../cookies/session-data';
import { startSignIn } from './sign-in';
import { parseSignInQuery } from './sign-in-options';
import { clearAllTransactions, clearTransaction, readTransaction } from '../cookies/transaction';

const NO_STORE = { 'cache-control': 'no-store' };

function redirect(url: string | URL, writes: readonly CookieWrite[] = [], status = 303): NextResponse {
  const response = NextResponse.redirect(url, { status, headers: NO_STORE });
  applyCookieWrites(response.cookies, writes);
  return response;
}

/**
 * A redirect to a path of the app, on its public origin (`request.url` is the server's own address
 * under `next start`, e.g. `http://localhost:3000`, not what the browser used). When the
 * configuration is what failed, the `Location` is relative, which browsers resolve against the page.
 */
function redirectInApp(context: LogtoContext, request: NextRequest, path: string, writes: readonly CookieWrite[] = []): NextResponse {
  try {
    return redirect(new URL(path, resolveBaseUrl(context.config(), request.nextUrl, request.headers)), writes);
  } catch {
    // The configuration is what failed: fall through to a relative Location.
  }
  const response = new NextResponse(null, { status: 303, headers: { ...NO_STORE, location: path } });
  applyCookieWrites(response.cookies, writes);
  return response;
}

function errorCodeOf(error: unknown): AuthErrorCode {
  if (error instanceof OidcResponseError && error.code === 'callback.error' && error.error === 'access_denied') {
    return 'callback.cancelled';
  }
  if (error instanceof OidcResponseError && error.code === 'token.error_response' && error.status >= 500) {
    return 'token.request_failed';
  }
  return error instanceof LogtoError ? error.code : 'unknown';
}

/**
 * Every failure of a sign-in route ends on the error page with a way to retry, never a 500.
 * Codes are logged (never a token, a claim value or Logto's `error_description`).
 */
function authErrorResponse(
  context: LogtoContext,
  request: NextRequest,
  error: unknown,
  options: { returnTo?: string; writes?: readonly CookieWrite[] } = {},
): NextResponse {
  const code = errorCodeOf(error);
  logAuthEvent(code === 'callback.cancelled' ? 'info' : 'error', 'sign-in route failed', error, { path: request.nextUrl.pathname, code });
  return redirectInApp(context, request, errorPageUrl(context.paths, code, options.returnTo), options.writes);
}

function cookieSettings(config: LogtoConfig, baseUrl: string) {
  return { secrets: config.cookieSecrets, secure: isSecureOrigin(baseUrl) };
}

/**
 * `GET` sign-in (and sign-up): starts an authorization-code flow (see
 * `startSignIn`). Every query parameter is a checked sign-in option (`returnTo`, `prompt=login`,
 * `max_age`, `ui_locales`, `organization_id`, `scope`, `resource`, `login_hint`, `first_screen`,
 * `identifier`, `direct_sign_in`); an unknown or malformed one ends on the error page naming it,
 * and nothing is sent to Logto. Prefetches mint nothing.
 */
async function handleSignIn(
  context: LogtoContext,
  request: NextRequest,
  defaults: { firstScreen?: FirstScreen } = {},
): Promise<Response> {
  if (isPrefetch(request.headers)) return new Response(null, { status: 204, headers: NO_STORE });
  const { options, problems } = parseSignInQuery(request.nextUrl.searchParams);
  if (problems.length > 0) {
    logAuthEvent('warn', 'sign-in refused a parameter', undefined, { parameters: problems.map((problem) => problem.parameter).join(',') });
    const query = new URLSearchParams(problems.map((problem) => ['parameter', problem.parameter]));
    return redirectInApp(context, request, `${errorPageUrl(context.paths, 'sign_in.invalid_parameter')}&${query}`);
  }
  try {
    const config = context.config();
    const baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
    const { authorizationUrl, writes } = await startSignIn(context, baseUrl, request.cookies, request.headers, options, defaults);
    return redirect(authorizationUrl, writes, 302);
  } catch (error) {
    return authErrorResponse(context, request, error);
  }
}

/**
 * `GET` callback: checks the attempt (state, `iss`), exchanges the code, verifies
 * the ID token (signature, iss, aud, exp, iat, nonce), writes the session and returns the user
 * to where they started. The attempt's cookie is deleted whatever the outcome.
 */
async function handleCallback(context: LogtoContext, request: NextRequest): Promise<Response> {
  const state = request.nextUrl.searchParams.get('state');
  let writes: CookieWrite[] = [];
  let returnTo: string | undefined;
  try {
    const config = context.config();
    const baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
    const settings = cookieSettings(config, baseUrl);
    if (!state) throw new LogtoError('callback.state_missing');
    const transaction = await readTransaction(request.cookies, state, settings);
    writes = [clearTransaction(state, settings.secure)];
    if (!transaction) throw new LogtoError('transaction.missing');
    returnTo = transaction.returnTo;

    const discovery = await discover(config);
    const { code } = validateCallback(request.nextUrl, {
      state: transaction.state,
      issuer: discovery.issuer,
      requireIss: discovery.authorization_response_iss_parameter_supported,
    });
    const requestedAt = Math.floor(Date.now() / 1000);
    const response = await codeGrantRequest(
      discovery,
      {
        clientId: config.appId,
        clientSecret: config.appSecret,
        code,
        codeVerifier: transaction.codeVerifier,
        redirectUri: transaction.redirectUri,
      },
      requestOptions(),
    );
    const tokens = await processTokenResponse(response, { requestedAt });
    if (!tokens.idToken) throw new LogtoError('id_token.missing');
    const claims = await verifyIdToken(tokens.idToken, {
      discovery,
      clientId: config.appId,
      fetch: requestOptions().fetch,
      nonce: transaction.nonce,
    });
    checkAuthTime(claims, {
      maxAge: transaction.maxAge,
      notBefore: transaction.reauthenticate ? transaction.createdAt : undefined,
      now: Math.floor(Date.now() / 1000),
    });
    const session = await writeSessionCookie(request.cookies, createSession(claims, tokens, requestedAt), settings);
    return redirect(new URL(transaction.returnTo, baseUrl), [...writes, ...session.writes]);
  } catch (error) {
    return authErrorResponse(context, request, error, { returnTo, writes });
  }
}

/**
 * `POST` sign-out: refuses cross-site requests, revokes the refresh token (Logto's
 * end-session keeps offline_access grants alive), clears every cookie, then sends the browser to
 * Logto's end-session endpoint. If Logto is unreachable the local sign-out still happens.
 */
async function handleSignOut(context: LogtoContext, request: NextRequest): Promise<Response> {
  let config: LogtoConfig;
  let baseUrl: string;
  try {
    config = context.config();
    baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
  } catch (error) {
    return authErrorResponse(context, request, error);
  }
  if (!isSameOriginRequest(request.headers, baseUrl)) {
    return redirect(new URL(errorPageUrl(context.paths, 'sign_out.cross_site'), baseUrl));
  }
  const settings = cookieSettings(config, baseUrl);
  const writes = [...clearSessionCookie(request.cookies, settings.secure), ...clearAllTransactions(request.cookies, settings.secure)];
  const read = await readSessionCookie(request.cookies, settings);

  try {
    const discovery = await discover(config);
    if (read.status === 'valid' && read.session.refreshToken) {
      try {
        const response = await revocationRequest(
          discovery,
          { clientId: config.appId, clientSecret: config.appSecret, token: read.session.refreshToken, tokenTypeHint: 'refresh_token' },
          requestOptions(),
        );
        await processRevocationResponse(response);
      } catch (error) {
        logAuthEvent('error', 'refresh token revocation failed; signing out locally anyway', error);
      }
    }
    const endSession = buildEndSessionUrl(discovery, { clientId: config.appId, postLogoutRedirectUri: `${baseUrl}${context.paths.afterSignOut}` });
    return redirect(endSession, writes);
  } catch (error) {
    logAuthEvent('error', 'Logto unreachable during sign-out; signed out of this app only', error);
    const landing = new URL(context.paths.afterSignOut, baseUrl);
    landing.searchParams.set('signed_out', 'local');
    return redirect(landing, writes);
  }
}

/**
 * `GET` user: `{ isAuthenticated, claims }` for client components. Claims that expired
 * without Logto vouching for them again read as `{ isAuthenticated: false, status: 'unverified' }`.
 */
async function handleUser(context: LogtoContext, request: NextRequest): Promise<Response> {
  let config: LogtoConfig;
  try {
    config = context.config();
  } catch {
    return NextResponse.json({ isAuthenticated: false, error: 'config.invalid' }, { status: 503, headers: NO_STORE });
  }
  const baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
  const read = await readSessionCookie(request.cookies, cookieSettings(config, baseUrl));
  if (read.status !== 'valid') return NextResponse.json({ isAuthenticated: false }, { headers: NO_STORE });
  const status = sessionStatus(read.session, Math.floor(Date.now() / 1000), config.outageGraceSeconds);
  if (status === 'unverified') return NextResponse.json({ isAuthenticated: false, status }, { headers: NO_STORE });
  return NextResponse.json({ isAuthenticated: true, status, claims: read.session.claims }, { headers: NO_STORE });
}

/** The library's route handlers, bound to one configuration. */
export interface LogtoRouteHandlers {
  /**
   * `GET` on `paths.signIn`: checks the query's sign-in options, writes the attempt's cookie and
   * redirects to Logto's authorization endpoint (authorization code + PKCE).
   * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
   */
  signIn(request: NextRequest): Promise<Response>;
  /** `GET` on `paths.signUp`: a sign-in that opens on Logto's registration screen. */
  signUp(request: NextRequest): Promise<Response>;
  /**
   * `GET` on `paths.callback`: checks `state` and `iss`, exchanges the code, verifies the ID
   * token, writes the session and redirects to the attempt's `returnTo`; any failure redirects to
   * the error page.
   * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
   * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.4
   */
  callback(request: NextRequest): Promise<Response>;
  /**
   * `POST` on `paths.signOut` (same-origin only): revokes the refresh token, clears every cookie,
   * then redirects to Logto's end-session endpoint.
   * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   * @see https://docs.logto.io/end-user-flows/sign-out
   */
  signOut(request: NextRequest): Promise<Response>;
  /** `GET` on `paths.user`: `{ isAuthenticated, status, claims }` as JSON, for client components. */
  user(request: NextRequest): Promise<Response>;
  /**
   * All `GET` routes in one, chosen by the request's path: export it from a catch-all route file
   * such as `app/api/logto/[action]/route.ts`. Any other path answers 404.
   */
  GET(request: NextRequest): Promise<Response>;
  /** All `POST` routes in one (sign-out). */
  POST(request: NextRequest): Promise<Response>;
}

const notFound = () => NextResponse.json({ error: 'not_found' }, { status: 404, headers: NO_STORE });
const methodNotAllowed = (allow: string) =>
  NextResponse.json({ error: 'method_not_allowed' }, { status: 405, headers: { ...NO_STORE, allow } });

/** The route handlers for `context`, one per route and a `GET`/`POST` pair for a catch-all route. */
export function createRouteHandlers(context: LogtoContext): LogtoRouteHandlers {
  const { paths } = context;
  const signIn = (request: NextRequest) => handleSignIn(context, request);
  const signUp = (request: NextRequest) => handleSignIn(context, request, { firstScreen: 'register' });
  const callback = (request: NextRequest) => handleCallback(context, request);
  const signOut = (request: NextRequest) => handleSignOut(context, request);
  const user = (request: NextRequest) => handleUser(context, request);
  const pathOf = (request: NextRequest) => request.nextUrl.pathname.replace(/(.)\/+$/, '$1');
  return {
    signIn,
    signUp,
    callback,
    signOut,
    user,
    async GET(request) {
      switch (pathOf(request)) {
        case paths.signIn:
          return signIn(request);
        case paths.signUp:
          return signUp(request);
        case paths.callback:
          return callback(request);
        case paths.user:
          return user(request);
        case paths.signOut:
          return methodNotAllowed('POST');
        default:
          return notFound();
      }
    },
    async POST(request) {
      if (pathOf(request) === paths.signOut) return signOut(request);
      return [paths.signIn, paths.signUp, paths.callback, paths.user].includes(pathOf(request)) ? methodNotAllowed('GET') : notFound();
    },
  };
}
