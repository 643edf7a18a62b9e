'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { IdTokenClaims } from '../../logto/types.js';
import { startSignIn, submitSignOut } from './navigation.js';
import { fromUserResponse, sessionReducer, type ClientPaths, type ClientSession } from './session-state.js';

/** What `useLogtoSession()` returns. */
export type LogtoSessionContextValue<Claims extends IdTokenClaims = IdTokenClaims> = ClientSession<Claims> & {
  /** The routes the helpers use. */
  paths: ClientPaths;
  /** Goes to sign-in; the user comes back to `returnTo` (default: this page). */
  signIn: (returnTo?: string) => void;
  /** Signs out (a `POST` to `paths.signOut`, then the browser follows its redirect). */
  signOut: () => void;
  /** Re-reads the session from `paths.user` now (the provider does so when the tab regains focus). */
  refresh: () => Promise<void>;
};

const LogtoSessionContext = createContext<LogtoSessionContextValue | null>(null);

/** Props of `LogtoSessionProvider`. */
export interface LogtoSessionProviderProps<Claims extends IdTokenClaims = IdTokenClaims> {
  /** The session at render time: `await logto.getClientSession()` in a server component. */
  session: ClientSession<Claims>;
  /** The app's routes: pass `logto.paths` (only `signIn`, `signOut` and `user` are used). */
  paths: ClientPaths;
  /** The client components that read the session. */
  children?: ReactNode;
}

/**
 * Gives client components the session (`useLogtoSession()`), starting from the server's value.
 * When the tab becomes visible or regains focus it re-reads `paths.user`, so a sign-out (or a
 * sign-in) in another tab shows here without a reload. Render it in the root layout:
 *
 *   <LogtoSessionProvider session={await logto.getClientSession()} paths={logto.paths}>
 */
export function LogtoSessionProvider<Claims extends IdTokenClaims = IdTokenClaims>({ session, paths, children }: LogtoSessionProviderProps<Claims>) {
  const [state, dispatch] = useReducer(sessionReducer<Claims>, session);
  const { signIn: signInPath, signOut: signOutPath, user: userPath } = paths;

  // A new server render (navigation, router.refresh()) brings a newer session.
  useEffect(() => dispatch({ type: 'synced', session }), [session]);

  const inFlight = useRef<Promise<void> | null>(null);
  const refresh = useCallback((): Promise<void> => {
    // `focus` and `visibilitychange` arrive together: one request answers both.
    inFlight.current ??= (async () => {
      try {
        const response = await fetch(userPath, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
        const next = fromUserResponse<Claims>(await response.json());
        if (next) dispatch({ type: 'synced', session: next });
      } catch {
        // Offline or not JSON: keep showing what we know; the next focus tries again.
      } finally {
        inFlight.current = null;
      }
    })();
    return inFlight.current;
  }, [userPath]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const value = useMemo(
    (): LogtoSessionContextValue<Claims> => ({
      ...state,
      paths: { signIn: signInPath, signOut: signOutPath, user: userPath },
      signIn: (returnTo?: string) => startSignIn({ signIn: signInPath }, returnTo),
      signOut: () => submitSignOut({ signOut: signOutPath }),
      refresh,
    }),
    [state, signInPath, signOutPath, userPath, refresh],
  );
  return <LogtoSessionContext.Provider value={value as unknown as LogtoSessionContextValue}>{children}</LogtoSessionContext.Provider>;
}

/**
 * The session in a client component: `status` (`'signed-in'` or `'signed-out'`), `claims`,
 * `expiresAt`, `grace`, and `signIn` / `signOut` / `refresh`. Narrow on `status` to read the
 * claims. Pass the app's claim type to type them (`useLogtoSession<MyClaims>()`).
 * @throws Error outside a `LogtoSessionProvider`.
 */
export function useLogtoSession<Claims extends IdTokenClaims = IdTokenClaims>(): LogtoSessionContextValue<Claims> {
  const value = useContext(LogtoSessionContext);
  if (!value) throw new Error('useLogtoSession() needs a <LogtoSessionProvider> above it (see README, "The session in client components").');
  return value as unknown as LogtoSessionContextValue<Claims>;
}
