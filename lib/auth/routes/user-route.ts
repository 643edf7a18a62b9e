import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { applyCookieWrites } from '../cookies/cookie-store.js';
import { clearSessionCookie, readSessionCookie } from '../cookies/session-cookie.js';
import { revokeRefreshToken } from '../refresh/revoke-refresh-token.js';
import { revocationState } from '../revocation/store-access.js';
import { sessionStatus } from '../cookies/session-data.js';
import type { LogtoContext } from '../context.js';
import { resolveBaseUrl } from './base-url.js';
import { cookieSettings, NO_STORE } from './route-responses.js';

/**
 * `GET` user: `{ isAuthenticated, claims }` for client components. Claims that expired
 * without Logto vouching for them again read as `{ isAuthenticated: false, status: 'unverified' }`.
 * A session Logto ended through a back-channel logout reads as `{ isAuthenticated: false, reason:
 * 'session.signed_out_elsewhere' }` and is ended here: cookies cleared, refresh token revoked. When
 * the store of logouts cannot be read, the session is served with `revocationCheck: 'unavailable'`.
 */
export async function handleUser(context: LogtoContext, request: NextRequest): Promise<Response> {
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
  const revocation = await revocationState(context.revocations(config), read.session);
  if (revocation === 'revoked') {
    const reason = 'session.signed_out_elsewhere';
    const response = NextResponse.json({ isAuthenticated: false, reason }, { headers: NO_STORE });
    applyCookieWrites(response.cookies, clearSessionCookie(request.cookies, cookieSettings(config, baseUrl).secure));
    if (read.session.refreshToken) await revokeRefreshToken(config, read.session.refreshToken, reason);
    return response;
  }
  const unchecked = revocation === 'unknown' || revocation === 'unreachable';
  return NextResponse.json(
    { isAuthenticated: true, status, claims: read.session.claims, ...(unchecked ? { revocationCheck: 'unavailable' } : {}) },
    { headers: NO_STORE },
  );
}
