import { INTL_LOCALES, type Language } from '../_i18n/language';

/** Claims holding epoch seconds (OIDC) and Logto's claims holding epoch milliseconds. */
const SECOND_CLAIMS = new Set(['iat', 'exp', 'auth_time', 'nbf']);
const MILLISECOND_CLAIMS = new Set(['created_at', 'updated_at']);

// Japanese reads best with the year-month-day date ("2026年1月2日"); English keeps "Jan 2, 2026".
const dateFormats: Readonly<Record<Language, Intl.DateTimeFormat>> = {
  en: new Intl.DateTimeFormat(INTL_LOCALES.en, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }),
  ja: new Intl.DateTimeFormat(INTL_LOCALES.ja, { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }),
};

export function formatDate(epochMs: number, language: Language = 'en'): string {
  return `${dateFormats[language].format(new Date(epochMs))} UTC`;
}

/** A claim's value as text: dates as dates (Logto's created_at/updated_at are milliseconds). */
export function formatClaim(name: string, value: unknown, language: Language = 'en'): string {
  if (typeof value === 'number' && SECOND_CLAIMS.has(name)) return formatDate(value * 1000, language);
  if (typeof value === 'number' && MILLISECOND_CLAIMS.has(name)) return formatDate(value, language);
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export function isDateClaim(name: string): boolean {
  return SECOND_CLAIMS.has(name) || MILLISECOND_CLAIMS.has(name);
}
