import { describe, expect, it } from 'vitest';
import { describeAuthError, toAuthErrorCode, type AuthErrorCode } from 'next-logto';
import { describeAuthErrorIn } from './auth-errors';
import { jaAuthErrors } from './ja-auth-errors';

describe('describeAuthErrorIn', () => {
  it('gives the library’s English text in English', () => {
    for (const code of ['session.revoked', 'id_token.invalid_signature', 'unknown'] as AuthErrorCode[]) {
      expect(describeAuthErrorIn('en', code)).toEqual(describeAuthError(code));
    }
  });

  it('has a Japanese text for codes the error page and the session-ended notice show', () => {
    for (const code of Object.keys(jaAuthErrors.byCode)) {
      // Every key is a code the library knows (a typo would read as "unknown").
      expect(toAuthErrorCode(code), code).toBe(code);
      const english = describeAuthError(code as AuthErrorCode);
      const japanese = describeAuthErrorIn('ja', code as AuthErrorCode);
      expect(japanese.title, code).not.toBe(english.title);
      expect(japanese.description, code).toMatch(/[\u3040-\u30ff]/);
    }
  });

  it('follows the library’s grouping: one text for id_token.*, one generic text', () => {
    expect(describeAuthErrorIn('ja', 'id_token.invalid_signature' as AuthErrorCode)).toBe(jaAuthErrors.idToken);
    expect(describeAuthErrorIn('ja', 'unknown')).toBe(jaAuthErrors.generic);
    // A code the library gives only its generic text to.
    expect(describeAuthErrorIn('ja', 'userinfo.request_failed' as AuthErrorCode)).toBe(jaAuthErrors.generic);
  });
});
