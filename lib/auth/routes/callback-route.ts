import type { NextRequest } from 'next/server';
import { validateCallback } from '../../logto/callback.js';
import { LogtoError } from '../../logto/errors.js';
import { checkAuthTime, verifyIdToken } from '../../logto/id-token.js';
import { codeGrantRequest, processTokenResponse } from '../../logto/token.js';
import type { CookieWrite } from '../cookies/cookie-store.js';
import { writeSessionCookie } from '../cookies/session-cookie.js';
import { createSession } from '../cookies/session-data.js';
import { clearTransaction, readTransaction } from '../cookies/transaction.js';
import type { LogtoContext } from '../context.js';
import { discover, requestOptions } from '../logto-client.js';
import { resolveBaseUrl } from './base-url.js';
import { authErrorResponse, cookieSettings, redirect } from './route-responses.js';

/**
 * `GET` callback: checks the attempt (state, `iss`), exchanges the code, verifies
 * the ID token (signature, iss, aud, exp, iat, nonce), writes the session and returns the user
 * to where they started. The attempt's cookie is deleted whatever the outcome.
 */
export async function handleCallback(context: LogtoContext, request: NextRequest): Promise<Response> {
  const state = request.nextUrl.searchParams.get('state');
  let writes: CookieWrite[] = [];
  let returnTo: string | undefined;
  try {
    const config = context.config();
    const baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
    const settings = cookieSettings(config, baseUrl);
    if (!state) throw new LogtoError('callback.state_missing');
    const transaction = await readTransaction(request.cookies, state, settings);
    writes = [clearTransaction(state, settings.secure)];
    if (!transaction) throw new LogtoError('transaction.missing');
    returnTo = transaction.returnTo;

    const discovery = await discover(config);
    const { code } = validateCallback(request.nextUrl, {
      state: transaction.state,
      issuer: discovery.issuer,
      requireIss: discovery.authorization_response_iss_parameter_supported,
    });
    const requestedAt = Math.floor(Date.now() / 1000);
    const response = await codeGrantRequest(
      discovery,
      {
        clientId: config.appId,
        clientSecret: config.appSecret,
        code,
        codeVerifier: transaction.codeVerifier,
        redirectUri: transaction.redirectUri,
      },
      requestOptions(),
    );
    const tokens = await processTokenResponse(response, { requestedAt });
    if (!tokens.idToken) throw new LogtoError('id_token.missing');
    const claims = await verifyIdToken(tokens.idToken, {
      discovery,
      clientId: config.appId,
      fetch: requestOptions().fetch,
      nonce: transaction.nonce,
    });
    checkAuthTime(claims, {
      maxAge: transaction.maxAge,
      notBefore: transaction.reauthenticate ? transaction.createdAt : undefined,
      now: Math.floor(Date.now() / 1000),
    });
    const session = await writeSessionCookie(request.cookies, createSession(claims, tokens, requestedAt, transaction.resources), settings);
    return redirect(new URL(transaction.returnTo, baseUrl), [...writes, ...session.writes]);
  } catch (error) {
    return authErrorResponse(context, request, error, { returnTo, writes });
  }
}
