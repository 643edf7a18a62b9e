/**
 * The demo's languages and how one is chosen for a request: the `lang` cookie when it names one,
 * else the browser's Accept-Language, else English. Pure and Edge-safe (Web APIs only), so the
 * middleware and route handlers can use it as well as server components.
 */

export type Language = 'en' | 'ja';

export const DEFAULT_LANGUAGE: Language = 'en';

/** The cookie the language switch writes: `Path=/; SameSite=Lax`, kept for a year. */
export const LANGUAGE_COOKIE = 'lang';
export const LANGUAGE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** The locale dates and times are formatted in, per language. */
export const INTL_LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', ja: 'ja-JP' };

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ja';
}

/** `ja`, `ja-JP`, `JA-jp` → ja; `en-GB` → en; `jav`, `fr`, `*` → undefined. */
export function languageOfTag(tag: string): Language | undefined {
  const primary = tag.trim().split('-', 1)[0]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}

// A header longer than any browser sends is read no further; nothing in it can then be slow.
const MAX_HEADER_LENGTH = 4096;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

interface Weighted {
  language: Language;
  quality: number;
  position: number;
}

/**
 * The languages of an Accept-Language header (RFC 9110, section 12.5.4) this app supports, most
 * preferred first: ordered by q-value, then by position. `q=0` means "not acceptable"; an entry
 * with a malformed q-value is ignored.
 */
export function acceptedLanguages(header: string | null | undefined): Language[] {
  if (!header) return [];
  const entries: Weighted[] = [];
  header
    .slice(0, MAX_HEADER_LENGTH)
    .split(',')
    .forEach((entry, position) => {
      const [tag = '', ...parameters] = entry.split(';');
      const language = languageOfTag(tag);
      if (!language) return;
      let quality = 1;
      for (const parameter of parameters) {
        const trimmed = parameter.trim();
        if (!/^q=/i.test(trimmed)) continue;
        const match = QUALITY.exec(trimmed);
        quality = match?.[1] ? Number(match[1]) : Number.NaN;
      }
      if (quality > 0) entries.push({ language, quality, position });
    });
  entries.sort((a, b) => b.quality - a.quality || a.position - b.position);
  return [...new Set(entries.map((entry) => entry.language))];
}

/** The cookie's language when it names one, else the browser's first supported one, else English. */
export function negotiateLanguage(cookieValue: string | undefined, acceptLanguage: string | null): Language {
  if (isLanguage(cookieValue)) return cookieValue;
  return acceptedLanguages(acceptLanguage)[0] ?? DEFAULT_LANGUAGE;
}
