/**
 * Which language a sign-in experience page is shown in, as Logto chooses it: the authorization
 * request's `ui_locales` (space-separated, most preferred first; the first supported one wins;
 * oidc-provider keeps it on the interaction), else the browser's Accept-Language, else English.
 * A tag matches by its primary language (`ja-JP` is Japanese).
 */

export type UiLanguage = 'en' | 'ja';

const DEFAULT_LANGUAGE: UiLanguage = 'en';

function languageOfTag(tag: string): UiLanguage | undefined {
  const primary = tag.trim().split('-', 1)[0]?.toLowerCase();
  return primary === 'en' || primary === 'ja' ? primary : undefined;
}

/** The first supported language of a `ui_locales` value, e.g. `fr ja en` → ja. */
export function languageFromUiLocales(uiLocales: unknown): UiLanguage | undefined {
  if (typeof uiLocales !== 'string') return undefined;
  for (const tag of uiLocales.split(' ')) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return undefined;
}

/** The most preferred supported language of an Accept-Language header (q-values honoured, `q=0` refused). */
export function languageFromAcceptLanguage(header: string | undefined): UiLanguage | undefined {
  if (!header) return undefined;
  let best: { language: UiLanguage; quality: number } | undefined;
  for (const entry of header.slice(0, 4096).split(',')) {
    const [tag = '', ...parameters] = entry.split(';');
    const language = languageOfTag(tag);
    if (!language) continue;
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => /^q=/i.test(parameter));
    const quality = q === undefined ? 1 : /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i.test(q) ? Number(q.slice(2)) : 0;
    // Ties keep the earlier entry.
    if (quality > 0 && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language;
}

export function chooseLanguage(uiLocales: unknown, acceptLanguage: string | undefined): UiLanguage {
  return languageFromUiLocales(uiLocales) ?? languageFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}
