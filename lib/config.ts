import { LogtoError } from './logto/errors.js';
import { withOrganizationResource, withReservedScopes } from './logto/scopes.js';
import { parseCacheSeconds, parseSessionStoreSetting, type SessionStoreSetting } from './auth/revocation/store-settings.js';

export type { SessionStoreSetting } from './auth/revocation/store-settings.js';

/** The app's Logto configuration, validated and frozen. */
export interface LogtoConfig {
  /** Tenant endpoint without trailing slash, e.g. `https://abc123.logto.app`. */
  readonly endpoint: string;
  /** The Logto application's ID (`LOGTO_APP_ID`): the OAuth `client_id`. */
  readonly appId: string;
  /** The Logto application's secret (`LOGTO_APP_SECRET`), sent with `client_secret_basic`. */
  readonly appSecret: string;
  /** Cookie sealing passwords; the first seals, any of them unseals (rotation). */
  readonly cookieSecrets: readonly string[];
  /** Explicit `LOGTO_BASE_URL` (origin only), when set. */
  readonly baseUrl: string | undefined;
  /** Origins this deployment may be reached at on Vercel (production, branch, deployment URL). */
  readonly vercelOrigins: readonly string[];
  /** Scopes sent at sign-in: the reserved three first, then `LOGTO_SCOPES`. */
  readonly scopes: readonly string[];
  /**
   * `LOGTO_RESOURCES`, exactly as configured: the API resource indicators access tokens can be
   * minted for.
   * @see https://docs.logto.io/authorization/global-api-resources
   */
  readonly resources: readonly string[];
  /** Resources sent at sign-in: `resources` plus Logto's organization resource when asked for. */
  readonly authorizationResources: readonly string[];
  /**
   * Whether organization tokens can be minted (`urn:logto:scope:organizations` was asked for).
   * @see https://docs.logto.io/authorization/organization-template/protect-organization-resources
   */
  readonly organizationsEnabled: boolean;
  /**
   * How long a session whose ID token has expired is still served while Logto cannot be reached,
   * counted from the first refresh that failed (`LOGTO_OUTAGE_GRACE_SECONDS`, default 900); then
   * it reads as signed out until Logto answers a refresh.
   */
  readonly outageGraceSeconds: number;
  /**
   * Where back-channel logouts are recorded (`LOGTO_SESSION_STORE`): this process's memory
   * (default), Redis, or Upstash Redis over REST; `off` turns back-channel logout off.
   * @see https://openid.net/specs/openid-connect-backchannel-1_0.html
   */
  readonly sessionStore: SessionStoreSetting;
  /** How long a process trusts what it read from the store (`LOGTO_SESSION_STORE_CACHE_SECONDS`, default 5). */
  readonly revocationCacheSeconds: number;
}

