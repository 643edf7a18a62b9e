import { encode as base64url } from 'jose/base64url';

import { withOrganizationResource, withReservedScopes } from './scopes.js';
import type { DiscoveryDocument } from './types.js';

/**
 * Logto's `first_screen` values (the deprecated `signIn` is left out on purpose).
 * @see https://docs.logto.io/end-user-flows/authentication-parameters/first-screen
 */
export type FirstScreen =
  | 'sign_in'
  | 'register'
  | 'reset_password'
  | 'identifier:sign_in'
  | 'identifier:register'
  | 'single_sign_on';

/**
 * Logto's `identifier` values: which identifiers an `identifier:sign_in`, `identifier:register`
 * or `reset_password` first screen accepts.
 * @see https://docs.logto.io/end-user-flows/authentication-parameters/first-screen
 */
export type Identifier = 'email' | 'phone' | 'username';

/**
 * Logto's `direct_sign_in`: a social connector by target, or an SSO connector by id.
 * @see https://docs.logto.io/end-user-flows/authentication-parameters/direct-sign-in
 */
export interface DirectSignIn {
  method: 'social' | 'sso';
  /** The social connector's target (`gitlab`, `feishu`, …, not its id), or the SSO connector's id. */
  target: string;
}

/**
 * Everything the authorization request carries.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
 * @see https://docs.logto.io/end-user-flows/authentication-parameters
 */
export interface AuthorizationParams {
  clientId: string;
  /** Must equal a redirect URI registered on the Logto app, and be repeated at the code exchange. */
  redirectUri: string;
  /** Random per attempt (see `randomToken`); the callback must bring it back. */
  state: string;
  /** Random per attempt; the ID token must carry it. */
  nonce: string;
  /** `base64url(SHA-256(verifier))`; the method is always S256. */
  codeChallenge: string;
  /** Requested scopes; `openid offline_access profile` are always added in front. */
  scopes: readonly string[];
  /** API resource indicators; one `resource=` each. */
  resources: readonly string[];
  /** Space-separated `none`, `login`, `consent`. Default `consent` (needed for a refresh token). */
  prompt?: string;
  /** Logto's `first_screen`: the screen the sign-in experience opens on. */
  firstScreen?: FirstScreen;
  /** Logto's `identifier`: the identifiers an `identifier:*` or `reset_password` first screen accepts. */
  identifiers?: readonly Identifier[];
  /** Logto's `direct_sign_in`: skip the sign-in page for this connector. */
  directSignIn?: DirectSignIn;
  /** OIDC `login_hint`: prefills the identifier on Logto's sign-in page. */
  loginHint?: string;
  /** More parameters, e.g. `ui_locales` or `organization_id`. Cannot replace the ones above. */
  extraParams?: Readonly<Record<string, string>>;
}

const firstScreens: ReadonlySet<string> = new Set<FirstScreen>([
  'sign_in',
  'register',
  'reset_password',
  'identifier:sign_in',
  'identifier:register',
  'single_sign_on',
]);
const identifiers: ReadonlySet<string> = new Set<Identifier>(['email', 'phone', 'username']);
const prompts: ReadonlySet<string> = new Set(['none', 'login', 'consent']);
const managedParams: ReadonlySet<string> = new Set([
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'nonce',
  'response_type',
  'prompt',
  'scope',
  'resource',
  'login_hint',
  'direct_sign_in',
  'first_screen',
  'interaction_mode',
  'identifier',
]);

/**
 * A random token of `byteLength` bytes from `crypto.getRandomValues`, base64url without padding.
 * Used for `state` and `nonce`.
 *
 * @throws {TypeError} When `byteLength` is not an integer from 16 to 1024.
 * @see RFC 6749 section 10.10, OpenID Connect Core 1.0 section 15.5.2
 */
export function randomToken(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < 16 || byteLength > 1024) {
    throw new TypeError('"byteLength" must be an integer from 16 to 1024');
  }
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/**
 * The S256 code challenge of a PKCE verifier: `base64url(SHA-256(ASCII(verifier)))`.
 *
 * @throws {TypeError} When `verifier` is not 43–128 unreserved characters.
 * @see RFC 7636 section 4.2
 */
export async function calculatePkceChallenge(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new TypeError('"verifier" must be 43-128 unreserved characters');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * A new PKCE pair: a verifier of 64 random bytes in base64url (86 characters, as the Logto SDK
 * makes it) and its S256 challenge.
 *
 * @see RFC 7636 sections 4.1 and 4.2, docs/logto-protocol.md#authorization-request
 */
export async function createPkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(64);
  return { verifier, challenge: await calculatePkceChallenge(verifier) };
}

/**
 * Reads a `first_screen` value, e.g. from a query string.
 *
 * @returns The value, or `undefined` when Logto would not accept it.
 * @see docs/logto-protocol.md#authorization-request
 */
export function parseFirstScreen(value: string): FirstScreen | undefined {
  return firstScreens.has(value) ? (value as FirstScreen) : undefined;
}

