/**
 * A fake Logto tenant made of one `fetch` function, for unit tests. It routes by pathname, keeps
 * its grants in memory, and signs REAL tokens with jose (ES384 by default, like Logto).
 *
 *   const idp = await createMockIdp();            // unique issuer: https://tenant-<n>-<rand>.logto.test/oidc
 *   const discovery = await getDiscovery(idp.endpoint, { fetch: idp.fetch });
 *
 * Options (all optional): `clientId` ('mock-app'), `clientSecret` ('mock-secret'), `subject`
 * ('vt7mkhfawfl9'), `alg` ('ES384' | 'ES256' | 'RS256'), `endpoint`, `profile` (claims put in ID
 * tokens and userinfo; default = the observed Logto sign-in), `userinfoExtra` (userinfo-only
 * claims; default `organization_data`), `resources` (indicator → granted scope; default
 * `{ 'https://api.example.com': 'read write' }`), `organizations` (org id → granted scope; default
 * `{ '5cwr352q7v3q': 'read:members' }`), `accessTokenTtl`/`idTokenTtl` (3600), `rotateRefreshTokens`
 * (false: the same refresh token is echoed, as Logto does for confidential clients below 70 % TTL;
 * true: a new one each time, and a consumed one revokes the grant), `idTokenHeader` (extra JOSE
 * header for ID tokens, e.g. `{ typ: 'JWT' }` for Logto < 1.42), `includeAtHash`, `discovery`
 * (fields merged into the served discovery document; `undefined` deletes), `now` (epoch seconds;
 * default the real clock, so `vi.setSystemTime` works).
 *
 * The returned `MockIdp`:
 * - `endpoint`, `issuer`, `clientId`, `clientSecret`, `subject`, `fetch` (a `FetchLike`; other
 *   hosts reject with a TypeError like a DNS failure; honours `init.signal`).
 * - `discoveryDocument` (the JSON served), `jwks()` (the JWKS served), `keys` (published keys, the
 *   current one first: `{ kid, alg, privateKey, publicKey, publicJwk }`), `currentKey`.
 * - `calls`: per-route counters `{ discovery, jwks, auth, token, userinfo, revocation,
 *   end_session, unknown, total }`; `requests`: every request as
 *   `{ route, method, url, headers, form }` (`form` = the parsed body of POSTs).
 * - `signIdToken(claims?, header?, { key? })`, `signAccessToken(claims?, header?, { key? })`: sign
 *   with the current key (or `key`). Defaults: Logto-shaped claims for this client/user, iat = now,
 *   exp = now + ttl; ID tokens have no `typ`, access tokens `typ: at+jwt`, aud
 *   `https://api.example.com`. A claim set to `undefined` is removed.
 * - `signLogoutToken(claims?, header?, { key? })`: a back-channel logout token shaped like the one
 *   Logto 1.37.1 POSTs (`observed/logout-token.json`): header `typ: logout+jwt`, claims `sub`,
 *   `events`, `jti`, `sid`, `aud` (the client id), `iat` = now, `iss`, and no `exp`.
 * - `rotateKey({ keepPrevious = false })`: a new signing key; the JWKS serves it (and the previous
 *   one if kept).
 * - `issueCode({ redirectUri, codeChallenge?, nonce?, scope?, resources? })`: an authorization
 *   code as if the user had signed in (scope default `openid offline_access profile email roles
 *   urn:logto:scope:organizations urn:logto:scope:organization_roles`, resources default
 *   `['https://api.example.com', 'urn:logto:resource:organizations']`), so code exchange and
 *   refresh grants can be driven without a browser.
 * - `authorize(authorizationUrl)`: runs GET /oidc/auth through `fetch` (validating client_id,
 *   response_type, PKCE S256, dropping offline_access without prompt=consent) and returns the
 *   callback URL (`?code&state&iss`) from the 303.
 * - `use(route, behavior, times = Infinity)`: change how a route answers; behaviours queue and run
 *   first-in first-out, each for `times` requests; `reset(route?)` drops them. Behaviours:
 *   `{ type: 'network_error' }` (fetch rejects with TypeError), `{ type: 'hang' }` (never answers;
 *   rejects only when the request's signal aborts), `{ type: 'delay', ms }` (then the normal
 *   answer), `{ type: 'respond', status, body?, headers? }` (object body → JSON),
 *   `{ type: 'oauth_error', error, status?, description? }` (Logto's error body with `code`,
 *   `message`, `error`, `error_description`), `{ type: 'handler', handle(request) }`.
 * - `isRefreshTokenActive(token)`, `revokeAll()`: inspect or kill grants.
 *
 * Token endpoint: Basic or `client_secret` body auth (not both), `authorization_code` (code,
 * redirect_uri, PKCE checked; opaque access token, ID token, refresh token when offline_access)
 * and `refresh_token` (with `resource` → JWT for that audience, `invalid_target` when it was not
 * requested at sign-in; with `organization_id` → org JWT `aud urn:logto:organization:<id>`, 403
 * `insufficient_scope` without the organizations scope, 403 `access_denied` for non-members; a new
 * ID token every time, carrying the original nonce). /oidc/me takes only the opaque access token.
 * /oidc/token/revocation revokes the whole grant and answers 200 with an empty body.
 */
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { SignJWT } from 'jose/jwt/sign';
import type { CryptoKey, JWK, JWTHeaderParameters } from 'jose';

