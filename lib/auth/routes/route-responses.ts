import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { LogtoError, OidcResponseError } from '../../logto/errors.js';
import { applyCookieWrites, isSecureOrigin, type CookieWrite } from '../cookies/cookie-store.js';
import type { LogtoContext } from '../context.js';
import type { AuthErrorCode } from '../error-codes.js';
import { logAuthEvent } from '../log.js';
import { errorPageUrl } from '../paths.js';
import { resolveBaseUrl } from './base-url.js';

/** Route answers carry session state: never cached. */
export const NO_STORE = { 'cache-control': 'no-store' };

/** A redirect (303 unless told) that is never cached and writes `writes`. */
export function redirect(url: string | URL, writes: readonly CookieWrite[] = [], status = 303): NextResponse {
  const response = NextResponse.redirect(url, { status, headers: NO_STORE });
  applyCookieWrites(response.cookies, writes);
  return response;
}

/**
 * A redirect to a path of the app, on its public origin (`request.url` is the server's own address
 * under `next start`, e.g. `http://localhost:3000`, not what the browser used). When the
 * configuration is what failed, the `Location` is relative, which browsers resolve against the page.
 */
export function redirectInApp(context: LogtoContext, request: NextRequest, path: string, writes: readonly CookieWrite[] = []): NextResponse {
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
export function authErrorResponse(
  context: LogtoContext,
  request: NextRequest,
  error: unknown,
  options: { returnTo?: string; writes?: readonly CookieWrite[] } = {},
): NextResponse {
  const code = errorCodeOf(error);
  logAuthEvent(code === 'callback.cancelled' ? 'info' : 'error', 'sign-in route failed', error, { path: request.nextUrl.pathname, code });
  return redirectInApp(context, request, errorPageUrl(context.paths, code, options.returnTo), options.writes);
}

/** How the routes' cookies are sealed and flagged for `baseUrl` (`Secure` on https). */
export function cookieSettings(config: LogtoConfig, baseUrl: string) {
  return { secrets: config.cookieSecrets, secure: isSecureOrigin(baseUrl) };
}
