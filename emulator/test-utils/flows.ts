/** Helpers that drive the emulator over HTTP the way a relying party and a browser would. */
import { createHash, randomBytes } from 'node:crypto';

import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyResult } from 'jose';

import { generateSigningKey } from '../keys';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';
import { Browser, type BrowserResponse } from './browser';

export const APP_REDIRECT_URI = 'http://localhost:3000/api/logto/callback';
export const APP_POST_LOGOUT_URI = 'http://localhost:3000/';
export const DEMO_PASSWORD = 'Demo-Passw0rd';

const signingKey = generateSigningKey();

export function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, signingKey, log: () => {}, ...options });
}

export function newBrowser(emulator: RunningEmulator): Browser {
  const origin = new URL(emulator.url).origin;
  return new Browser((url) => (url.startsWith(origin) ? `${emulator.internalUrl}${url.slice(origin.length)}` : url));
}

export function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/** A seeded client's credentials; `emulator.app` (the demo app) unless a test names another. */
export interface TestClient {
  clientId: string;
  clientSecret: string;
}

export interface AuthorizationOptions {
  /** Defaults to the demo app. */
  clientId?: string;
  scope?: string;
  resources?: string[];
  prompt?: string | null;
  redirectUri?: string;
  nonce?: string | null;
  pkce?: boolean;
  extra?: Record<string, string>;
}

/** Builds `/oidc/auth` like the Logto SDK (PKCE S256, state, prompt=consent) plus a nonce. */
export function authorizationRequest(emulator: RunningEmulator, options: AuthorizationOptions = {}): AuthorizationRequest {
  const state = base64url(randomBytes(16));
  const nonce = options.nonce === null ? '' : (options.nonce ?? base64url(randomBytes(16)));
  const codeVerifier = base64url(randomBytes(48));
  const redirectUri = options.redirectUri ?? APP_REDIRECT_URI;
  const url = new URL(`${emulator.issuer}/auth`);
  url.searchParams.set('client_id', options.clientId ?? emulator.app.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  if (options.pkce !== false) {
    url.searchParams.set('code_challenge', base64url(createHash('sha256').update(codeVerifier).digest()));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  url.searchParams.set('state', state);
  url.searchParams.set('response_type', 'code');
  if (options.prompt !== null) url.searchParams.set('prompt', options.prompt ?? 'consent');
  url.searchParams.set('scope', options.scope ?? 'openid offline_access profile');
  if (nonce) url.searchParams.set('nonce', nonce);
  for (const resource of options.resources ?? []) url.searchParams.append('resource', resource);
  for (const [key, value] of Object.entries(options.extra ?? {})) url.searchParams.set(key, value);
  return { url: url.href, state, nonce, codeVerifier, redirectUri };
}

/** Starts an authorization request and follows redirects to the first emulator page. */
export async function openSignIn(emulator: RunningEmulator, browser: Browser, request: AuthorizationRequest): Promise<BrowserResponse> {
  return browser.follow(await browser.get(request.url), new URL(emulator.url).origin);
}

export interface CallbackResult {
  callback: URL;
  code: string;
}

/** Follows a response to the app's callback and returns its query. */
export async function reachCallback(emulator: RunningEmulator, browser: Browser, response: BrowserResponse): Promise<URL> {
  const final = await browser.follow(response, new URL(emulator.url).origin);
  if (!final.location) {
    throw new Error(`expected a redirect to the app, got HTTP ${final.status} at ${final.url}:\n${final.body.slice(0, 1500)}`);
  }
  return new URL(final.location);
}

export async function signInWithPassword(
  emulator: RunningEmulator,
  browser: Browser,
  username: string,
  options: AuthorizationOptions = {},
): Promise<{ request: AuthorizationRequest; callback: URL; code: string }> {
  const request = authorizationRequest(emulator, options);
  const page = await openSignIn(emulator, browser, request);
  const submitted = await browser.submit(page, 'Sign in', { username, password: DEMO_PASSWORD });
  const callback = await reachCallback(emulator, browser, submitted);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in ${callback.href}`);
  return { request, callback, code };
}

export function basicAuth(emulator: RunningEmulator, client: TestClient = emulator.app): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
}

export async function tokenRequest(
  emulator: RunningEmulator,
  params: Record<string, string>,
  auth: 'basic' | 'post' = 'basic',
  client: TestClient = emulator.app,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new URLSearchParams(params);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (auth === 'basic') {
    headers.authorization = basicAuth(emulator, client);
  } else {
    form.set('client_id', client.clientId);
    form.set('client_secret', client.clientSecret);
  }
  const response = await fetch(`${emulator.internalUrl}/oidc/token`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

export async function exchangeCode(
  emulator: RunningEmulator,
  code: string,
  request: AuthorizationRequest,
  auth: 'basic' | 'post' = 'basic',
  client: TestClient = emulator.app,
): Promise<TokenSet> {
  const { status, body } = await tokenRequest(
    emulator,
    { grant_type: 'authorization_code', code, redirect_uri: request.redirectUri, code_verifier: request.codeVerifier },
    auth,
    client,
  );
  if (status !== 200) throw new Error(`code exchange failed: ${status} ${JSON.stringify(body)}`);
  return body as unknown as TokenSet;
}

/** Signs in with a password and exchanges the code: the usual starting point for token tests. */
export async function signedInTokens(
  emulator: RunningEmulator,
  username: string,
  options: AuthorizationOptions = {},
): Promise<{ tokens: TokenSet; request: AuthorizationRequest; browser: Browser }> {
  const browser = newBrowser(emulator);
  const { code, request } = await signInWithPassword(emulator, browser, username, options);
  return { tokens: await exchangeCode(emulator, code, request), request, browser };
}

export async function refresh(
  emulator: RunningEmulator,
  refreshToken: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });
}

const jwksCache = new WeakMap<RunningEmulator, ReturnType<typeof createLocalJWKSet>>();

async function jwks(emulator: RunningEmulator) {
  let keySet = jwksCache.get(emulator);
  if (!keySet) {
    const response = await fetch(`${emulator.internalUrl}/oidc/jwks`);
    keySet = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    jwksCache.set(emulator, keySet);
  }
  return keySet;
}

/** Verifies an ID token like a strict RP: ES384 only, issuer, audience, expiry, nonce. */
export async function verifyIdToken(
  emulator: RunningEmulator,
  idToken: string,
  nonce?: string,
): Promise<JWTVerifyResult<JWTPayload & Record<string, unknown>>> {
  const result = await jwtVerify<Record<string, unknown>>(idToken, await jwks(emulator), {
    algorithms: ['ES384'],
    issuer: emulator.issuer,
    audience: emulator.app.clientId,
    requiredClaims: ['iat', 'exp', 'sub'],
  });
  if (nonce !== undefined && result.payload.nonce !== nonce) {
    throw new Error(`nonce mismatch: ${String(result.payload.nonce)} !== ${nonce}`);
  }
  return result;
}

/** Verifies a JWT access token like an API would: ES384, `typ: at+jwt`, issuer, audience. */
export async function verifyAccessToken(
  emulator: RunningEmulator,
  token: string,
  audience: string,
): Promise<JWTVerifyResult<JWTPayload & Record<string, unknown>>> {
  return jwtVerify<Record<string, unknown>>(token, await jwks(emulator), {
    algorithms: ['ES384'],
    issuer: emulator.issuer,
    audience,
    typ: 'at+jwt',
  });
}

export async function userinfo(emulator: RunningEmulator, accessToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.internalUrl}/oidc/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
