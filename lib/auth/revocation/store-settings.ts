/**
 * Where back-channel logouts are recorded (OpenID Connect Back-Channel Logout 1.0 §2.7: the RP
 * must remember which sessions were logged out until they would have ended anyway).
 */
export type SessionStoreSetting =
  /** Back-channel logout turned off (`LOGTO_SESSION_STORE=off`): no store, no checks. */
  | { kind: 'off' }
  | { kind: 'memory' }
  /** `redis://` or `rediss://`; a password goes inside the URL. */
  | { kind: 'redis'; url: string }
  /** Upstash Redis over REST (Vercel, Edge). */
  | { kind: 'upstash'; url: string; token: string };

/** The settings that name a store. */
export type StoreBackendSetting = Exclude<SessionStoreSetting, { kind: 'off' }>;

type Env = Readonly<Record<string, string | undefined>>;

const STORE_VARIABLE = 'LOGTO_SESSION_STORE';
const CACHE_VARIABLE = 'LOGTO_SESSION_STORE_CACHE_SECONDS';
const DEFAULT_CACHE_SECONDS = 5;
const MAX_CACHE_SECONDS = 60;

/** Loopback hosts where plain http is acceptable for a local Upstash-compatible endpoint. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const valueOf = (env: Env, name: string): string | undefined => env[name]?.trim() || undefined;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Reads `LOGTO_SESSION_STORE`: unset or `memory`, `off`, a `redis://` / `rediss://` URL, or `upstash`
 * (URL and token from `UPSTASH_REDIS_REST_URL` / `UPSTASH_REDIS_REST_TOKEN`, else Vercel KV's
 * `KV_REST_API_URL` / `KV_REST_API_TOKEN`). Each problem is one sentence in `problems` naming the
 * variable (or `label`: the `createLogto` option it came from); no value is quoted, since these carry passwords and tokens. On a problem the result
 * is `memory`, which the caller discards because it throws on any problem.
 */
export function parseSessionStoreSetting(env: Env, problems: string[], label: string = STORE_VARIABLE): SessionStoreSetting {
  const raw = valueOf(env, STORE_VARIABLE);
  if (raw === undefined || raw.toLowerCase() === 'memory') return { kind: 'memory' };
  if (raw.toLowerCase() === 'off') return { kind: 'off' };
  if (raw.toLowerCase() === 'upstash') return parseUpstash(env, problems, label) ?? { kind: 'memory' };
  if (/^rediss?:\/\//i.test(raw)) {
    if (!parseUrl(raw)?.hostname) {
      problems.push(`${label} looks like a Redis URL but does not parse (value not shown: it may hold a password).`);
      return { kind: 'memory' };
    }
    return { kind: 'redis', url: raw };
  }
  problems.push(`${label} must be "memory", "off", "upstash", or a redis:// or rediss:// URL (value not shown).`);
  return { kind: 'memory' };
}

function parseUpstash(env: Env, problems: string[], label: string): SessionStoreSetting | undefined {
  // One pair or the other, never a URL from one and a token from the other.
  const anySet = (...names: string[]) => names.some((name) => valueOf(env, name) !== undefined);
  const kvOnly = !anySet('UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN') && anySet('KV_REST_API_URL', 'KV_REST_API_TOKEN');
  const [urlName, tokenName] = kvOnly ? (['KV_REST_API_URL', 'KV_REST_API_TOKEN'] as const) : (['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'] as const);
  const url = valueOf(env, urlName);
  const token = valueOf(env, tokenName);
  const before = problems.length;
  const missing = [url === undefined && urlName, token === undefined && tokenName].filter(Boolean).join(' and ');
  if (missing) {
    problems.push(
      `${label}=upstash needs UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (or Vercel KV's KV_REST_API_URL and KV_REST_API_TOKEN); ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not set.`,
    );
  }
  if (url !== undefined) {
    const parsed = parseUrl(url);
    if (!parsed) problems.push(`${urlName} must be an absolute https: URL.`);
    else if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname))) {
      problems.push(`${urlName} must use https: (plain http: only for localhost or 127.0.0.1), since the token travels with every request.`);
    }
  }
  if (problems.length > before || url === undefined || token === undefined) return undefined;
  return { kind: 'upstash', url, token };
}

/**
 * Reads `LOGTO_SESSION_STORE_CACHE_SECONDS`: how long one process trusts a revocation check
 * before asking the store again, a whole number from 0 to 60 (default 5). Problems name the
 * variable, or `label` (the `createLogto` option it came from).
 */
export function parseCacheSeconds(env: Env, problems: string[], label: string = CACHE_VARIABLE): number {
  const raw = valueOf(env, CACHE_VARIABLE);
  if (raw === undefined) return DEFAULT_CACHE_SECONDS;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (seconds <= MAX_CACHE_SECONDS) return seconds;
  problems.push(`${label} must be a whole number of seconds from 0 to ${MAX_CACHE_SECONDS}.`);
  return DEFAULT_CACHE_SECONDS;
}
