import type { NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { buildEndSessionUrl } from '../../logto/end-session.js';
import { clearSessionCookie, readSessionCookie } from '../cookies/session-cookie.js';
import { clearAllTransactions } from '../cookies/transaction.js';
import type { LogtoContext } from '../context.js';
import { logAuthEvent } from '../log.js';
import { discover } from '../logto-client.js';
import { revokeRefreshToken } from '../refresh/revoke-refresh-token.js';
import { isSameOriginRequest } from '../middleware/request-kind.js';
import { errorPageUrl } from '../paths.js';
import { resolveBaseUrl } from './base-url.js';
import { authErrorResponse, cookieSettings, redirect } from './route-responses.js';

/**
 * `POST` sign-out: refuses cross-site requests, revokes the refresh token (Logto's
 * end-session keeps offline_access grants alive), clears every cookie, then sends the browser to
 * Logto's end-session endpoint. If Logto is unreachable the local sign-out still happens.
 */
export async function handleSignOut(context: LogtoContext, request: NextRequest): Promise<Response> {
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
      await revokeRefreshToken(config, read.session.refreshToken, 'sign-out; signing out locally anyway');
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
