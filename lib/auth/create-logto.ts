import type { NextRequest, NextResponse } from 'next/server';
import { ConfigError, configProblems, createConfigResolver, type ConfigEnvName, type ConfigLabels, type LogtoConfig } from '../config.js';
import { createProtectApi } from './api/api-guard.js';
import type { LogtoContext, SignInRequest } from './context.js';
import { createRouteHandlers, type LogtoRouteHandlers } from './routes/handlers.js';
import { createLogtoMiddleware, type LogtoMiddlewareOptions } from './middleware/middleware.js';
import { errorPageUrl, resolvePaths, signInUrl, underAny, type LogtoPaths } from './paths.js';
import type { ClientSession } from './client/session-state.js';
import { createClientSessionReader } from './server/client-session.js';
import { createServerHelpers, type LogtoServerHelpers } from './server/server.js';
import { createSignInAction } from './routes/sign-in-action.js';
import type { AccessClaimsOf, IdClaimsOf, LogtoTypes } from './types.js';
import { createRevocationStoreOf } from './revocation/store-access.js';
import type { Storage } from 'unstorage';

/** Whether `value` looks like an unstorage `Storage` (it has the methods the store uses). */
const isUnstorage = (value: unknown): value is Storage =>
  typeof value === 'object' && value !== null && ['getItem', 'setItem', 'hasItem', 'getItems'].every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/**
 * Everything `createLogto` accepts. Each setting defaults to its environment variable, so an app
 * configured through the environment passes nothing; a setting passed here wins over the variable.
 * Nothing is read or checked until first use (never at import or build time).
 * @see https://docs.logto.io/quick-starts/next-app-router
 */
export interface LogtoOptions extends LogtoMiddlewareOptions {
  /** Tenant endpoint, e.g. `https://abc123.logto.app` (`LOGTO_ENDPOINT`). */
  endpoint?: string;
  /** The Logto application's ID (`LOGTO_APP_ID`). */
  appId?: string;
  /** The Logto application's secret (`LOGTO_APP_SECRET`). */
  appSecret?: string;
  /**
   * Cookie sealing passwords, 32+ characters each; the first seals, any of them unseals, so a new
   * one can be put in front of the old one to rotate (`LOGTO_COOKIE_SECRET`, comma-separated).
   */
  cookieSecret?: string | readonly string[];
  /** The app's public origin (`LOGTO_BASE_URL`; derived on Vercel when unset). */
  baseUrl?: string;
  /** Scopes beyond `openid offline_access profile` (`LOGTO_SCOPES`). */
  scopes?: readonly string[];
  /** API resource indicators to get access tokens for (`LOGTO_RESOURCES`). */
  resources?: readonly string[];
  /** Seconds an expired session is served from the first refresh Logto did not answer (`LOGTO_OUTAGE_GRACE_SECONDS`, default 900). */
  outageGraceSeconds?: number;
  /**
   * Where back-channel logouts are recorded (`LOGTO_SESSION_STORE`): `'memory'` (default, one
   * process), `'redis://…'`, `'upstash'` (Upstash Redis REST, for Vercel and the Edge runtime),
   * `'off'`, or any unstorage `Storage` (Vercel KV, Cloudflare KV, …).
   * @see https://unstorage.unjs.io/drivers
   */
  sessionStore?: string | Storage;
  /** Seconds a process trusts what it read from the session store (`LOGTO_SESSION_STORE_CACHE_SECONDS`, default 5). */
  sessionStoreCacheSeconds?: number;
  /** Where each route and page lives; each defaults to today's path (see `DEFAULT_PATHS`). */
  paths?: Partial<LogtoPaths>;
  /**
   * Path prefixes that need a session (pages redirect to sign-in, APIs answer 401); ignored when
   * `isProtected` is given. Default `['/protected', '/api/protected']`.
   */
  protectedPaths?: readonly string[];
  /**
   * The languages for Logto's sign-in page (`ui_locales`) when a sign-in does not name them,
   * most preferred first, e.g. from the app's language cookie. Values that are not language tags
   * are dropped.
   */
  uiLocales?: (request: SignInRequest) => readonly string[] | undefined;
}

