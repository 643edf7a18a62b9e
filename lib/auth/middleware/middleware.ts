import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { LogtoError } from '../../logto/errors.js';
import { applyCookieWrites, isSecureOrigin, type CookieWrite } from '../cookies/cookie-store.js';
import { forwardedCookieHeader } from '../cookies/forwarded-cookies.js';
import type { LogtoContext } from '../context.js';
import { logAuthEvent } from '../log.js';
import { errorPageUrl, isLibraryRoute, signInUrl, underAny, type LogtoPaths } from '../paths.js';
import { isPrefetch } from './request-kind.js';
import { clearSessionCookie, isSessionTooLarge, readSessionCookie, writeSessionCookie } from '../cookies/session-cookie.js';
import { sessionStatus, type SessionData } from '../cookies/session-data.js';
import { ensureTokens, neededTokenKeys, planTasks, type SessionEndReason, type TokenNeeds } from '../refresh/token-refresh.js';
import { revokeRefreshToken } from '../refresh/revoke-refresh-token.js';
import { revocationState } from '../revocation/store-access.js';

/** Request header through which the middleware tells the render that Logto could not be reached. */
export const REFRESH_FAILURE_HEADER = 'x-logto-refresh-failure';
/** Request header: Logto refused a token this page asked for (the code); the session is fine. */
export const TOKEN_REFUSED_HEADER = 'x-logto-token-refused';
/**
 * Request header: the middleware ended the session on this request, or could no longer vouch for
 * it (`session.outage_expired`: the cookie is kept), with the reason.
 */
export const SESSION_ENDED_HEADER = 'x-logto-session-ended';

const INTERNAL_HEADERS = [REFRESH_FAILURE_HEADER, TOKEN_REFUSED_HEADER, SESSION_ENDED_HEADER];

/** Which paths the middleware gates, how it denies them, and which tokens each needs. */
export interface LogtoMiddlewareOptions {
  /**
   * API-resource and organization tokens a path needs fresh before it renders: the middleware
   * mints or refreshes them (the page then reads them with `getAccessToken` /
   * `getOrganizationToken`). Not called for server-action posts, which only keep the session fresh.
   */
  tokensFor?: (pathname: string, session: SessionData, config: LogtoConfig) => Omit<TokenNeeds, 'core'>;
  /**
   * Paths that need a session: pages redirect to sign-in, APIs answer 401. Every other path the
   * middleware runs on is only kept fresh. Default: `/protected/…` and `/api/protected/…`.
   */
  isProtected?: (pathname: string) => boolean;
  /** Paths answered with 401 JSON instead of a redirect to sign-in. Default: `/api/…`. */
  isApi?: (pathname: string) => boolean;
}

const defaultIsProtected = underAny(['/protected', '/api/protected']);
const defaultIsApi = (pathname: string) => pathname.startsWith('/api/');

function withCookies(response: NextResponse, writes: readonly CookieWrite[]): NextResponse {
  applyCookieWrites(response.cookies, writes);
  return response;
}

/** The 401 body of an API request the middleware denies. */
function denialBody(code: 'unauthenticated' | SessionEndReason) {
  if (code === 'unauthenticated') return { error: code, message: 'Not authenticated.' };
  if (code === 'session.outage_expired') {
    // Not ended: the cookie is kept, and the first refresh Logto answers restores the session.
    const message = 'Logto could not be reached to confirm the session for too long; retry once it is back.';
    return { error: 'session_unconfirmed', reason: code, message };
  }
  if (code === 'session.too_large') {
    return { error: 'session_expired', reason: code, message: 'The session has ended: it no longer fits in its cookies.' };
  }
  return { error: 'session_expired', reason: code, message: 'The session has ended; sign in again.' };
}

function deny(paths: LogtoPaths, request: NextRequest, api: boolean, code: 'unauthenticated' | SessionEndReason, writes: readonly CookieWrite[]): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (api) {
    return withCookies(NextResponse.json(denialBody(code), { status: 401, headers: { 'cache-control': 'no-store' } }), writes);
  }
  const target = code === 'unauthenticated' ? signInUrl(paths, `${pathname}${search}`) : errorPageUrl(paths, code, `${pathname}${search}`);
  return withCookies(NextResponse.redirect(new URL(target, request.url)), writes);
}

/** A prefetch that would need Logto first is declined (no-store); the real visit refreshes. */
const declinedPrefetch = () => new NextResponse(null, { status: 503, headers: { 'cache-control': 'no-store' } });

/**
 * The Edge middleware. On every path it runs on, it keeps the session's core tokens fresh
 * (ahead of expiry, before the render) and ends a session Logto refuses, so no reader ever
 * serves a session past what Logto said; on protected paths it is also the gate. Server
 * components cannot write cookies, so new cookies go to the browser and, in the same request,
 * to the render. No network call while tokens are fresh.
 */
