import { buildAuthorizationUrl, createPkcePair, randomToken, type FirstScreen } from '../../logto/authorization.js';
import { toSafeReturnTo } from '../../safe-redirect.js';
import type { LogtoContext } from '../context.js';
import { isSecureOrigin, type CookieReader, type CookieWrite } from '../cookies/cookie-store.js';
import { discover } from '../logto-client.js';
import { isLanguageTag, type SignInOptions } from './sign-in-options.js';
import { writeTransaction } from '../cookies/transaction.js';

/**
 * Starts an authorization-code flow with PKCE S256, state and nonce, kept in a per-attempt
 * transaction cookie, for a route handler or a server action: returns Logto's authorization URL
 * and the cookies to write. `prompt=login` is sent as `login consent` (Logto issues a refresh
 * token only with consent); `max_age` and `prompt=login` are remembered so the callback can check
 * the ID token's `auth_time`.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
 */
export async function startSignIn(
  context: LogtoContext,
  baseUrl: string,
  reader: CookieReader,
  requestHeaders: Headers,
  options: SignInOptions,
  defaults: { firstScreen?: FirstScreen } = {},
): Promise<{ authorizationUrl: URL; writes: CookieWrite[] }> {
  const config = context.config();
  const returnTo = toSafeReturnTo(options.returnTo ?? null, baseUrl, context.paths.defaultReturnTo);
  const uiLocales = options.uiLocales?.length
    ? options.uiLocales
    : context.uiLocales?.({ headers: requestHeaders, cookies: reader })?.filter(isLanguageTag).slice(0, 10);
  const discovery = await discover(config);
  const state = randomToken();
  const nonce = randomToken();
  const pkce = await createPkcePair();
  const redirectUri = `${baseUrl}${context.paths.callback}`;
  const extraParams: Record<string, string> = {};
  if (options.maxAge !== undefined) extraParams.max_age = String(options.maxAge);
  if (uiLocales?.length) extraParams.ui_locales = uiLocales.join(' ');
  if (options.organizationId) extraParams.organization_id = options.organizationId;
  const signInResources = [...new Set(options.resources ?? [])].filter((resource) => !config.resources.includes(resource));
  const authorizationUrl = buildAuthorizationUrl(discovery, {
    clientId: config.appId,
    redirectUri,
    state,
    nonce,
    codeChallenge: pkce.challenge,
    scopes: [...new Set([...config.scopes, ...(options.scopes ?? [])])],
    resources: [...new Set([...config.authorizationResources, ...(options.resources ?? [])])],
    prompt: options.prompt === 'login' ? 'login consent' : 'consent',
    firstScreen: options.firstScreen ?? defaults.firstScreen,
    identifiers: options.identifiers,
    directSignIn: options.directSignIn,
    loginHint: options.loginHint,
    extraParams,
  });
  const createdAt = Math.floor(Date.now() / 1000);
  const writes = await writeTransaction(
    reader,
    {
      state,
      nonce,
      codeVerifier: pkce.verifier,
      redirectUri,
      returnTo,
      createdAt,
      ...(options.prompt === 'login' ? { reauthenticate: true } : {}),
      ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
      ...(signInResources.length > 0 ? { resources: signInResources } : {}),
    },
    { secrets: config.cookieSecrets, secure: isSecureOrigin(baseUrl) },
  );
  return { authorizationUrl, writes };
}
