'use server';

import { cookies } from 'next/headers';
import { isLanguage, LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE } from './language';

/**
 * The language switch's form action: remembers `lang` (en or ja, nothing else) in the `lang`
 * cookie. Setting a cookie in a server action makes Next render the current page again, so the
 * page the user is on comes back in the new language, with no redirect and no return URL to trust.
 */
export async function switchLanguage(formData: FormData): Promise<void> {
  const language = formData.get('lang');
  if (!isLanguage(language)) return;
  (await cookies()).set(LANGUAGE_COOKIE, language, {
    path: '/',
    sameSite: 'lax',
    maxAge: LANGUAGE_COOKIE_MAX_AGE,
    httpOnly: true,
  });
}