/**
 * Reads a `direct_sign_in` value `social:<target>` or `sso:<connectorId>`.
 *
 * @returns The parsed value, or `undefined` when it is malformed.
 * @see docs/logto-protocol.md#authorization-request
 */
export function parseDirectSignIn(value: string): DirectSignIn | undefined {
  const separator = value.indexOf(':');
  if (separator < 0) return undefined;
  const method = value.slice(0, separator);
  const target = value.slice(separator + 1);
  if ((method !== 'social' && method !== 'sso') || !/^[^\s:/?#]+$/.test(target)) return undefined;
  return { method, target };
}

/**
 * Reads an `identifier` list: `email`, `phone`, `username`, separated by spaces or commas.
 *
 * @returns The de-duplicated list, or `undefined` when it is empty or has an unknown entry.
 * @see docs/logto-protocol.md#authorization-request
 */
export function parseIdentifiers(value: string): Identifier[] | undefined {
  const entries = value.split(/[\s,]+/).filter((entry) => entry.length > 0);
  if (entries.length === 0 || !entries.every((entry) => identifiers.has(entry))) return undefined;
  return [...new Set(entries as Identifier[])];
}

const requireNonEmpty = (value: string, field: string) => {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`"${field}" must be a non-empty string`);
};

const validatePrompt = (prompt: string): string => {
  const values = prompt.split(' ');
  if (values.some((value) => !prompts.has(value)) || (values.includes('none') && values.length > 1)) {
    throw new TypeError('"prompt" must be "none", or a space-separated list of "login" and "consent"');
  }
  return prompt;
};

const validateResource = (resource: string): string => {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new TypeError(`"resources" must be absolute URIs; got "${resource}"`);
  }
  if (url.hash) throw new TypeError(`"resources" must not have a fragment; got "${resource}"`);
  return resource;
};

/**
 * Builds the authorization request URL the browser is sent to, in the Logto SDK's parameter
 * order: PKCE S256, `state`, `nonce`, `response_type=code`, `prompt` (default `consent`), the
 * scopes with the reserved ones in front, one `resource` per resource (plus the organizations
 * resource when the organizations scope is requested), and Logto's `first_screen`, `identifier`, `direct_sign_in`, `login_hint`. Logto ignores
 * every extra parameter when one of them is invalid, so invalid values throw here instead.
 *
 * @throws {TypeError} On an empty required value, an invalid `prompt`, `firstScreen`,
 *   `identifiers` or `directSignIn`, a resource that is not an absolute URI, or
 *   an `extraParams` key that would replace a parameter set here.
 * @see RFC 6749 section 4.1.1, RFC 7636 section 4.3, RFC 8707 section 2, docs/logto-protocol.md#authorization-request
 */
export function buildAuthorizationUrl(discovery: DiscoveryDocument, params: AuthorizationParams): URL {
  requireNonEmpty(params.clientId, 'clientId');
  requireNonEmpty(params.redirectUri, 'redirectUri');
  requireNonEmpty(params.state, 'state');
  requireNonEmpty(params.nonce, 'nonce');
  requireNonEmpty(params.codeChallenge, 'codeChallenge');

  const url = new URL(discovery.authorization_endpoint);
  const query = url.searchParams;
  query.set('client_id', params.clientId);
  query.set('redirect_uri', params.redirectUri);
  query.set('code_challenge', params.codeChallenge);
  query.set('code_challenge_method', 'S256');
  query.set('state', params.state);
  query.set('nonce', params.nonce);
  query.set('response_type', 'code');
  query.set('prompt', validatePrompt(params.prompt ?? 'consent'));
  query.set('scope', withReservedScopes(params.scopes).join(' '));
  if (params.loginHint) query.set('login_hint', params.loginHint);
  if (params.directSignIn) {
    const value = `${params.directSignIn.method}:${params.directSignIn.target}`;
    if (!parseDirectSignIn(value)) throw new TypeError('"directSignIn" must be { method: "social" | "sso", target }');
    query.set('direct_sign_in', value);
  }
  for (const resource of withOrganizationResource(params.scopes, params.resources)) {
    query.append('resource', validateResource(resource));
  }
  if (params.firstScreen !== undefined) {
    if (!parseFirstScreen(params.firstScreen)) throw new TypeError(`"firstScreen" is not a Logto first screen`);
    query.set('first_screen', params.firstScreen);
  }
  if (params.identifiers !== undefined) {
    if (params.identifiers.length === 0 || !params.identifiers.every((value) => identifiers.has(value))) {
      throw new TypeError('"identifiers" must be a non-empty list of "email", "phone", "username"');
    }
    query.set('identifier', [...new Set(params.identifiers)].join(' '));
  }
  for (const [key, value] of Object.entries(params.extraParams ?? {})) {
    if (managedParams.has(key)) {
      throw new TypeError(`"extraParams.${key}" would replace a parameter set from its own option`);
    }
    query.set(key, value);
  }
  return url;
}
