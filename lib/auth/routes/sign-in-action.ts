// No 'server-only' here: middleware.ts imports the factory too, and `next/headers` already
// fails the build of any client component that would import it.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { resolveBaseUrl } from './base-url';
import type { LogtoContext } from '../context';
import { applyCookieWrites } from '../cookies/cookie-store';
import { startSignIn } from './sign-in';
import { parseSignInQuery, signInQuery, type SignInOptions } from './sign-in-options';

/**
 * `signIn(options)` for server actions: starts a sign-in with per-call options (step-up with `prompt: 'login'`,
 * `maxAge`, `uiLocales`, `organizationId`, extra scopes or resources, …), writing the attempt's
 * cookie and redirecting the browser to Logto. Options are checked as the sign-in route checks
 * its query; an invalid one throws a `TypeError` naming it (a programming error, not user input).
 * @see ./sign-in-options.ts
 */
export function createSignInAction(context: LogtoContext) {
  return async function signIn(options: SignInOptions = {}): Promise<never> {
    const { problems } = parseSignInQuery(signInQuery(options));
    if (problems.length > 0) {
      throw new TypeError(`signIn(): ${problems.map((problem) => `"${problem.parameter}" ${problem.reason}`).join('; ')}`);
    }
    const config = context.config();
    const store = await cookies();
    const requestHeaders = await headers();
    const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host') ?? 'localhost';
    const baseUrl = resolveBaseUrl(config, new URL(`https://${host}`), requestHeaders);
    const { authorizationUrl, writes } = await startSignIn(context, baseUrl, store, requestHeaders, options);
    applyCookieWrites(store, writes);
    redirect(authorizationUrl.href);
  };
}
