import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoConfig } from '../../config.js';
import { readSessionCookie } from '../cookies/session-cookie.js';
import { sessionStatus } from '../cookies/session-data.js';
import type { LogtoContext } from '../context.js';
import { resolveBaseUrl } from './base-url.js';
import { cookieSettings, NO_STORE } from './route-responses.js';

/**
 * `GET` user: `{ isAuthenticated, claims }` for client components. Claims that expired
 * without Logto vouching for them again read as `{ isAuthenticated: false, status: 'unverified' }`.
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
  return NextResponse.json({ isAuthenticated: true, status, claims: read.session.claims }, { headers: NO_STORE });
}
