import { LogtoError } from '@/lib/logto/errors';
import { withOrganizationResource, withReservedScopes } from '@/lib/logto/scopes';

/** The app's Logto configuration, validated and frozen. */
export interface LogtoConfig {
  /** Tenant endpoint without trailing slash, e.g. `https://abc123.logto.app`. */
  readonly endpoint: string;
  readonly appId: string;
  readonly appSecret: string;
  /** Cookie sealing passwords; the first seals, any of them unseals (rotation). */
  readonly cookieSecrets: readonly string[];
  /** Explicit `LOGTO_BASE_URL` (origin only), when set. */
  readonly baseUrl: string | undefined;
  /** Origins this deployment may be reached at on Vercel (production, branch, deployment URL). */
  readonly vercelOrigins: readonly string[];
  /** Scopes sent at sign-in: the reserved three first, then `LOGTO_SCOPES`. */
  readonly scopes: readonly string[];
  /** `LOGTO_RESOURCES`, exactly as configured. */
  readonly resources: readonly string[];
  /** Resources sent at sign-in: `resources` plus Logto's organization resource when asked for. */
  readonly authorizationResources: readonly string[];
  /** Whether organization tokens can be minted (`urn:logto:scope:organizations` was asked for). */
  readonly organizationsEnabled: boolean;
  /**
   * How long past its ID token's expiry a session is still served while Logto cannot be reached
   * (`LOGTO_OUTAGE_GRACE_SECONDS`, default 900); then it ends.
   */
  readonly outageGraceSeconds: number;
}

/** `config.invalid` with every problem found, one sentence each, naming the variable. */
export class ConfigError extends LogtoError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('config.invalid', { detail: problems.join(' ') });
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const MIN_SECRET_LENGTH = 32;
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

function parseEndpoint(value: string, problems: string[]): string | undefined {
  const url = parseHttpUrl(value, 'LOGTO_ENDPOINT', problems);
  if (!url) return undefined;
  if (/\/oidc\/?$/.test(url.pathname)) {
    problems.push('LOGTO_ENDPOINT is the tenant endpoint, without the /oidc suffix.');
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
 * once in a single `LogtoError('config.invalid')`.
 */
export function parseConfig(env: Env): LogtoConfig {
  const problems: string[] = [];
  const required = (name: string, value: string | undefined): string => {
    if (!value?.trim()) problems.push(`${name} is not set.`);
    return value?.trim() ?? '';
  };

  const endpointRaw = required('LOGTO_ENDPOINT', env.LOGTO_ENDPOINT);
  const endpoint = endpointRaw ? parseEndpoint(endpointRaw, problems) : undefined;
  const appId = required('LOGTO_APP_ID', env.LOGTO_APP_ID);
  const appSecret = required('LOGTO_APP_SECRET', env.LOGTO_APP_SECRET);

  const cookieSecrets = parseList(required('LOGTO_COOKIE_SECRET', env.LOGTO_COOKIE_SECRET));
  cookieSecrets.forEach((secret, index) => {
    if (secret.length < MIN_SECRET_LENGTH) {
      const which = cookieSecrets.length > 1 ? ` (entry ${index + 1})` : '';
      problems.push(`LOGTO_COOKIE_SECRET${which} must be at least ${MIN_SECRET_LENGTH} characters.`);
    }
  });

  const vercelOrigins = vercelOriginsFrom(env);
  let baseUrl: string | undefined;
  if (env.LOGTO_BASE_URL?.trim()) {
    const url = parseHttpUrl(env.LOGTO_BASE_URL.trim(), 'LOGTO_BASE_URL', problems);
    if (url && url.pathname !== '/') problems.push('LOGTO_BASE_URL must be an origin, without a path.');
    else if (url) baseUrl = url.origin;
  } else if (vercelOrigins.length === 0) {
    problems.push('LOGTO_BASE_URL is not set (it can be left out only on Vercel, where it is derived).');
  }

  const resources = parseList(env.LOGTO_RESOURCES);
  for (const resource of resources) {
    try {
      if (new URL(resource).hash) problems.push(`LOGTO_RESOURCES entry "${resource}" must not have a fragment (RFC 8707).`);
    } catch {
      problems.push(`LOGTO_RESOURCES entry "${resource}" is not an absolute URI.`);
    }
  }
  const scopes = withReservedScopes(parseList(env.LOGTO_SCOPES));

  let outageGraceSeconds = DEFAULT_OUTAGE_GRACE_SECONDS;
  const grace = env.LOGTO_OUTAGE_GRACE_SECONDS?.trim();
  if (grace) {
    if (/^\d+$/.test(grace) && Number(grace) <= MAX_OUTAGE_GRACE_SECONDS) outageGraceSeconds = Number(grace);
    else problems.push(`LOGTO_OUTAGE_GRACE_SECONDS must be a whole number of seconds from 0 to ${MAX_OUTAGE_GRACE_SECONDS}.`);
  }

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
  });
}

let cached: { key: string; config: LogtoConfig } | undefined;

const ENV_NAMES = [
  'LOGTO_ENDPOINT',
  'LOGTO_APP_ID',
  'LOGTO_APP_SECRET',
  'LOGTO_COOKIE_SECRET',
  'LOGTO_BASE_URL',
  'LOGTO_SCOPES',
  'LOGTO_RESOURCES',
  'LOGTO_OUTAGE_GRACE_SECONDS',
  'VERCEL_ENV',
  'VERCEL_URL',
  'VERCEL_BRANCH_URL',
  'VERCEL_PROJECT_PRODUCTION_URL',
] as const;

/**
 * The validated configuration, read at first use (never at import or build time). A valid one is
 * memoised for as long as the variables are the same; an invalid one is not, so fixing a variable
 * and retrying works without a restart where the platform allows it. Variables are read by
 * literal name so the Edge runtime sees them.
 * @throws LogtoError `config.invalid` listing every problem.
 */
export function getConfig(): LogtoConfig {
  const env = {
    LOGTO_ENDPOINT: process.env.LOGTO_ENDPOINT,
    LOGTO_APP_ID: process.env.LOGTO_APP_ID,
    LOGTO_APP_SECRET: process.env.LOGTO_APP_SECRET,
    LOGTO_COOKIE_SECRET: process.env.LOGTO_COOKIE_SECRET,
    LOGTO_BASE_URL: process.env.LOGTO_BASE_URL,
    LOGTO_SCOPES: process.env.LOGTO_SCOPES,
    LOGTO_RESOURCES: process.env.LOGTO_RESOURCES,
    LOGTO_OUTAGE_GRACE_SECONDS: process.env.LOGTO_OUTAGE_GRACE_SECONDS,
    VERCEL_ENV: process.env.VERCEL_ENV,
    VERCEL_URL: process.env.VERCEL_URL,
    VERCEL_BRANCH_URL: process.env.VERCEL_BRANCH_URL,
    VERCEL_PROJECT_PRODUCTION_URL: process.env.VERCEL_PROJECT_PRODUCTION_URL,
  } satisfies Record<(typeof ENV_NAMES)[number], string | undefined>;
  const key = ENV_NAMES.map((name) => env[name] ?? '').join('\u0000');
  if (cached?.key !== key) cached = { key, config: parseConfig(env) };
  return cached.config;
}

/** Problems in the configuration, one sentence each, or `[]` when it is valid. */
export function configProblems(): readonly string[] {
  try {
    getConfig();
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

/** For tests: forget the memoised configuration so the next `getConfig()` reads the env again. */
export function resetConfigForTests(): void {
  cached = undefined;
}