import type { FetchLike } from '../types.js';
import observedDiscovery from './observed/discovery.json';
import observedSignIn from './observed/sign-in.json';

export type MockRoute =
  | 'discovery'
  | 'jwks'
  | 'auth'
  | 'token'
  | 'userinfo'
  | 'revocation'
  | 'end_session'
  | 'unknown';

export type MockBehavior =
  | { type: 'network_error' }
  | { type: 'hang' }
  | { type: 'delay'; ms: number }
  | { type: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'oauth_error'; error: string; status?: number; description?: string }
  | { type: 'handler'; handle: (request: Request) => Response | Promise<Response> };

export interface MockKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export interface MockRequest {
  route: MockRoute;
  method: string;
  url: URL;
  headers: Headers;
  form?: URLSearchParams;
}

export interface MockIdpOptions {
  clientId?: string;
  clientSecret?: string;
  subject?: string;
  alg?: 'ES384' | 'ES256' | 'RS256';
  endpoint?: string;
  profile?: Record<string, unknown>;
  userinfoExtra?: Record<string, unknown>;
  resources?: Record<string, string>;
  organizations?: Record<string, string>;
  accessTokenTtl?: number;
  idTokenTtl?: number;
  rotateRefreshTokens?: boolean;
  idTokenHeader?: Partial<JWTHeaderParameters>;
  includeAtHash?: boolean;
  discovery?: Record<string, unknown>;
  now?: () => number;
}

export interface IssueCodeParams {
  redirectUri: string;
  codeChallenge?: string;
  nonce?: string;
  scope?: string;
  resources?: readonly string[];
}

type Counters = Record<MockRoute | 'total', number>;

export interface MockIdp {
  readonly endpoint: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly subject: string;
  readonly fetch: FetchLike;
  readonly discoveryDocument: Record<string, unknown>;
  readonly keys: MockKey[];
  readonly currentKey: MockKey;
  readonly calls: Counters;
  readonly requests: MockRequest[];
  jwks(): { keys: JWK[] };
  signIdToken(
    claims?: Record<string, unknown>,
    header?: Partial<JWTHeaderParameters>,
    options?: { key?: CryptoKey | Uint8Array },
  ): Promise<string>;
  signAccessToken(
    claims?: Record<string, unknown>,
    header?: Partial<JWTHeaderParameters>,
    options?: { key?: CryptoKey | Uint8Array },
  ): Promise<string>;
  signLogoutToken(
    claims?: Record<string, unknown>,
    header?: Partial<JWTHeaderParameters>,
    options?: { key?: CryptoKey | Uint8Array },
  ): Promise<string>;
  rotateKey(options?: { keepPrevious?: boolean }): Promise<MockKey>;
  issueCode(params: IssueCodeParams): string;
  authorize(authorizationUrl: string | URL): Promise<URL>;
  use(route: MockRoute, behavior: MockBehavior, times?: number): void;
  reset(route?: MockRoute): void;
  isRefreshTokenActive(token: string): boolean;
  revokeAll(): void;
}

interface Grant {
  scopes: string[];
  resources: string[];
  nonce?: string;
  revoked: boolean;
}

const oidcScopes = new Set<string>(observedDiscovery.scopes_supported);
const organizationsScope = 'urn:logto:scope:organizations';
const defaultScope =
  'openid offline_access profile email roles urn:logto:scope:organizations urn:logto:scope:organization_roles';
const defaultResources = ['https://api.example.com', 'urn:logto:resource:organizations'];

