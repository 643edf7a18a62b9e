import { fileURLToPath } from 'node:url';
import type { JWK } from 'jose';

export type RotationMode = 'logto' | 'always';
export type TokenEndpointMode = 'normal' | 'fail' | 'hang';

/** Token lifetimes and refresh-token policy. Test controls may change them at run time. */
export interface TokenPolicy {
  /** Seconds. Opaque, API-resource and organization access tokens, and the ID token. */
  accessTokenTtl: number;
  /** Seconds. A rotated refresh token gets a fresh full TTL. */
  refreshTokenTtl: number;
  /** `logto`: rotate confidential clients' refresh tokens at >= 70 % of their TTL; `always`: every refresh. */
  rotation: RotationMode;
  /** Seconds a rotated refresh token keeps working (Logto: 3). */
  reuseGrace: number;
}

export interface EmulatorOptions extends TokenPolicy {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind. */
  host: string;
  /** Public base URL; defaults to `http://localhost:<port>`. The issuer is `<baseUrl>/oidc`. */
  baseUrl: string | undefined;
  /** Holds the generated signing key (`keys.json`). Only written when no `signingKey` is given. */
  dataDir: string;
  /** Path of the seed file. Ignored when `seed` is given. */
  seedPath: string;
  /** An inline seed document (same shape as `seed.json`), e.g. for tests. */
  seed: unknown;
  /** A private P-384 JWK to sign with instead of the one in `dataDir`. */
  signingKey: JWK | undefined;
  /** Extra app origins: `<origin>/api/logto/callback` and `<origin>/` are registered on every seeded app. */
  appOrigins: string[];
  /** Extra redirect URIs (absolute URLs) registered on every seeded app, for apps with their own callback path. */
  redirectUris: string[];
  /** Extra post sign-out redirect URIs (absolute URLs) registered on every seeded app. */
  postLogoutRedirectUris: string[];
  /**
   * Replaces the back-channel logout URI of every seeded app that has one. Unset: with `appOrigins`,
   * `<first app origin>/api/logto/backchannel-logout`; without, the seed's URI.
   */
  backchannelLogoutUri: string | undefined;
  /** Enables `/__test/*`. Off by default. */
  testControls: boolean;
  /** Initial behaviour of `/oidc/token` (test controls can change it). */
  tokenEndpointMode: TokenEndpointMode;
  /** Receives one line per notable event (sent e-mails, startup). */
  log: (line: string) => void;
}

const emulatorDir = fileURLToPath(new URL('.', import.meta.url));

export const defaultOptions: Readonly<EmulatorOptions> = Object.freeze({
  port: 3001,
  host: '127.0.0.1',
  baseUrl: undefined,
  dataDir: `${emulatorDir}data`,
  seedPath: `${emulatorDir}seed.json`,
  seed: undefined,
  signingKey: undefined,
  appOrigins: [],
  redirectUris: [],
  postLogoutRedirectUris: [],
  backchannelLogoutUri: undefined,
  accessTokenTtl: 3600,
  refreshTokenTtl: 14 * 24 * 3600,
  rotation: 'logto',
  reuseGrace: 3,
  testControls: false,
  tokenEndpointMode: 'normal',
  log: () => {},
});