export function createLogtoMiddleware(context: LogtoContext, options: LogtoMiddlewareOptions = {}) {
  const isProtected = options.isProtected ?? defaultIsProtected;
  const isApi = options.isApi ?? defaultIsApi;

  return async function logtoMiddleware(request: NextRequest): Promise<NextResponse> {
    const { pathname } = request.nextUrl;
    // The sign-in routes write their own cookies; a matcher that does not exclude them costs nothing.
    if (isLibraryRoute(context.paths, pathname)) return NextResponse.next();
    const guarded = isProtected(pathname);
    const api = isApi(pathname);

    // The render's request headers are rewritten only when they change: internal headers sent by
    // the client are dropped, outcomes are reported, new cookies are forwarded.
    const headers = new Headers(request.headers);
    let rewrite = false;
    for (const name of INTERNAL_HEADERS) {
      if (headers.has(name)) {
        headers.delete(name);
        rewrite = true;
      }
    }
    const forward = (writes: readonly CookieWrite[] = []) => {
      if (writes.length > 0) {
        headers.set('cookie', forwardedCookieHeader(request.headers.get('cookie'), writes));
        rewrite = true;
      }
      return withCookies(rewrite ? NextResponse.next({ request: { headers } }) : NextResponse.next(), writes);
    };

    let config: LogtoConfig;
    try {
      config = context.config();
    } catch (error) {
      if (!guarded) return forward();
      const code = error instanceof LogtoError ? error.code : 'config.invalid';
      logAuthEvent('error', 'configuration error', undefined, { code, path: pathname });
      return api
        ? NextResponse.json({ error: code, message: 'Sign-in is not configured.' }, { status: 503 })
        : NextResponse.redirect(new URL(errorPageUrl(context.paths, code), request.url));
    }
    const secure = isSecureOrigin(config.baseUrl ?? config.vercelOrigins[0] ?? request.nextUrl.origin);
    const settings = { secrets: config.cookieSecrets, secure };

    const read = await readSessionCookie(request.cookies, settings);
    if (read.status === 'none') return guarded ? deny(context.paths, request, api, 'unauthenticated', []) : forward();
    if (read.status === 'invalid') {
      const clear = clearSessionCookie(request.cookies, secure);
      return guarded ? deny(context.paths, request, api, 'unauthenticated', clear) : forward(clear);
    }

    // A back-channel logout from Logto ended this session: end it here too, where cookies can be
    // written. Only where this runtime sees the store (Node; on Edge an HTTP store): otherwise the
    // render's readers still read it as signed out.
    if ((await revocationState(context.revocations(config), read.session)) === 'revoked') {
      if (isPrefetch(request.headers)) return declinedPrefetch();
      const reason = 'session.signed_out_elsewhere';
      logAuthEvent('info', 'session ended by a back-channel logout', undefined, { reason });
      if (read.session.refreshToken) await revokeRefreshToken(config, read.session.refreshToken, reason);
      const clear = clearSessionCookie(request.cookies, secure);
      if (guarded) return deny(context.paths, request, api, reason, clear);
      headers.set(SESSION_ENDED_HEADER, reason);
      rewrite = true;
      return forward(clear);
    }

    const now = Math.floor(Date.now() / 1000);
    if (isPrefetch(request.headers)) {
      return planTasks(read.session, { core: true }, now).length > 0 ? declinedPrefetch() : forward();
    }
    // A server action posts to the page's path: keep the session fresh, mint nothing for the page.
    const pageNeeds = request.headers.has('next-action') ? {} : options.tokensFor?.(pathname, read.session, config);
    const needs: TokenNeeds = { core: true, ...pageNeeds };
    const { session, changed, failure } = await ensureTokens(read.session, needs, config);

    let ended: SessionEndReason | undefined = failure?.fatal ? (failure.reason ?? 'session.refused') : undefined;
    let writes: CookieWrite[] = [];
    if (!ended && changed) {
      // Refreshed claims can outgrow the cookies: end the session rather than write one no request can read.
      try {
        writes = (await writeSessionCookie(request.cookies, session, settings, neededTokenKeys(needs))).writes;
      } catch (error) {
        if (!isSessionTooLarge(error)) throw error;
        ended = 'session.too_large';
      }
    }
    if (ended) {
      logAuthEvent('warn', 'session ended', undefined, { reason: ended, code: failure?.code ?? ended, oauth: failure?.error ?? 'none' });
      const clear = clearSessionCookie(request.cookies, secure);
      if (guarded) return deny(context.paths, request, api, ended, clear);
      headers.set(SESSION_ENDED_HEADER, ended);
      rewrite = true;
      return forward(clear);
    }
    // An outage past its grace (ensureTokens marked when it began): nobody can vouch for the
    // session, so it reads as signed out everywhere, and the cookie stays for the next successful
    // refresh to restore.
    const afterRefresh = Math.floor(Date.now() / 1000);
    if (failure && !failure.tokenOnly && sessionStatus(session, afterRefresh, config.outageGraceSeconds) === 'unverified') {
      logAuthEvent('warn', 'outage grace over; the session reads as signed out', undefined, {
        code: failure.code,
        oauth: failure.error ?? 'none',
      });
      if (guarded) return deny(context.paths, request, api, 'session.outage_expired', writes);
      headers.set(SESSION_ENDED_HEADER, 'session.outage_expired');
      rewrite = true;
      return forward(writes);
    }
    if (failure) {
      logAuthEvent('warn', failure.tokenOnly ? 'token refused' : 'refresh failed; serving the session', undefined, {
        code: failure.code,
        oauth: failure.error ?? 'none',
      });
      headers.set(failure.tokenOnly ? TOKEN_REFUSED_HEADER : REFRESH_FAILURE_HEADER, failure.code);
      rewrite = true;
    }
    return forward(writes);
  };
}
