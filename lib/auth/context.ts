import type { LogtoConfig } from '../config.js';
import type { CookieReader } from './cookies/cookie-store.js';
import type { LogtoPaths } from './paths.js';
import type { RevocationStoreOf } from './revocation/store-access.js';

/** What the request that starts a sign-in looks like to `uiLocales`. */
export interface SignInRequest {
  headers: Headers;
  cookies: CookieReader;
}

/**
 * One configured instance of the library: everything the handlers, the middleware and the server
 * helpers share. Built by `createLogto`; each part reads the configuration at first use.
 */
export interface LogtoContext {
  /** The validated configuration. @throws ConfigError listing every problem. */
  config(): LogtoConfig;
  /**
   * The store of back-channel logouts for a configuration (`null` when turned off): built at
   * first use, shared by the route that records logouts and every reader.
   */
  revocations: RevocationStoreOf;
  /** The resolved paths (options over `DEFAULT_PATHS`). */
  paths: Readonly<LogtoPaths>;
  /**
   * The languages for Logto's sign-in page when a sign-in does not name them (`ui_locales`),
   * most preferred first; e.g. the app's language cookie.
   */
  uiLocales?: (request: SignInRequest) => readonly string[] | undefined;
}
