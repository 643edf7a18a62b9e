import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { dictionaryFor } from './dictionaries';
import type { Dictionary } from './en';
import { LANGUAGE_COOKIE, negotiateLanguage, type Language } from './language';

/** The language of this request (the `lang` cookie, else Accept-Language, else English), once per render. */
export const getLanguage = cache(async (): Promise<Language> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLanguage(cookieStore.get(LANGUAGE_COOKIE)?.value, headerList.get('accept-language'));
});

export interface I18n {
  language: Language;
  t: Dictionary;
}

/** The request's language and its dictionary, for server components. */
export async function getI18n(): Promise<I18n> {
  const language = await getLanguage();
  return { language, t: dictionaryFor(language) };
}
