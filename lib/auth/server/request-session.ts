import { cache } from 'react';
import { cookies } from 'next/headers';
import type { LogtoConfig } from '../../config';
import type { LogtoContext } from '../context';
import { isSecureOrigin } from '../cookies/cookie-store';
import { readSessionCookie, type SessionCookieSettings } from '../cookies/session-cookie';
import { sessionStatus, type SessionData } from '../cookies/session-data';
import type { SessionView } from './session-view';
import { taintSession } from './taint';

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