/** One configured Logto integration: see `createLogto`. */
export interface Logto<T extends LogtoTypes = Record<never, never>> extends LogtoServerHelpers<T> {
  /** The route handlers: `export const { GET, POST } = logto.handlers` in a catch-all route file. */
  handlers: LogtoRouteHandlers;
  /** The Edge middleware: `export default logto.middleware` (or call it from your own). */
  middleware: (request: NextRequest) => Promise<NextResponse>;
  /** For server actions: start a sign-in with per-call options (step-up, `maxAge`, …). */
  signIn: ReturnType<typeof createSignInAction>;
  /** Wraps a route handler so it runs only with a valid Logto access token for `audience`. */
  protectApi: ReturnType<typeof createProtectApi<AccessClaimsOf<T>>>;
  /** The validated configuration. @throws ConfigError listing every problem. */
  getConfig: () => LogtoConfig;
  /** Every configuration problem, one sentence each, or `[]`. Never throws. */
  configProblems: () => readonly string[];
  /** The resolved paths (options over defaults). */
  paths: Readonly<LogtoPaths>;
  /**
   * The session for client components: `status`, `claims`, `expiresAt` and `grace`, never a
   * token. Pass it with `paths` to `LogtoSessionProvider` (`next-logto/client`) in the root layout:
   *
   *   <LogtoSessionProvider session={await logto.getClientSession()} paths={logto.paths}>
   *
   * Signed out (or no session cookie) is `{ status: 'signed-out', claims: null, … }`; like
   * `getSession`, a configuration problem throws.
   */
  getClientSession: () => Promise<ClientSession<IdClaimsOf<T>>>;
  /** The sign-in route that returns to `returnTo` afterwards. */
  signInUrl: (returnTo: string) => string;
  /** The error page for a code, with where to retry. */
  errorPageUrl: (code: string, returnTo?: string) => string;
}

const OPTION_VARIABLES = {
  endpoint: 'LOGTO_ENDPOINT',
  appId: 'LOGTO_APP_ID',
  appSecret: 'LOGTO_APP_SECRET',
  cookieSecret: 'LOGTO_COOKIE_SECRET',
  baseUrl: 'LOGTO_BASE_URL',
  scopes: 'LOGTO_SCOPES',
  resources: 'LOGTO_RESOURCES',
  outageGraceSeconds: 'LOGTO_OUTAGE_GRACE_SECONDS',
  sessionStoreCacheSeconds: 'LOGTO_SESSION_STORE_CACHE_SECONDS',
} as const satisfies Partial<Record<keyof LogtoOptions, ConfigEnvName>>;

/** Settings passed in code, as the strings the environment would hold, and how to name them. */
function settingsInCode(options: LogtoOptions): { overrides: Partial<Record<ConfigEnvName, string>>; labels: ConfigLabels } {
  const overrides: Partial<Record<ConfigEnvName, string>> = {};
  const labels: ConfigLabels = {};
  if (typeof options.sessionStore === 'string') {
    overrides.LOGTO_SESSION_STORE = options.sessionStore;
    labels.LOGTO_SESSION_STORE = 'createLogto({ sessionStore })';
  }
  for (const [option, variable] of Object.entries(OPTION_VARIABLES) as [keyof typeof OPTION_VARIABLES, ConfigEnvName][]) {
    const value = options[option];
    if (value === undefined) continue;
    overrides[variable] = typeof value === 'string' || typeof value === 'number' ? String(value) : value.join(',');
    labels[variable] = `createLogto({ ${option} })`;
  }
  return { overrides, labels };
}

