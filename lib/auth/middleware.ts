import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, type LogtoConfig } from '@/lib/config';
import { LogtoError } from '@/lib/logto/errors';
import { signInUrl } from './base-url';
import { isBenchBypassActive } from './bench-bypass';
import { applyCookieWrites, isSecureOrigin, type CookieWrite } from './cookie-store';
import { errorPageUrl } from './error-codes';
import { isPrefetch } from './request-kind';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { isSessionAlive, type SessionData } from './session-data';
import { ensureTokens, type TokenNeeds } from './token-refresh';

/** Request header through which the middleware tells the render that a refresh failed. */
export const REFRESH_FAILURE_HEADER = 'x-logto-refresh-failure';

export interface LogtoMiddlewareOptions {
  /** API-resource and organization tokens a path needs fresh before it renders. */
  tokensFor?: (pathname: string, session: SessionData, config: LogtoConfig) => Omit<TokenNeeds, 'core'>;
  /** Paths answered with 401 JSON instead of a redirect to sign-in. Default: `/api/…`. */
  isApi?: (pathname: string) => boolean;
}

const defaultIsApi = (pathname: string) => pathname.startsWith('/api/');

function withCookies(response: NextResponse, writes: readonly CookieWrite[]): NextResponse {
  applyCookieWrites(response.cookies, writes);
  return response;
}

function deny(request: NextRequest, api: boolean, code: string, writes: readonly CookieWrite[]): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (api) {
    const message = code === 'session_expired' ? 'The session has ended; sign in again.' : 'Not authenticated.';
    return withCookies(NextResponse.json({ error: code, message }, { status: 401 }), writes);
  }
  const target =
    code === 'session_expired'
      ? errorPageUrl('session.expired', `${pathname}${search}`)
      : signInUrl(`${pathname}${search}`);
  return withCookies(NextResponse.redirect(new URL(target, request.url)), writes);
}

/** The `Cookie` header the render will see once `writes` are applied. */
function forwardedCookieHeader(request: NextRequest, writes: readonly CookieWrite[]): string {
  const jar = new Map(request.cookies.getAll().map((cookie) => [cookie.name, cookie.value]));
  for (const write of writes) {
    if (write.options.maxAge === 0) jar.delete(write.name);
    else jar.set(write.name, write.value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * The Edge middleware: an optimistic gate for protected pages and APIs, and the one place that
 * refreshes tokens ahead of a render (server components cannot write cookies). New cookies go
 * to the browser and, in the same request, to the render. No network call while tokens are fresh.
 */
export function createLogtoMiddleware(options: LogtoMiddlewareOptions = {}) {
  const isApi = options.isApi ?? defaultIsApi;

  return async function logtoMiddleware(request: NextRequest): Promise<NextResponse> {
    if (isBenchBypassActive()) return NextResponse.next(); // benchmark only, see bench-bypass.ts
    const api = isApi(request.nextUrl.pathname);
    let config: LogtoConfig;
    try {
      config = getConfig();
    } catch (error) {
      const code = error instanceof LogtoError ? error.code : 'config.invalid';
      console.error('[logto] configuration error:', error instanceof Error ? error.message : error);
      return api
        ? NextResponse.json({ error: code, message: 'Sign-in is not configured.' }, { status: 503 })
        : NextResponse.redirect(new URL(errorPageUrl(code), request.url));
    }
    const secure = isSecureOrigin(config.baseUrl ?? config.vercelOrigins[0] ?? request.nextUrl.origin);
    const settings = { secrets: config.cookieSecrets, secure };

    const read = await readSessionCookie(request.cookies, settings);
    const now = Math.floor(Date.now() / 1000);
    if (read.status !== 'valid' || !isSessionAlive(read.session, now)) {
      const clear = read.status === 'none' ? [] : clearSessionCookie(request.cookies, secure);
      return deny(request, api, 'unauthenticated', clear);
    }

    // Request headers are rewritten for the render only when they change: a failure header sent
    // by the client is dropped, a refresh failure is reported, new cookies are forwarded.
    const headers = new Headers(request.headers);
    headers.delete(REFRESH_FAILURE_HEADER);
    let rewrite = request.headers.has(REFRESH_FAILURE_HEADER);
    const next = () => (rewrite ? NextResponse.next({ request: { headers } }) : NextResponse.next());
    const skipRefresh = isPrefetch(request.headers) || request.headers.has('next-action');
    if (skipRefresh) return next();

    const needs: TokenNeeds = { core: true, ...options.tokensFor?.(request.nextUrl.pathname, read.session, config) };
    const outcome = await ensureTokens(read.session, needs, config);

    if (outcome.failure?.fatal) {
      console.warn('[logto] refresh token rejected; session ended:', outcome.failure.error ?? outcome.failure.code);
      return deny(request, api, 'session_expired', clearSessionCookie(request.cookies, secure));
    }
    if (outcome.failure) {
      console.warn('[logto] refresh failed, serving the current session:', outcome.failure.code, outcome.failure.error ?? '');
      headers.set(REFRESH_FAILURE_HEADER, outcome.failure.code);
      rewrite = true;
    }
    if (!outcome.changed) return next();

    const { writes } = await writeSessionCookie(request.cookies, outcome.session, settings);
    headers.set('cookie', forwardedCookieHeader(request, writes));
    return withCookies(NextResponse.next({ request: { headers } }), writes);
  };
}
