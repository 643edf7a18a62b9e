import { cache } from 'react';
import { cookies } from 'next/headers';
import type { LogtoConfig } from '../../config.js';
import type { LogtoContext } from '../context.js';
import { isSecureOrigin } from '../cookies/cookie-store.js';
import { readSessionCookie, type SessionCookieSettings } from '../cookies/session-cookie.js';
import { sessionStatus, type SessionData } from '../cookies/session-data.js';
import { revocationState } from '../revocation/store-access.js';
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
  /** The revocation store could not be read: back-channel logouts are not checked for now. */
  revocationUnchecked: boolean;
}

/** Reads the session a request may use, once per request (React `cache`). */
export type RequestSessionReader = () => Promise<RequestSession | null>;

/** What reading this request's session found: a session, or why there is none. */
export type RequestSessionOutcome =
  | { session: RequestSession; ended?: undefined }
  | { session: null; ended?: 'session.signed_out_elsewhere' };

/** Reads this request's session and why it may be missing, once per request (React `cache`). */
export type RequestSessionOutcomeReader = () => Promise<RequestSessionOutcome>;

/**
 * The reader of this request's session for `context`: verified or in its outage grace, not ended
 * by a back-channel logout, with its tokens tainted; `session: null` when signed out, tampered
 * with, no longer vouched for, or signed out elsewhere (`ended` then says so).
 */
export function createRequestSessionOutcomeReader(context: LogtoContext): RequestSessionOutcomeReader {
  return cache(async (): Promise<RequestSessionOutcome> => {
    // cookies() first: it marks the page dynamic, so `next build` never prerenders it and never
    // needs the configuration (which is read, and checked, at first use).
    const store = await cookies();
    const config = context.config();
    const read = await readSessionCookie(store, sessionCookieSettings(config));
    if (read.status !== 'valid') return { session: null };
    const status = sessionStatus(read.session, nowSeconds(), config.outageGraceSeconds);
    if (status === 'unverified') return { session: null };
    // Route handlers and server components run on Node, where every store is reachable; a store
    // this runtime cannot see (an app that moved them to Edge) counts as one that cannot be read.
    const revocation = await revocationState(context.revocations(config), read.session);
    if (revocation === 'revoked') return { session: null, ended: 'session.signed_out_elsewhere' };
    taintSession(read.session);
    return { session: { session: read.session, status, revocationUnchecked: revocation === 'unknown' || revocation === 'unreachable' } };
  });
}

/** The session alone, from an outcome reader. */
export function sessionOnly(readOutcome: RequestSessionOutcomeReader): RequestSessionReader {
  return async () => (await readOutcome()).session;
}
