import { cache } from 'react';
import { cookies } from 'next/headers';
import type { LogtoConfig } from '../../config.js';
import type { LogtoContext } from '../context.js';
import { isSecureOrigin } from '../cookies/cookie-store.js';
import { readSessionCookie, type SessionCookieSettings } from '../cookies/session-cookie.js';
import { sessionStatus, type SessionData } from '../cookies/session-data.js';
import type { SessionView } from './session-view.js';
import { taintSession } from './taint.js';

/** Now, in epoch seconds. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** How the session cookie is sealed and named for `config` (outside the middleware, which knows the request's origin). */
export function sessionCookieSettings(config: LogtoConfig): SessionCookieSettings {
  return { secrets: config.cookieSecrets, secure: isSecureOrigin(config.baseUrl ?? config.vercelOrigins[0]!) };
}

/** The session a request may use, and what it proves. */
interface RequestSession {
  session: SessionData;
  status: SessionView['status'];
}

/** Reads the session a request may use, once per request (React `cache`). */
export type RequestSessionReader = () => Promise<RequestSession | null>;

/**
 * The reader of this request's session for `context`: verified or in its outage grace, with its
 * tokens tainted; `null` when signed out, tampered with, or no longer vouched for.
 */
export function createRequestSessionReader(context: LogtoContext): RequestSessionReader {
  return cache(async (): Promise<RequestSession | null> => {
    // cookies() first: it marks the page dynamic, so `next build` never prerenders it and never
    // needs the configuration (which is read, and checked, at first use).
    const store = await cookies();
    const config = context.config();
    const read = await readSessionCookie(store, sessionCookieSettings(config));
    if (read.status !== 'valid') return null;
    const status = sessionStatus(read.session, nowSeconds(), config.outageGraceSeconds);
    if (status === 'unverified') return null;
    taintSession(read.session);
    return { session: read.session, status };
  });
}