const errorMessages: Record<string, string> = {
  invalid_grant: 'Grant request is invalid.',
  invalid_client: 'Client authentication failed.',
  invalid_request: 'Request is invalid.',
  invalid_target: 'Target is invalid.',
  insufficient_scope: 'Insufficient scope.',
  access_denied: 'Access denied.',
  unsupported_grant_type: 'Unsupported grant type.',
  unsupported_token_type: 'Unsupported token type.',
  invalid_token: 'Invalid token.',
};

let tenantCounter = 0;

const random = (bytes = 16) =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

const logtoError = (error: string, status = 400, description = 'grant request is invalid') =>
  json(status, {
    code: `oidc.${error}`,
    message: errorMessages[error] ?? 'OIDC error.',
    ...(error === 'invalid_grant' ? { error_uri: 'https://openid.sh/debug/invalid_grant' } : {}),
    error,
    error_description: description,
  });

const withoutUndefined = (claims: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));

const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

const abortable = (signal: AbortSignal | undefined, ms?: number) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

const s256 = async (verifier: string) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const routeOf = (pathname: string): MockRoute => {
  switch (pathname) {
    case '/oidc/.well-known/openid-configuration':
      return 'discovery';
    case '/oidc/jwks':
      return 'jwks';
    case '/oidc/auth':
      return 'auth';
    case '/oidc/token':
      return 'token';
    case '/oidc/me':
      return 'userinfo';
    case '/oidc/token/revocation':
      return 'revocation';
    case '/oidc/session/end':
      return 'end_session';
    default:
      return 'unknown';
  }
};

const createKey = async (alg: string): Promise<MockKey> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'RS256' ? { modulusLength: 2048 } : {});
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
};

