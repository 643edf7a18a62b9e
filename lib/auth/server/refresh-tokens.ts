import { cookies } from 'next/headers';
import type { LogtoConfig } from '../../config.js';
import type { LogtoErrorCode } from '../../logto/errors.js';
import { applyCookieWrites } from '../cookies/cookie-store.js';
import { clearSessionCookie, isSessionTooLarge, readSessionCookie, writeSessionCookie } from '../cookies/session-cookie.js';
import type { SessionEndReason } from '../refresh/refresh-failure.js';
import { neededTokenKeys, type TokenNeeds } from '../refresh/token-needs.js';
import { ensureTokens } from '../refresh/token-refresh.js';
import { sessionCookieSettings } from './request-session.js';

/** What `refreshTokens` did: `ended` when Logto refused the session, which is then cleared. */
export interface RefreshTokensResult {
  ok: boolean;
  error?: LogtoErrorCode;
  ended?: SessionEndReason;
}

/**
 * `refreshTokens` for server actions and route handlers (which may write cookies): refreshes the
 * tokens in `needs` now, with the same single-flight rules as the middleware, and saves the
 * session (or clears it when Logto refused it, or when it no longer fits: `session.too_large`).
 */
export function createTokenRefresher(config: () => LogtoConfig) {
  /** Refreshes the tokens in `needs` now and saves the session; for actions and route handlers. */
  return async function refreshTokens(needs: TokenNeeds): Promise<RefreshTokensResult> {
    const store = await cookies();
    const current = config();
    const settings = sessionCookieSettings(current);
    const read = await readSessionCookie(store, settings);
    if (read.status !== 'valid') return { ok: false, error: 'session.missing' };
    const outcome = await ensureTokens(read.session, needs, current);
    if (outcome.failure?.fatal) {
      applyCookieWrites(store, clearSessionCookie(store, settings.secure));
      return { ok: false, error: outcome.failure.code, ended: outcome.failure.reason };
    }
    if (outcome.changed) {
      try {
        const { writes } = await writeSessionCookie(store, outcome.session, settings, neededTokenKeys(needs));
        applyCookieWrites(store, writes);
      } catch (error) {
        // The refreshed claims outgrew the cookies: end the session, as the middleware does.
        if (!isSessionTooLarge(error)) throw error;
        applyCookieWrites(store, clearSessionCookie(store, settings.secure));
        return { ok: false, error: 'session.too_large', ended: 'session.too_large' };
      }
    }
    return outcome.failure ? { ok: false, error: outcome.failure.code } : { ok: true };
  };
}
