// No 'server-only' here: middleware.ts imports the factory too, and `next/headers` already
// fails the build of any client component that would import it.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { resolveBaseUrl } from './base-url.js';
import type { LogtoContext } from '../context.js';
import { applyCookieWrites } from '../cookies/cookie-store.js';
import { checkSignInOptions } from './check-sign-in-options.js';
import { startSignIn } from './sign-in.js';
import type { SignInOptions } from './sign-in-options.js';

/**
 * `signIn(options)` for server actions: starts a sign-in with per-call options (step-up with `prompt: 'login'`,
 * `maxAge`, `uiLocales`, `organizationId`, extra scopes or resources, …), writing the attempt's
 * cookie and redirecting the browser to Logto. Options are checked exactly as they will be sent
 * (each list entry on its own); an invalid or unknown one throws a `TypeError` naming it (a
 * programming error, not user input). The origin is `LOGTO_BASE_URL` when set; only on Vercel is
 * it read from the request's headers (see `resolveBaseUrl`).
 * @see ./check-sign-in-options.ts
 */
export function createSignInAction(context: LogtoContext) {
  return async function signIn(options: SignInOptions = {}): Promise<never> {
    const problems = checkSignInOptions(options);
    if (problems.length > 0) {
      throw new TypeError(`signIn(): ${problems.map((problem) => `"${problem.parameter}" ${problem.reason}`).join('; ')}`);
    }
    const config = context.config();
    const store = await cookies();
    const requestHeaders = await headers();
    const baseUrl = resolveBaseUrl(config, undefined, requestHeaders);
    const { authorizationUrl, writes } = await startSignIn(context, baseUrl, store, requestHeaders, options);
    applyCookieWrites(store, writes);
    redirect(authorizationUrl.href);
  };
}
