import { headers } from 'next/headers';
import { asLogtoErrorCode, type LogtoErrorCode } from '../../logto/errors.js';
import { REFRESH_FAILURE_HEADER, SESSION_ENDED_HEADER, TOKEN_REFUSED_HEADER } from '../middleware/middleware.js';
import { asSessionEndReason, type SessionEndReason } from '../refresh/refresh-failure.js';

// What the middleware reported to this render in its request headers. It drops these headers
// when a client sends them, but a page outside its matcher sees what the client sent: so only
// known codes are believed, and none of them grants anything.

/** The code of a refresh the middleware tried for this request and could not complete. */
export async function reportedRefreshFailure(): Promise<LogtoErrorCode | null> {
  return asLogtoErrorCode((await headers()).get(REFRESH_FAILURE_HEADER));
}

/** The code with which Logto refused a token this page needed (the session itself is fine). */
export async function reportedTokenRefusal(): Promise<LogtoErrorCode | null> {
  return asLogtoErrorCode((await headers()).get(TOKEN_REFUSED_HEADER));
}

/** Why the middleware ended the session on this request (a page outside the guard), if it did. */
export async function reportedSessionEnd(): Promise<SessionEndReason | null> {
  return asSessionEndReason((await headers()).get(SESSION_ENDED_HEADER));
}
