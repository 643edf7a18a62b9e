import { NextResponse, type NextRequest } from 'next/server';
import type { LogtoContext } from '../context.js';
import { handleBackchannelLogout } from './backchannel-logout-route.js';
import { handleCallback } from './callback-route.js';
import { NO_STORE } from './route-responses.js';
import { handleSignIn } from './sign-in-route.js';
import { handleSignOut } from './sign-out-route.js';
import { handleUser } from './user-route.js';

/** The library's route handlers, bound to one configuration. */
export interface LogtoRouteHandlers {
  /**
   * `GET` on `paths.signIn`: checks the query's sign-in options, writes the attempt's cookie and
   * redirects to Logto's authorization endpoint (authorization code + PKCE).
   * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
   */
  signIn(request: NextRequest): Promise<Response>;
  /** `GET` on `paths.signUp`: a sign-in that opens on Logto's registration screen. */
  signUp(request: NextRequest): Promise<Response>;
  /**
   * `GET` on `paths.callback`: checks `state` and `iss`, exchanges the code, verifies the ID
   * token, writes the session and redirects to the attempt's `returnTo`; any failure redirects to
   * the error page.
   * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
   * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.4
   */
  callback(request: NextRequest): Promise<Response>;
  /**
   * `POST` on `paths.signOut` (same-origin only): revokes the refresh token, clears every cookie,
   * then redirects to Logto's end-session endpoint.
   * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
   * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
   * @see https://docs.logto.io/end-user-flows/sign-out
   */
  signOut(request: NextRequest): Promise<Response>;
  /** `GET` on `paths.user`: `{ isAuthenticated, status, claims }` as JSON, for client components. */
  user(request: NextRequest): Promise<Response>;
  /**
   * `POST` on `paths.backchannelLogout`, from Logto's servers: a logout token ends the session it
   * names on every reader (200), a bad one answers 400 `invalid_request`, an unrecordable one 501.
   * @see https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRequest
   */
  backchannelLogout(request: NextRequest): Promise<Response>;
  /**
   * All `GET` routes in one, chosen by the request's path: export it from a catch-all route file
   * such as `app/api/logto/[action]/route.ts`. Any other path answers 404.
   */
  GET(request: NextRequest): Promise<Response>;
  /** All `POST` routes in one (sign-out, back-channel logout). */
  POST(request: NextRequest): Promise<Response>;
}

const notFound = () => NextResponse.json({ error: 'not_found' }, { status: 404, headers: NO_STORE });
const methodNotAllowed = (allow: string) =>
  NextResponse.json({ error: 'method_not_allowed' }, { status: 405, headers: { ...NO_STORE, allow } });

/** The route handlers for `context`, one per route and a `GET`/`POST` pair for a catch-all route. */
export function createRouteHandlers(context: LogtoContext): LogtoRouteHandlers {
  const { paths } = context;
  const signIn = (request: NextRequest) => handleSignIn(context, request);
  const signUp = (request: NextRequest) => handleSignIn(context, request, { firstScreen: 'register' });
  const callback = (request: NextRequest) => handleCallback(context, request);
  const signOut = (request: NextRequest) => handleSignOut(context, request);
  const user = (request: NextRequest) => handleUser(context, request);
  const backchannelLogout = (request: NextRequest) => handleBackchannelLogout(context, request);
  const pathOf = (request: NextRequest) => request.nextUrl.pathname.replace(/(.)\/+$/, '$1');
  return {
    signIn,
    signUp,
    callback,
    signOut,
    user,
    backchannelLogout,
    async GET(request) {
      switch (pathOf(request)) {
        case paths.signIn:
          return signIn(request);
        case paths.signUp:
          return signUp(request);
        case paths.callback:
          return callback(request);
        case paths.user:
          return user(request);
        case paths.signOut:
        case paths.backchannelLogout:
          return methodNotAllowed('POST');
        default:
          return notFound();
      }
    },
    async POST(request) {
      if (pathOf(request) === paths.signOut) return signOut(request);
      if (pathOf(request) === paths.backchannelLogout) return backchannelLogout(request);
      return [paths.signIn, paths.signUp, paths.callback, paths.user].includes(pathOf(request)) ? methodNotAllowed('GET') : notFound();
    },
  };
}
