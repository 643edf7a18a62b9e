import { describeAuthError, type AuthErrorCode } from 'next-logto';
import { jaAuthErrors } from './ja-auth-errors';
import type { Language } from './language';

export type AuthErrorCopy = ReturnType<typeof describeAuthError>;

const isGenericCopy = (copy: AuthErrorCopy) => {
  const generic = describeAuthError('unknown');
  return copy.title === generic.title && copy.description === generic.description;
};

/**
 * The title and description of an error code in `language`. English is the library's own text
 * (`lib/auth/error-codes.ts`); Japanese is the demo's, by code, with the library's grouping (every
 * `id_token.*` code shares one text, codes without their own text share the generic one). A code
 * the library describes but the Japanese table does not yet know keeps the library's English.
 */
export function describeAuthErrorIn(language: Language, code: AuthErrorCode): AuthErrorCopy {
  const english = describeAuthError(code);
  if (language === 'en') return english;
  const own = jaAuthErrors.byCode[code];
  if (own) return own;
  if (code.startsWith('id_token.')) return jaAuthErrors.idToken;
  return isGenericCopy(english) ? jaAuthErrors.generic : english;
}
