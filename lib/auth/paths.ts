/**
 * Where the app mounts each part of the sign-in flow. Every path is same-origin, starts with one
 * `/` and has no query or fragment.
 */
export interface LogtoPaths {
  /** Starts a sign-in (`GET`). Default `/api/logto/sign-in`. */
  signIn: string;
  /** Starts a sign-in on Logto's registration screen (`GET`). Default `/api/logto/sign-up`. */
  signUp: string;
  /** The redirect URI registered in Logto, without the origin (`GET`). Default `/api/logto/callback`. */
  callback: string;
  /** Signs out (`POST` from the app's own pages). Default `/api/logto/sign-out`. */
  signOut: string;
  /** `{ isAuthenticated, claims }` for client components (`GET`). Default `/api/logto/user`. */
  user: string;
  /**
   * Where Logto delivers back-channel logouts (`POST`, OpenID Connect Back-Channel Logout 1.0):
   * register `<origin><path>` as the app's "Backchannel logout URI" in Logto. Default
   * `/api/logto/backchannel-logout`.
   */
  backchannelLogout: string;
  /** The app's error page; gets `?code=…[&returnTo=…]`. Default `/auth/error`. */
  error: string;
  /** Where Logto sends the browser after sign-out; register it as a post sign-out redirect URI. Default `/`. */
  afterSignOut: string;
  /** Where a sign-in without a (safe) `returnTo` lands. Default `/protected`. */
  defaultReturnTo: string;
}

/**
 * The paths used when `createLogto({ paths })` leaves one out: the routes under `/api/logto/`, the
 * error page at `/auth/error`. Register `<origin>/api/logto/callback` as a redirect URI in Logto.
 */
export const DEFAULT_PATHS: Readonly<LogtoPaths> = Object.freeze({
  signIn: '/api/logto/sign-in',
  signUp: '/api/logto/sign-up',
  callback: '/api/logto/callback',
  signOut: '/api/logto/sign-out',
  user: '/api/logto/user',
  backchannelLogout: '/api/logto/backchannel-logout',
  error: '/auth/error',
  afterSignOut: '/',
  defaultReturnTo: '/protected',
});

const PATH = /^\/(?!\/)[^?#\s\\]*$/;

/** `paths` over the defaults, and one sentence per path that is not a plain same-origin path. */
export function resolvePaths(paths: Partial<LogtoPaths> = {}): { paths: Readonly<LogtoPaths>; problems: string[] } {
  const resolved = { ...DEFAULT_PATHS };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(paths) as [keyof LogtoPaths, string | undefined][]) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_PATHS)) problems.push(`paths.${name} is not an option.`);
    else if (typeof value !== 'string' || !PATH.test(value)) {
      problems.push(`paths.${name} must be a path starting with a single "/", without a query or fragment.`);
    } else resolved[name] = value.length > 1 ? value.replace(/\/+$/, '') : value;
  }
  const routes = [resolved.signIn, resolved.signUp, resolved.callback, resolved.signOut, resolved.user, resolved.backchannelLogout];
  if (new Set(routes).size !== routes.length) problems.push('paths.signIn, signUp, callback, signOut, user and backchannelLogout must differ.');
  return { paths: Object.freeze(resolved), problems };
}

/** The sign-in route for `returnTo`. */
export function signInUrl(paths: LogtoPaths, returnTo: string): string {
  return `${paths.signIn}?${new URLSearchParams({ returnTo })}`;
}

/** The error page for `code`, with where to retry. */
export function errorPageUrl(paths: LogtoPaths, code: string, returnTo?: string): string {
  const params = new URLSearchParams({ code });
  if (returnTo) params.set('returnTo', returnTo);
  return `${paths.error}?${params}`;
}

/** The routes the library answers itself (they manage cookies themselves; the middleware skips them). */
export function isLibraryRoute(paths: LogtoPaths, pathname: string): boolean {
  return (
    pathname === paths.signIn ||
    pathname === paths.signUp ||
    pathname === paths.callback ||
    pathname === paths.signOut ||
    pathname === paths.backchannelLogout
  );
}

/** A test for `pathname` being one of `prefixes` or below one (`/account` matches `/account/x`, not `/accounts`). */
export function underAny(prefixes: readonly string[]): (pathname: string) => boolean {
  const normalised = prefixes.map((prefix) => prefix.replace(/(.)\/+$/, '$1'));
  return (pathname) => normalised.some((prefix) => pathname === prefix || pathname.startsWith(prefix === '/' ? '/' : `${prefix}/`));
}
