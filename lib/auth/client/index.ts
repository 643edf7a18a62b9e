/**
 * The session in client components (`next-logto/client`): render `LogtoSessionProvider` in the
 * root layout with `await logto.getClientSession()` and `logto.paths`, then read it anywhere
 * below with `useLogtoSession()`. Nothing here ever holds a token.
 */
export { LogtoSessionProvider, useLogtoSession, type LogtoSessionContextValue, type LogtoSessionProviderProps } from './provider.js';
export { CLIENT_SESSION_KEYS, SIGNED_OUT, signInHref, type ClientPaths, type ClientSession } from './session-state.js';
export { startSignIn, submitSignOut } from './navigation.js';