/** `config.invalid` with every problem found, one sentence each, naming the variable. */
export class ConfigError extends LogtoError {
  /** One sentence per problem, safe to show to the app's operator (no secret is echoed). */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('config.invalid', { detail: problems.join(' ') });
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The variables the configuration is read from. */
export const CONFIG_ENV_NAMES = [
  'LOGTO_ENDPOINT',
  'LOGTO_APP_ID',
  'LOGTO_APP_SECRET',
  'LOGTO_COOKIE_SECRET',
  'LOGTO_BASE_URL',
  'LOGTO_SCOPES',
  'LOGTO_RESOURCES',
  'LOGTO_OUTAGE_GRACE_SECONDS',
  'LOGTO_SESSION_STORE',
  'LOGTO_SESSION_STORE_CACHE_SECONDS',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'KV_REST_API_URL',
  'KV_REST_API_TOKEN',
  'VERCEL_ENV',
  'VERCEL_URL',
  'VERCEL_BRANCH_URL',
  'VERCEL_PROJECT_PRODUCTION_URL',
] as const;

/** The name of one configuration variable (see `CONFIG_ENV_NAMES`). */
export type ConfigEnvName = (typeof CONFIG_ENV_NAMES)[number];

/**
 * What problems call each setting. Settings passed in code are named by their option (e.g.
 * `createLogto({ appId })`), the rest by their environment variable.
 */
export type ConfigLabels = Partial<Record<ConfigEnvName, string>>;

const MIN_SECRET_LENGTH = 32;
/** The outage grace when `LOGTO_OUTAGE_GRACE_SECONDS` is unset: 15 minutes. */
export const DEFAULT_OUTAGE_GRACE_SECONDS = 15 * 60;
const MAX_OUTAGE_GRACE_SECONDS = 24 * 60 * 60;

/** Splits a space- or comma-separated environment list. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseHttpUrl(value: string, name: string, problems: string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} must be an absolute URL (got a value that does not parse).`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`${name} must use http: or https:.`);
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) {
    problems.push(`${name} must not carry a query, fragment or credentials.`);
    return undefined;
  }
  return url;
}

function parseEndpoint(value: string, name: string, problems: string[]): string | undefined {
  const url = parseHttpUrl(value, name, problems);
  if (!url) return undefined;
  if (/\/oidc\/?$/.test(url.pathname)) {
    problems.push(`${name} is the tenant endpoint, without the /oidc suffix.`);
    return undefined;
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Origins a Vercel deployment answers on, preferred first: the production domain in production,
 * the branch URL in previews, and always the deployment's own URL.
 */
function vercelOriginsFrom(env: Env): string[] {
  const hosts =
    env.VERCEL_ENV === 'production'
      ? [env.VERCEL_PROJECT_PRODUCTION_URL, env.VERCEL_URL]
      : [env.VERCEL_BRANCH_URL, env.VERCEL_URL];
  return [...new Set(hosts.filter((host): host is string => Boolean(host)).map((host) => `https://${host}`))];
}

/**
 * Reads and validates the configuration from an environment object, reporting every problem at
 * once in a single `ConfigError` (a `LogtoError` with code `config.invalid`).
 * @throws ConfigError listing every problem, each naming its variable (or the label in `labels`).
 * @see https://www.rfc-editor.org/rfc/rfc8707#section-2 (resource indicators: absolute URIs, no fragment)
 */
export function parseConfig(env: Env, labels: ConfigLabels = {}): LogtoConfig {
  const problems: string[] = [];
  const name = (variable: ConfigEnvName) => labels[variable] ?? variable;
  const required = (name: string, value: string | undefined): string => {
    if (!value?.trim()) problems.push(`${name} is not set.`);
    return value?.trim() ?? '';
  };

  const endpointRaw = required(name('LOGTO_ENDPOINT'), env.LOGTO_ENDPOINT);
  const endpoint = endpointRaw ? parseEndpoint(endpointRaw, name('LOGTO_ENDPOINT'), problems) : undefined;
  const appId = required(name('LOGTO_APP_ID'), env.LOGTO_APP_ID);
  const appSecret = required(name('LOGTO_APP_SECRET'), env.LOGTO_APP_SECRET);

  const cookieSecrets = parseList(required(name('LOGTO_COOKIE_SECRET'), env.LOGTO_COOKIE_SECRET));
  cookieSecrets.forEach((secret, index) => {
    if (secret.length < MIN_SECRET_LENGTH) {
      const which = cookieSecrets.length > 1 ? ` (entry ${index + 1})` : '';
      problems.push(`${name('LOGTO_COOKIE_SECRET')}${which} must be at least ${MIN_SECRET_LENGTH} characters.`);
    }
  });

  const vercelOrigins = vercelOriginsFrom(env);
  let baseUrl: string | undefined;
  if (env.LOGTO_BASE_URL?.trim()) {
    const url = parseHttpUrl(env.LOGTO_BASE_URL.trim(), name('LOGTO_BASE_URL'), problems);
    if (url && url.pathname !== '/') problems.push(`${name('LOGTO_BASE_URL')} must be an origin, without a path.`);
    else if (url) baseUrl = url.origin;
  } else if (vercelOrigins.length === 0) {
    problems.push(`${name('LOGTO_BASE_URL')} is not set (it can be left out only on Vercel, where it is derived).`);
  }

  const resources = parseList(env.LOGTO_RESOURCES);
  for (const resource of resources) {
    try {
      if (new URL(resource).hash) problems.push(`${name('LOGTO_RESOURCES')} entry "${resource}" must not have a fragment (RFC 8707).`);
    } catch {
      problems.push(`${name('LOGTO_RESOURCES')} entry "${resource}" is not an absolute URI.`);
    }
  }
  const scopes = withReservedScopes(parseList(env.LOGTO_SCOPES));

  let outageGraceSeconds = DEFAULT_OUTAGE_GRACE_SECONDS;
  const grace = env.LOGTO_OUTAGE_GRACE_SECONDS?.trim();
  if (grace) {
    if (/^\d+$/.test(grace) && Number(grace) <= MAX_OUTAGE_GRACE_SECONDS) outageGraceSeconds = Number(grace);
    else problems.push(`${name('LOGTO_OUTAGE_GRACE_SECONDS')} must be a whole number of seconds from 0 to ${MAX_OUTAGE_GRACE_SECONDS}.`);
  }

  const sessionStore = parseSessionStoreSetting(env, problems, name('LOGTO_SESSION_STORE'));
  const revocationCacheSeconds = parseCacheSeconds(env, problems, name('LOGTO_SESSION_STORE_CACHE_SECONDS'));

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return Object.freeze({
    endpoint: endpoint!,
    appId,
    appSecret,
    cookieSecrets: Object.freeze(cookieSecrets),
    baseUrl,
    vercelOrigins: Object.freeze(vercelOrigins),
    scopes: Object.freeze(scopes),
    resources: Object.freeze(resources),
    authorizationResources: Object.freeze(withOrganizationResource(scopes, resources)),
    organizationsEnabled: scopes.includes('urn:logto:scope:organizations'),
    outageGraceSeconds,
    sessionStore: Object.freeze(sessionStore),
    revocationCacheSeconds,
  });
}

/**
 * The configuration variables, read by literal name so the Edge runtime (which inlines
 * `process.env.X` at build time only for literal names) sees them.
 */
export function readConfigEnv(): Record<ConfigEnvName, string | undefined> {
  return {
    LOGTO_ENDPOINT: process.env.LOGTO_ENDPOINT,
    LOGTO_APP_ID: process.env.LOGTO_APP_ID,
    LOGTO_APP_SECRET: process.env.LOGTO_APP_SECRET,
    LOGTO_COOKIE_SECRET: process.env.LOGTO_COOKIE_SECRET,
    LOGTO_BASE_URL: process.env.LOGTO_BASE_URL,
    LOGTO_SCOPES: process.env.LOGTO_SCOPES,
    LOGTO_RESOURCES: process.env.LOGTO_RESOURCES,
    LOGTO_OUTAGE_GRACE_SECONDS: process.env.LOGTO_OUTAGE_GRACE_SECONDS,
    LOGTO_SESSION_STORE: process.env.LOGTO_SESSION_STORE,
    LOGTO_SESSION_STORE_CACHE_SECONDS: process.env.LOGTO_SESSION_STORE_CACHE_SECONDS,
    UPSTASH_REDIS_REST_URL: process.env.UPSTASH_REDIS_REST_URL,
    UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_REDIS_REST_TOKEN,
    KV_REST_API_URL: process.env.KV_REST_API_URL,
    KV_REST_API_TOKEN: process.env.KV_REST_API_TOKEN,
    VERCEL_ENV: process.env.VERCEL_ENV,
    VERCEL_URL: process.env.VERCEL_URL,
    VERCEL_BRANCH_URL: process.env.VERCEL_BRANCH_URL,
    VERCEL_PROJECT_PRODUCTION_URL: process.env.VERCEL_PROJECT_PRODUCTION_URL,
  };
}

/** Every resolver, so tests can make them all read the environment again. */
const resolvers = new Set<{ reset(): void }>();

/**
 * A function returning the validated configuration: `overrides` (settings passed in code) over
 * the environment, read at each call, never at import or build time. A valid configuration is
 * memoised for as long as the inputs are the same; an invalid one is not, so fixing a variable
 * and retrying works without a restart where the platform allows it.
 * @throws ConfigError (`config.invalid`) listing every problem, each naming its option or variable.
 */
export function createConfigResolver(
  overrides: Partial<Record<ConfigEnvName, string>> = {},
  labels: ConfigLabels = {},
): () => LogtoConfig {
  let cached: { key: string; config: LogtoConfig } | undefined;
  resolvers.add({ reset: () => (cached = undefined) });
  return () => {
    const env = { ...readConfigEnv(), ...overrides };
    const key = CONFIG_ENV_NAMES.map((variable) => env[variable] ?? '').join('\u0000');
    if (cached?.key !== key) cached = { key, config: parseConfig(env, labels) };
    return cached.config;
  };
}

/**
 * The configuration from the environment alone (no settings in code), validated at first use.
 * @throws ConfigError (`config.invalid`) listing every problem.
 */
export const getConfig: () => LogtoConfig = createConfigResolver();

/** Problems in a configuration, one sentence each, or `[]` when it is valid. */
export function configProblems(resolve: () => LogtoConfig = getConfig): readonly string[] {
  try {
    resolve();
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

/** For tests: forget every memoised configuration so the next call reads the env again. */
export function resetConfigForTests(): void {
  for (const resolver of resolvers) resolver.reset();
}
