import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseLanguage, languageFromAcceptLanguage, languageFromUiLocales } from './language';

describe('the sign-in experience language', () => {
  it('takes the first supported language of ui_locales', () => {
    expect(languageFromUiLocales('ja')).toBe('ja');
    expect(languageFromUiLocales('ja-JP en')).toBe('ja');
    expect(languageFromUiLocales('fr de ja en')).toBe('ja');
    expect(languageFromUiLocales('en-US ja')).toBe('en');
    expect(languageFromUiLocales('fr zh-CN')).toBeUndefined();
    expect(languageFromUiLocales(undefined)).toBeUndefined();
    expect(languageFromUiLocales(['ja'])).toBeUndefined();
  });

  it('prefers ui_locales to Accept-Language, and Accept-Language to English', () => {
    expect(chooseLanguage('ja', 'en-US,en;q=0.9')).toBe('ja');
    expect(chooseLanguage('en', 'ja')).toBe('en');
    expect(chooseLanguage('fr', 'ja-JP,ja;q=0.9')).toBe('ja');
    expect(chooseLanguage(undefined, 'en-US,en;q=0.9,ja;q=0.8')).toBe('en');
    expect(chooseLanguage(undefined, undefined)).toBe('en');
  });

  it('reads Accept-Language by q-value', () => {
    expect(languageFromAcceptLanguage('en;q=0.4, ja;q=0.6')).toBe('ja');
    expect(languageFromAcceptLanguage('fr, ja;q=0.1')).toBe('ja');
    expect(languageFromAcceptLanguage('ja;q=0, en;q=0.1')).toBe('en');
    expect(languageFromAcceptLanguage('ja;q=x')).toBeUndefined();
    expect(languageFromAcceptLanguage('jav')).toBeUndefined();
  });

  it('answers en or ja for any input', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (uiLocales, header) => {
        expect(['en', 'ja']).toContain(chooseLanguage(uiLocales, header));
      }),
    );
  });
});
