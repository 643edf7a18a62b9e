// No 'server-only' here: middleware.ts imports the factory too, and `next/headers` already
// fails the build of any client component that would import it.
import { cache } from 'react';
import { redirect } from 'next/navigation';
import type { LogtoErrorCode } from '../../logto/errors.js';
import type { LogtoContext } from '../context.js';
import { errorPageUrl, signInUrl } from '../paths.js';
import type { SessionEndReason } from '../refresh/refresh-failure.js';
import type { AccessClaimsOf, IdClaimsOf, LogtoTypes, UserInfoOf } from '../types.js';
import { createTokenReaders } from './cached-tokens.js';
import { reportedRefreshFailure, reportedSessionEnd } from './middleware-reports.js';
import { createTokenRefresher } from './refresh-tokens.js';
import { createRequestSessionOutcomeReader, sessionOnly } from './request-session.js';
import { toSessionView, type SessionView } from './session-view.js';
import { createUserInfoFetcher } from './user-info.js';

export type { HeldToken, SessionView } from './session-view.js';
export type { TokenResult, TokenUnavailableReason } from './cached-tokens.js';
export type { UserInfoResult } from './user-info.js';

/**
 * The server-side helpers for `context`, for server components, server actions and route
 * handlers, typed with the app's declared claims (`T`). Server components only read: the
 * middleware, which runs on every page, has already refreshed what the page needs.
 */
export function createServerHelpers<T extends LogtoTypes = Record<never, never>>(context: LogtoContext) {
  type IdClaims = IdClaimsOf<T>;
  const config = () => context.config();
  const readOutcome = createRequestSessionOutcomeReader(context);
  const readSession = sessionOnly(readOutcome);

  /**
   * The signed-in session for this request, or `null`. Read once per request (React `cache`).
   * A tampered or foreign cookie, a session whose claims expired without Logto vouching for it
   * again, and a session Logto ended through a back-channel logout read as signed out.
   */
  const getSession = cache(async (): Promise<SessionView<IdClaims> | null> => {
    const read = await readSession();
    // The app's declared claim types (`LogtoTypes`) over verified claims; see types.ts.
    return read ? (toSessionView(read.session, read.status, read.revocationUnchecked) as SessionView<IdClaims>) : null;
  });

  /** Whether a user is signed in (the seed SDK's `isAuthenticated`). */
  async function isAuthenticated(): Promise<boolean> {
    return (await getSession()) !== null;
  }

  /** The verified ID-token claims, or `null` when signed out. */
  async function getIdTokenClaims(): Promise<IdClaims | null> {
    return (await getSession())?.claims ?? null;
  }

  /**
   * The session, or a redirect to sign-in that returns to `returnTo` (the seed's
   * `@authenticated(shouldRedirect=True)`); a session ended by a back-channel logout goes to the
   * error page instead, which says so. Route handlers answer 401 instead.
   */
  async function requireSession(returnTo: string = context.paths.defaultReturnTo): Promise<SessionView<IdClaims>> {
    const session = await getSession();
    if (session) return session;
    const { ended } = await readOutcome();
    redirect(ended ? errorPageUrl(context.paths, ended, returnTo) : signInUrl(context.paths, returnTo));
  }

  /** The organizations in the session's claims, for pages that list them. */
  async function getOrganizationIds(): Promise<string[]> {
    return (await getSession())?.claims.organizations ?? [];
  }

  /** The code of a refresh the middleware tried for this request and could not complete. */
  const getRefreshFailure = (): Promise<LogtoErrorCode | null> => reportedRefreshFailure();

  /**
   * Why the session ended on this request, if it did: the middleware ended it (a page outside the
   * guard), or a back-channel logout from Logto did (`session.signed_out_elsewhere`).
   */
  const getSessionEndReason = async (): Promise<SessionEndReason | null> => {
    const reported = await reportedSessionEnd();
    if (reported) return reported;
    try {
      return (await readOutcome()).ended ?? null;
    } catch {
      // A configuration problem: getSession reports it; a notice has nothing to add.
      return null;
    }
  };

  return {
    getSession,
    isAuthenticated,
    getIdTokenClaims,
    requireSession,
    getRefreshFailure,
    getSessionEndReason,
    ...createTokenReaders<AccessClaimsOf<T>>(config, readSession),
    fetchUserInfo: createUserInfoFetcher<UserInfoOf<T>>(config, readSession),
    refreshTokens: createTokenRefresher(config),
    getOrganizationIds,
  };
}

/** The server helpers of an app declaring `T`. */
export type LogtoServerHelpers<T extends LogtoTypes = Record<never, never>> = ReturnType<typeof createServerHelpers<T>>;
