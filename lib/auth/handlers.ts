import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, type LogtoConfig } from '@/lib/config';
import type { FirstScreen } from '@/lib/logto/authorization';
import { validateCallback } from '@/lib/logto/callback';
import { buildEndSessionUrl } from '@/lib/logto/end-session';
import { LogtoError, OidcResponseError } from '@/lib/logto/errors';
import { assertAuthTime, verifyIdToken } from '@/lib/logto/id-token';
import { processRevocationResponse, revocationRequest } from '@/lib/logto/revocation';
import { codeGrantRequest, processTokenResponse } from '@/lib/logto/token';
import { resolveBaseUrl } from './base-url';
import { applyCookieWrites, isSecureOrigin, type CookieWrite } from './cookie-store';
import { errorPageUrl, type AuthErrorCode } from './error-codes';
import { discover, requestOptions } from './logto-client';
import { logAuthEvent } from './log';
import { isPrefetch, isSameOriginRequest } from './request-kind';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { createSession, sessionStatus } from './session-data';
import { startSignIn } from './sign-in';
import { parseSignInQuery } from './sign-in-options';
import { clearAllTransactions, clearTransaction, readTransaction } from './transaction';

const NO_STORE = { 'cache-control': 'no-store' };

function redirect(url: string | URL, writes: readonly CookieWrite[] = [], status = 303): NextResponse {
  const response = NextResponse.redirect(url, { status, headers: NO_STORE });
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
export function authErrorResponse(
  request: NextRequest,
  error: unknown,
  options: { returnTo?: string; writes?: readonly CookieWrite[] } = {},
): NextResponse {
  const code = errorCodeOf(error);
  logAuthEvent(code === 'callback.cancelled' ? 'info' : 'error', 'sign-in route failed', error, { path: request.nextUrl.pathname, code });
  return redirect(new URL(errorPageUrl(code, options.returnTo), request.url), options.writes);
}

function cookieSettings(config: LogtoConfig, baseUrl: string) {
  return { secrets: config.cookieSecrets, secure: isSecureOrigin(baseUrl) };
}

/**
 * `GET /api/logto/sign-in` (and `/sign-up`): starts an authorization-code flow (see
 * `startSignIn`). Every query parameter is a checked sign-in option (`returnTo`, `prompt=login`,
 * `max_age`, `ui_locales`, `organization_id`, `scope`, `resource`, `login_hint`, `first_screen`,
 * `identifier`, `direct_sign_in`); an unknown or malformed one ends on the error page naming it,
 * and nothing is sent to Logto. Prefetches mint nothing.
 */
export async function handleSignIn(
  request: NextRequest,
  defaults: { firstScreen?: FirstScreen } = {},
): Promise<Response> {
  if (isPrefetch(request.headers)) return new Response(null, { status: 204, headers: NO_STORE });
  const { options, problems } = parseSignInQuery(request.nextUrl.searchParams);
  if (problems.length > 0) {
    logAuthEvent('warn', 'sign-in refused a parameter', undefined, { parameters: problems.map((problem) => problem.parameter).join(',') });
    const url = new URL(errorPageUrl('sign_in.invalid_parameter'), request.url);
    for (const problem of problems) url.searchParams.append('parameter', problem.parameter);
    return redirect(url);
  }
  try {
    const config = getConfig();
    const baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
    const { authorizationUrl, writes } = await startSignIn(config, baseUrl, request.cookies, options, defaults);
    return redirect(authorizationUrl, writes, 302);
  } catch (error) {
    return authErrorResponse(request, error);
  }
}

/**
 * `GET /api/logto/callback`: checks the attempt (state, `iss`), exchanges the code, verifies
 * the ID token (signature, iss, aud, exp, iat, nonce), writes the session and returns the user
 * to where they started. The attempt's cookie is deleted whatever the outcome.
 */
export async function handleCallback(request: NextRequest): Promise<Response> {
  const state = request.nextUrl.searchParams.get('state');
  let writes: CookieWrite[] = [];
  let returnTo: string | undefined;
  try {
    const config = getConfig();
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
    assertAuthTime(claims, {
      maxAge: transaction.maxAge,
      notBefore: transaction.reauthenticate ? transaction.createdAt : undefined,
      now: Math.floor(Date.now() / 1000),
    });
    const session = await writeSessionCookie(request.cookies, createSession(claims, tokens, requestedAt), settings);
    return redirect(new URL(transaction.returnTo, baseUrl), [...writes, ...session.writes]);
  } catch (error) {
    return authErrorResponse(request, error, { returnTo, writes });
  }
}

/**
 * `POST /api/logto/sign-out`: refuses cross-site requests, revokes the refresh token (Logto's
 * end-session keeps offline_access grants alive), clears every cookie, then sends the browser to
 * Logto's end-session endpoint. If Logto is unreachable the local sign-out still happens.
 */
export async function handleSignOut(request: NextRequest): Promise<Response> {
  let config: LogtoConfig;
  let baseUrl: string;
  try {
    config = getConfig();
    baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
  } catch (error) {
    return authErrorResponse(request, error);
  }
  if (!isSameOriginRequest(request.headers, baseUrl)) {
    return redirect(new URL(errorPageUrl('sign_out.cross_site'), baseUrl));
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
    const endSession = buildEndSessionUrl(discovery, { clientId: config.appId, postLogoutRedirectUri: `${baseUrl}/` });
    return redirect(endSession, writes);
  } catch (error) {
    logAuthEvent('error', 'Logto unreachable during sign-out; signed out of this app only', error);
    return redirect(new URL('/?signed_out=local', baseUrl), writes);
  }
}

/**
 * `GET /api/logto/user`: `{ isAuthenticated, claims }` for client components. Claims that expired
 * without Logto vouching for them again read as `{ isAuthenticated: false, status: 'unverified' }`.
 */
export async function handleUser(request: NextRequest): Promise<Response> {
  let config: LogtoConfig;
  try {
    config = getConfig();
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