/** Options that would silently do nothing: a typo, or a value of the wrong kind. */
function optionProblems(options: LogtoOptions): string[] {
  const known = new Set<string>([...Object.keys(OPTION_VARIABLES), 'sessionStore', 'paths', 'protectedPaths', 'isProtected', 'isApi', 'tokensFor', 'uiLocales']);
  const problems = Object.keys(options)
    .filter((name) => !known.has(name))
    .map((name) => `createLogto({ ${name} }) is not an option.`);
  for (const name of ['isProtected', 'isApi', 'tokensFor', 'uiLocales'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') problems.push(`createLogto({ ${name} }) must be a function.`);
  }
  if (Array.isArray(options.cookieSecret) && options.cookieSecret.some((secret) => /[\s,]/.test(secret))) {
    problems.push('createLogto({ cookieSecret }) entries must not contain commas or whitespace.');
  }
  const { sessionStore } = options;
  if (sessionStore !== undefined && typeof sessionStore !== 'string' && !isUnstorage(sessionStore)) {
    problems.push('createLogto({ sessionStore }) must be a string like LOGTO_SESSION_STORE or an unstorage Storage.');
  }
  if (options.protectedPaths?.some((path) => !/^\/(?!\/)/.test(path))) {
    problems.push('createLogto({ protectedPaths }) entries must be paths starting with a single "/".');
  }
  return problems;
}


/**
 * Creates the app's Logto integration from one configuration: route handlers, the Edge
 * middleware, server helpers, the `signIn` action and `protectApi`, all bound to it. Declare the
 * app's custom claim shapes once as `T` (see `LogtoTypes`) and every helper returns them typed.
 *
 * Call it once, in a module of your own (e.g. `lib/logto.ts`), and import that module from the
 * route file, `middleware.ts` and your pages. With no options, everything comes from the
 * environment. Problems are reported at first use, all at once, naming the option or variable;
 * a valid configuration is memoised while its inputs are unchanged, an invalid one is not.
 *
 *   export const logto = createLogto({ paths: { callback: '/auth/callback' } });
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth
 * @see https://docs.logto.io/quick-starts/next-app-router
 */
export function createLogto<T extends LogtoTypes = Record<never, never>>(options: LogtoOptions = {}): Logto<T> {
  const { paths, problems: pathProblems } = resolvePaths(options.paths);
  const earlyProblems = [...optionProblems(options), ...pathProblems];
  const { overrides, labels } = settingsInCode(options);
  const resolveConfig = createConfigResolver(overrides, labels);

  const config = (): LogtoConfig => {
    if (earlyProblems.length === 0) return resolveConfig();
    let later: readonly string[] = [];
    try {
      resolveConfig();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      later = error.problems;
    }
    throw new ConfigError([...earlyProblems, ...later]);
  };

  const customStore = typeof options.sessionStore === 'object' ? options.sessionStore : undefined;
  const context: LogtoContext = {
    config,
    paths,
    revocations: createRevocationStoreOf(customStore),
    ...(options.uiLocales ? { uiLocales: options.uiLocales } : {}),
  };
  const isProtected = options.isProtected ?? (options.protectedPaths ? underAny(options.protectedPaths) : undefined);

  const server = createServerHelpers<T>(context);
  return {
    ...server,
    getClientSession: createClientSessionReader(server.getSession),
    handlers: createRouteHandlers(context),
    middleware: createLogtoMiddleware(context, {
      ...(isProtected ? { isProtected } : {}),
      ...(options.isApi ? { isApi: options.isApi } : {}),
      ...(options.tokensFor ? { tokensFor: options.tokensFor } : {}),
    }),
    signIn: createSignInAction(context),
    protectApi: createProtectApi<AccessClaimsOf<T>>(context),
    getConfig: config,
    configProblems: () => configProblems(config),
    paths,
    signInUrl: (returnTo) => signInUrl(paths, returnTo),
    errorPageUrl: (code, returnTo) => errorPageUrl(paths, code, returnTo),
  };
}