/**
 * Reads the `EMULATOR_*` variables. Unset variables are left out so that defaults apply;
 * every invalid value is reported in one error.
 */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>>): Partial<EmulatorOptions> {
  const problems: string[] = [];
  const options: Partial<EmulatorOptions> = {};

  const integer = (name: string, min: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min) {
      problems.push(`${name} must be an integer >= ${min} (got "${raw}")`);
      return undefined;
    }
    return value;
  };

  const port = integer('EMULATOR_PORT', 0);
  if (port !== undefined) {
    if (port > 65535) problems.push(`EMULATOR_PORT must be <= 65535 (got ${port})`);
    options.port = port;
  }
  const accessTokenTtl = integer('EMULATOR_ACCESS_TOKEN_TTL', 1);
  if (accessTokenTtl !== undefined) options.accessTokenTtl = accessTokenTtl;
  const refreshTokenTtl = integer('EMULATOR_REFRESH_TOKEN_TTL', 1);
  if (refreshTokenTtl !== undefined) options.refreshTokenTtl = refreshTokenTtl;
  const reuseGrace = integer('EMULATOR_REUSE_GRACE', 0);
  if (reuseGrace !== undefined) options.reuseGrace = reuseGrace;

  if (env.EMULATOR_BASE_URL) {
    if (!isHttpUrl(env.EMULATOR_BASE_URL)) {
      problems.push(`EMULATOR_BASE_URL must be an http(s) URL (got "${env.EMULATOR_BASE_URL}")`);
    }
    options.baseUrl = env.EMULATOR_BASE_URL;
  }
  if (env.EMULATOR_DATA_DIR) options.dataDir = env.EMULATOR_DATA_DIR;
  if (env.EMULATOR_SEED) options.seedPath = env.EMULATOR_SEED;

  if (env.EMULATOR_APP_ORIGINS) {
    const origins = commaList(env.EMULATOR_APP_ORIGINS);
    for (const origin of origins) {
      if (!isHttpUrl(origin)) problems.push(`EMULATOR_APP_ORIGINS: "${origin}" is not an http(s) origin`);
    }
    options.appOrigins = origins;
  }
  const redirectUris = redirectUriList(env, 'EMULATOR_REDIRECT_URIS', problems);
  if (redirectUris) options.redirectUris = redirectUris;
  const postLogoutRedirectUris = redirectUriList(env, 'EMULATOR_POST_LOGOUT_REDIRECT_URIS', problems);
  if (postLogoutRedirectUris) options.postLogoutRedirectUris = postLogoutRedirectUris;
  // OpenID Connect Back-Channel Logout 1.0 §2.2: an absolute URL without a fragment.
  const backchannelLogoutUri = env.EMULATOR_BACKCHANNEL_LOGOUT_URI?.trim();
  if (backchannelLogoutUri) {
    const problem = uriProblem('EMULATOR_BACKCHANNEL_LOGOUT_URI', backchannelLogoutUri);
    if (problem) problems.push(problem);
    options.backchannelLogoutUri = backchannelLogoutUri;
  }

  const rotation = env.EMULATOR_ROTATION;
  if (rotation !== undefined && rotation !== '') {
    if (rotation === 'logto' || rotation === 'always') {
      options.rotation = rotation;
    } else {
      problems.push(`EMULATOR_ROTATION must be "logto" or "always" (got "${rotation}")`);
    }
  }

  const controls = env.EMULATOR_TEST_CONTROLS;
  if (controls !== undefined && controls !== '') {
    if (!['0', '1', 'true', 'false'].includes(controls)) {
      problems.push(`EMULATOR_TEST_CONTROLS must be 1 or 0 (got "${controls}")`);
    }
    options.testControls = controls === '1' || controls === 'true';
  }

  if (problems.length > 0) {
    throw new Error(`emulator configuration is invalid:\n  ${problems.join('\n  ')}`);
  }
  return options;
}

const commaList = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

/** A comma list of absolute http(s) URLs without a fragment (RFC 6749 §3.1.2), as a client registers them. */
function redirectUriList(env: Readonly<Record<string, string | undefined>>, name: string, problems: string[]): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const uris = commaList(raw);
  for (const uri of uris) {
    const problem = uriProblem(name, uri);
    if (problem) problems.push(problem);
  }
  return uris;
}

function uriProblem(name: string, uri: string): string | undefined {
  if (!isHttpUrl(uri)) return `${name}: "${uri}" is not an absolute http(s) URL`;
  if (uri.includes('#')) return `${name}: "${uri}" must not have a fragment`;
  return undefined;
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