/** Creates a fake Logto tenant; see the top of this file for the API. */
export async function createMockIdp(options: MockIdpOptions = {}): Promise<MockIdp> {
  const alg = options.alg ?? 'ES384';
  const tenant = `tenant-${++tenantCounter}-${random(4).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  const endpoint = (options.endpoint ?? `https://${tenant}.logto.test`).replace(/\/+$/, '');
  const host = new URL(endpoint).host;
  const issuer = `${endpoint}/oidc`;
  const clientId = options.clientId ?? 'mock-app';
  const clientSecret = options.clientSecret ?? 'mock-secret';
  const subject = options.subject ?? observedSignIn.id_token_claims.sub;
  const now = () => Math.floor(options.now?.() ?? Date.now() / 1000);
  const accessTokenTtl = options.accessTokenTtl ?? 3600;
  const idTokenTtl = options.idTokenTtl ?? 3600;
  const resources = options.resources ?? { 'https://api.example.com': 'read write' };
  const organizations = options.organizations ?? { '5cwr352q7v3q': 'read:members' };
  const registeredClaims = new Set(['sub', 'nonce', 'at_hash', 'aud', 'exp', 'iat', 'iss']);
  const observedProfile = Object.fromEntries(
    Object.entries(observedSignIn.id_token_claims).filter(([name]) => !registeredClaims.has(name)),
  );
  const profile: Record<string, unknown> = options.profile ?? observedProfile;
  const userinfoExtra: Record<string, unknown> = options.userinfoExtra ?? {
    organization_data: observedSignIn.userinfo.organization_data,
  };

  const keys: MockKey[] = [await createKey(alg)];
  const calls: Counters = {
    discovery: 0,
    jwks: 0,
    auth: 0,
    token: 0,
    userinfo: 0,
    revocation: 0,
    end_session: 0,
    unknown: 0,
    total: 0,
  };
  const requests: MockRequest[] = [];
  const behaviors = new Map<MockRoute, { behavior: MockBehavior; remaining: number }[]>();
  const codes = new Map<
    string,
    { grant: Grant; redirectUri: string; codeChallenge?: string; used: boolean; expiresAt: number }
  >();
  const refreshTokens = new Map<string, { grant: Grant; consumed: boolean }>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const grants: Grant[] = [];

  const discoveryDocument: Record<string, unknown> = withoutUndefined({
    ...JSON.parse(JSON.stringify(observedDiscovery).replaceAll('http://localhost:3001', endpoint)),
    ...options.discovery,
  });

  const sign = async (
    payload: Record<string, unknown>,
    header: Partial<JWTHeaderParameters>,
    key: CryptoKey | Uint8Array | undefined,
  ) => {
    const current = keys[0];
    if (!current) throw new Error('mock-idp has no key');
    return new SignJWT(withoutUndefined(payload))
      .setProtectedHeader({ alg: current.alg, kid: current.kid, ...header } as JWTHeaderParameters)
      .sign(key ?? current.privateKey);
  };

  const signIdToken: MockIdp['signIdToken'] = (claims = {}, header = {}, signOptions = {}) => {
    const iat = now();
    return sign(
      {
        ...profile,
        ...(options.includeAtHash ? { at_hash: random(16) } : {}),
        sub: subject,
        aud: clientId,
        exp: iat + idTokenTtl,
        iat,
        iss: issuer,
        ...claims,
      },
      { ...options.idTokenHeader, ...header },
      signOptions.key,
    );
  };

  const signAccessToken: MockIdp['signAccessToken'] = (claims = {}, header = {}, signOptions = {}) => {
    const iat = now();
    return sign(
      {
        jti: random(12),
        sub: subject,
        iat,
        exp: iat + accessTokenTtl,
        scope: 'read write',
        client_id: clientId,
        iss: issuer,
        aud: 'https://api.example.com',
        ...claims,
      },
      { typ: 'at+jwt', ...header },
      signOptions.key,
    );
  };

  const signLogoutToken: MockIdp['signLogoutToken'] = (claims = {}, header = {}, signOptions = {}) =>
    sign(
      {
        sub: subject,
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        jti: random(16),
        sid: random(16),
        aud: clientId,
        iat: now(),
        iss: issuer,
        ...claims,
      },
      { typ: 'logout+jwt', ...header },
      signOptions.key,
    );

  const newGrant = (scopes: string[], grantResources: string[], nonce?: string): Grant => {
    const grant: Grant = { scopes, resources: grantResources, nonce, revoked: false };
    grants.push(grant);
    return grant;
  };

  const issueCode = (params: IssueCodeParams): string => {
    const code = random(24);
    const scopes = (params.scope ?? defaultScope).split(' ').filter(Boolean);
    codes.set(code, {
      grant: newGrant(scopes, [...(params.resources ?? defaultResources)], params.nonce),
      redirectUri: params.redirectUri,
      codeChallenge: params.codeChallenge,
      used: false,
      expiresAt: now() + 60,
    });
    return code;
  };

  const authenticateClient = (request: Request, form: URLSearchParams): Response | undefined => {
    const header = request.headers.get('authorization');
    const bodySecret = form.get('client_secret');
    if (header && bodySecret !== null) {
      return logtoError('invalid_request', 400, 'client authentication must only be provided using one mechanism');
    }
    let id: string | null = form.get('client_id');
    let secret = bodySecret;
    if (header) {
      const match = /^Basic (.+)$/i.exec(header);
      const decoded = match?.[1] ? atob(match[1]) : '';
      const separator = decoded.indexOf(':');
      if (separator < 0) return logtoError('invalid_client', 401, 'invalid client authentication');
      const headerId = formDecode(decoded.slice(0, separator));
      if (id !== null && id !== headerId) {
        return logtoError('invalid_request', 400, 'mismatch in body and authorization client ids');
      }
      id = headerId;
      secret = formDecode(decoded.slice(separator + 1));
    }
    if (id !== clientId || secret !== clientSecret) {
      return logtoError('invalid_client', 401, 'client authentication failed');
    }
    return undefined;
  };

  const issueTokens = async (grant: Grant, refreshToken: string | undefined, form: URLSearchParams) => {
    const resource = form.get('resource');
    const organizationId = form.get('organization_id');
    let accessToken: string;
    let scope: string;
    if (resource !== null || organizationId !== null) {
      if (organizationId !== null && resource === null && !grant.scopes.includes(organizationsScope)) {
        return logtoError('insufficient_scope', 403, 'refresh token missing required scope');
      }
      if (organizationId !== null && organizations[organizationId] === undefined) {
        return logtoError('access_denied', 403, 'user is not a member of the organization');
      }
      if (resource !== null && (!grant.resources.includes(resource) || resources[resource] === undefined)) {
        return logtoError('invalid_target', 400, 'resource indicator is missing, or unknown');
      }
      scope = resource !== null ? (resources[resource] ?? '') : (organizations[organizationId ?? ''] ?? '');
      accessToken = await signAccessToken({
        aud: resource ?? `urn:logto:organization:${organizationId}`,
        scope: scope || undefined,
        ...(resource !== null && organizationId !== null ? { organization_id: organizationId } : {}),
      });
    } else {
      accessToken = `at_${random(24)}`;
      accessTokens.set(accessToken, { grant, expiresAt: now() + accessTokenTtl });
      scope = grant.scopes.filter((value) => oidcScopes.has(value)).join(' ');
    }
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: accessTokenTtl,
      scope,
      token_type: 'Bearer',
    };
    if (grant.scopes.includes('openid')) body.id_token = await signIdToken({ nonce: grant.nonce });
    if (refreshToken) body.refresh_token = refreshToken;
    return json(200, body, { 'cache-control': 'no-store' });
  };

  const handleToken = async (request: Request, form: URLSearchParams): Promise<Response> => {
    if (request.method !== 'POST') return new Response(null, { status: 405 });
    const authError = authenticateClient(request, form);
    if (authError) return authError;
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const entry = codes.get(form.get('code') ?? '');
      if (!entry || entry.expiresAt < now() || entry.grant.revoked) return logtoError('invalid_grant');
      if (entry.used) {
        entry.grant.revoked = true;
        return logtoError('invalid_grant');
      }
      if (entry.redirectUri !== form.get('redirect_uri')) return logtoError('invalid_grant');
      if (entry.codeChallenge !== undefined) {
        const verifier = form.get('code_verifier');
        if (!verifier || (await s256(verifier)) !== entry.codeChallenge) return logtoError('invalid_grant');
      }
      entry.used = true;
      let refreshToken: string | undefined;
      if (entry.grant.scopes.includes('offline_access')) {
        refreshToken = `rt_${random(24)}`;
        refreshTokens.set(refreshToken, { grant: entry.grant, consumed: false });
      }
      return issueTokens(entry.grant, refreshToken, new URLSearchParams());
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const entry = refreshTokens.get(presented);
      if (!entry || entry.grant.revoked) return logtoError('invalid_grant');
      if (entry.consumed) {
        entry.grant.revoked = true;
        return logtoError('invalid_grant');
      }
      let refreshToken = presented;
      if (options.rotateRefreshTokens) {
        entry.consumed = true;
        refreshToken = `rt_${random(24)}`;
        refreshTokens.set(refreshToken, { grant: entry.grant, consumed: false });
      }
      return issueTokens(entry.grant, refreshToken, form);
    }
    return logtoError('unsupported_grant_type', 400, 'unsupported grant_type requested');
  };

  const handleAuth = (url: URL): Response => {
    const query = url.searchParams;
    if (query.get('client_id') !== clientId) return logtoError('invalid_client', 400, 'client is invalid');
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri) return logtoError('invalid_request', 400, 'missing required parameter(s) (redirect_uri)');
    const back = new URL(redirectUri);
    const fail = (error: string, description: string) => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      const state = query.get('state');
      if (state !== null) back.searchParams.set('state', state);
      back.searchParams.set('iss', issuer);
      return new Response(null, { status: 303, headers: { location: back.href } });
    };
    if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'unsupported response_type requested');
    const challenge = query.get('code_challenge');
    if (challenge !== null && query.get('code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'plain code_challenge_method fallback disabled, code_challenge_method must be provided');
    }
    const prompt = (query.get('prompt') ?? '').split(' ');
    const scopes = (query.get('scope') ?? '')
      .split(' ')
      .filter((value) => value && (value !== 'offline_access' || prompt.includes('consent')));
    const code = issueCode({
      redirectUri,
      codeChallenge: challenge ?? undefined,
      nonce: query.get('nonce') ?? undefined,
      scope: scopes.join(' '),
      resources: query.getAll('resource').flatMap((value) => value.split(',')),
    });
    back.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', issuer);
    return new Response(null, { status: 303, headers: { location: back.href } });
  };

  const handleUserinfo = (request: Request): Response => {
    const challenge = (description: string, status = 401, error = 'invalid_token') =>
      json(
        status,
        { code: `oidc.${error}`, message: errorMessages[error], error, error_description: description },
        { 'www-authenticate': `Bearer realm="${issuer}", error="${error}", error_description="${description}"` },
      );
    const token = /^Bearer (\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!token) return challenge('no access token provided', 400, 'invalid_request');
    if (token.split('.').length === 3) return challenge('token audience prevents accessing the userinfo endpoint');
    const entry = accessTokens.get(token);
    if (!entry || entry.grant.revoked || entry.expiresAt < now()) return challenge('invalid token provided');
    if (!entry.grant.scopes.includes('openid')) return challenge('access token missing openid scope', 403, 'insufficient_scope');
    return json(200, { sub: subject, ...profile, ...userinfoExtra });
  };

  const handleRevocation = (request: Request, form: URLSearchParams): Response => {
    if (request.method !== 'POST') return new Response(null, { status: 405 });
    const authError = authenticateClient(request, form);
    if (authError) return authError;
    const token = form.get('token') ?? '';
    if (token.split('.').length === 3) return logtoError('unsupported_token_type', 400, 'unsupported token type');
    const grant = refreshTokens.get(token)?.grant ?? accessTokens.get(token)?.grant;
    if (grant) grant.revoked = true;
    return new Response(null, { status: 200 });
  };

  const handleEndSession = (url: URL): Response => {
    const target = url.searchParams.get('post_logout_redirect_uri');
    if (url.searchParams.get('client_id') !== clientId || !target) {
      return new Response('<html><body>Signed out</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    }
    const back = new URL(target);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return new Response(null, { status: 303, headers: { location: back.href } });
  };

  const answer = async (route: MockRoute, request: Request, url: URL, form: URLSearchParams): Promise<Response> => {
    switch (route) {
      case 'discovery':
        return json(200, discoveryDocument);
      case 'jwks':
        return json(200, { keys: keys.map((key) => key.publicJwk) }, { 'cache-control': 'no-cache, max-age=0, must-revalidate' });
      case 'auth':
        return handleAuth(url);
      case 'token':
        return handleToken(request, form);
      case 'userinfo':
        return handleUserinfo(request);
      case 'revocation':
        return handleRevocation(request, form);
      case 'end_session':
        return handleEndSession(url);
      default:
        return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
  };

  const nextBehavior = (route: MockRoute): MockBehavior | undefined => {
    const queue = behaviors.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.behavior;
  };

  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const signal = init?.signal ?? request.signal;
    const url = new URL(request.url);
    if (url.host !== host) throw new TypeError('fetch failed', { cause: new Error(`getaddrinfo ENOTFOUND ${url.hostname}`) });
    if (signal?.aborted) throw signal.reason;
    const route = routeOf(url.pathname);
    calls[route] += 1;
    calls.total += 1;
    const form = request.method === 'POST' ? new URLSearchParams(await request.text()) : undefined;
    requests.push({ route, method: request.method, url, headers: request.headers, form });

    const behavior = nextBehavior(route);
    switch (behavior?.type) {
      case 'network_error':
        throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
      case 'hang':
        await abortable(signal);
        throw new Error('unreachable');
      case 'delay':
        await abortable(signal, behavior.ms);
        break;
      case 'respond': {
        const { body } = behavior;
        const isText = typeof body === 'string' || body === undefined || body === null;
        return new Response(isText ? (body ?? null) : JSON.stringify(body), {
          status: behavior.status,
          headers: { ...(isText ? {} : { 'content-type': 'application/json' }), ...behavior.headers },
        });
      }
      case 'oauth_error':
        return logtoError(behavior.error, behavior.status ?? 400, behavior.description);
      case 'handler':
        return behavior.handle(request);
      default:
        break;
    }
    return answer(route, request, url, form ?? new URLSearchParams());
  };

  return {
    endpoint,
    issuer,
    clientId,
    clientSecret,
    subject,
    fetch,
    discoveryDocument,
    keys,
    get currentKey() {
      const current = keys[0];
      if (!current) throw new Error('mock-idp has no key');
      return current;
    },
    calls,
    requests,
    jwks: () => ({ keys: keys.map((key) => key.publicJwk) }),
    signIdToken,
    signAccessToken,
    signLogoutToken,
    async rotateKey({ keepPrevious = false } = {}) {
      const key = await createKey(alg);
      if (!keepPrevious) keys.length = 0;
      keys.unshift(key);
      return key;
    },
    issueCode,
    async authorize(authorizationUrl) {
      const response = await fetch(authorizationUrl);
      const location = response.headers.get('location');
      if (!location) throw new Error(`mock-idp /oidc/auth answered ${response.status} without a redirect`);
      return new URL(location);
    },
    use(route, behavior, times = Infinity) {
      const queue = behaviors.get(route) ?? [];
      queue.push({ behavior, remaining: times });
      behaviors.set(route, queue);
    },
    reset(route) {
      if (route) behaviors.delete(route);
      else behaviors.clear();
    },
    isRefreshTokenActive(token) {
      const entry = refreshTokens.get(token);
      return Boolean(entry && !entry.consumed && !entry.grant.revoked);
    },
    revokeAll() {
      for (const grant of grants) grant.revoked = true;
    },
  };
}
