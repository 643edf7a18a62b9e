import type { NextRequest } from 'next/server';
import type { FirstScreen } from '../../logto/authorization.js';
import type { LogtoContext } from '../context.js';
import { logAuthEvent } from '../log.js';
import { isPrefetch } from '../middleware/request-kind.js';
import { errorPageUrl } from '../paths.js';
import { resolveBaseUrl } from './base-url.js';
import { authErrorResponse, NO_STORE, redirect, redirectInApp } from './route-responses.js';
import { startSignIn } from './sign-in.js';
import { parseSignInQuery } from './sign-in-options.js';

/**
 * `GET` sign-in (and sign-up): starts an authorization-code flow (see
 * `startSignIn`). Every query parameter is a checked sign-in option (`returnTo`, `prompt=login`,
 * `max_age`, `ui_locales`, `organization_id`, `scope`, `resource`, `login_hint`, `first_screen`,
 * `identifier`, `direct_sign_in`); an unknown or malformed one ends on the error page naming it,
 * and nothing is sent to Logto. Prefetches mint nothing.
 */
export async function handleSignIn(
  context: LogtoContext,
  request: NextRequest,
  defaults: { firstScreen?: FirstScreen } = {},
): Promise<Response> {
  if (isPrefetch(request.headers)) return new Response(null, { status: 204, headers: NO_STORE });
  // Parsing is inside the boundary too: whatever a query holds ends on the error page, never a 500.
  try {
    const { options, problems } = parseSignInQuery(request.nextUrl.searchParams);
    if (problems.length > 0) {
      logAuthEvent('warn', 'sign-in refused a parameter', undefined, { parameters: problems.map((problem) => problem.parameter).join(',') });
      const query = new URLSearchParams(problems.map((problem) => ['parameter', problem.parameter]));
      return redirectInApp(context, request, `${errorPageUrl(context.paths, 'sign_in.invalid_parameter')}&${query}`);
    }
    const config = context.config();
    const baseUrl = resolveBaseUrl(config, request.nextUrl, request.headers);
    const { authorizationUrl, writes } = await startSignIn(context, baseUrl, request.cookies, request.headers, options, defaults);
    return redirect(authorizationUrl, writes, 302);
  } catch (error) {
    return authErrorResponse(context, request, error);
  }
}
