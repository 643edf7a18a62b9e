import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedLanguages, languageOfTag, negotiateLanguage } from './language';

describe('negotiateLanguage', () => {
  it('uses the cookie when it names a supported language, whatever the browser says', () => {
    expect(negotiateLanguage('ja', 'en-US,en;q=0.9')).toBe('ja');
    expect(negotiateLanguage('en', 'ja')).toBe('en');
  });

  it('ignores a cookie that names no supported language', () => {
    for (const cookie of ['JA', 'fr', '', ' ja', 'ja-JP', 'en,ja']) {
      expect(negotiateLanguage(cookie, 'ja')).toBe('ja');
      expect(negotiateLanguage(cookie, null)).toBe('en');
    }
  });

  it('reads Japanese from ja and its regional tags, in any case', () => {
    for (const header of ['ja', 'ja-JP', 'JA-jp', 'ja-Jpan-JP', 'ja;q=0.5', ' ja-JP , en;q=0.1']) {
      expect(negotiateLanguage(undefined, header), header).toBe('ja');
    }
  });

  it('orders by q-value, then by position', () => {
    expect(negotiateLanguage(undefined, 'en;q=0.5, ja;q=0.9')).toBe('ja');
    expect(negotiateLanguage(undefined, 'ja;q=0.5, en;q=0.9')).toBe('en');
    expect(negotiateLanguage(undefined, 'ja, en')).toBe('ja');
    expect(negotiateLanguage(undefined, 'en, ja')).toBe('en');
    expect(negotiateLanguage(undefined, 'ja;q=0.8, en;q=0.8')).toBe('ja');
    expect(negotiateLanguage(undefined, 'en;Q=0.1,ja;Q=1.000')).toBe('ja');
  });

  it('skips unsupported languages before a supported one', () => {
    expect(negotiateLanguage(undefined, 'fr-CH, fr;q=0.9, ja;q=0.8, en;q=0.7')).toBe('ja');
    expect(negotiateLanguage(undefined, 'de, en-GB;q=0.5')).toBe('en');
  });

  it('treats q=0 as "not acceptable" and ignores entries with a malformed q-value', () => {
    expect(negotiateLanguage(undefined, 'ja;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLanguage(undefined, 'ja;q=0.000')).toBe('en');
    expect(negotiateLanguage(undefined, 'en;q=2, ja;q=0.1')).toBe('ja');
    expect(negotiateLanguage(undefined, 'en;q=abc, ja;q=0.1')).toBe('ja');
    expect(negotiateLanguage(undefined, 'en;q=0.1234, ja;q=0.1')).toBe('ja');
    expect(negotiateLanguage(undefined, 'en;q=-1, ja;q=0.1')).toBe('ja');
  });

  it('does not mistake other languages that start with the same letters', () => {
    expect(negotiateLanguage(undefined, 'jav')).toBe('en');
    expect(negotiateLanguage(undefined, 'jam, ja;q=0.2')).toBe('ja');
  });

  it('defaults to English without a cookie or a usable header', () => {
    for (const header of [null, '', '*', 'fr', ',,,', ';q=1', 'ja;q=0']) {
      expect(negotiateLanguage(undefined, header), String(header)).toBe('en');
    }
  });

  it('never throws and always answers en or ja, whatever the header and cookie', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.string({ unit: 'binary' }), { nil: null }), (cookie, header) => {
        expect(['en', 'ja']).toContain(negotiateLanguage(cookie, header));
      }),
      { numRuns: 500 },
    );
    const headerish = fc
      .array(
        fc.tuple(fc.constantFrom('ja', 'en', 'ja-JP', 'fr', '*', 'JA', ''), fc.option(fc.stringMatching(/^q=[0-9.]{0,6}$/), { nil: undefined })),
        { maxLength: 8 },
      )
      .map((entries) => entries.map(([tag, q]) => (q ? `${tag};${q}` : tag)).join(', '));
    fc.assert(
      fc.property(headerish, (header) => {
        expect(['en', 'ja']).toContain(negotiateLanguage(undefined, header));
      }),
      { numRuns: 500 },
    );
  });

  it('reads only the start of a very long header', () => {
    expect(negotiateLanguage(undefined, `${'x, '.repeat(5000)}ja`)).toBe('en');
  });
});

describe('acceptedLanguages', () => {
  it('lists each supported language once, most preferred first', () => {
    expect(acceptedLanguages('ja-JP, ja;q=0.9, en-US;q=0.8, en;q=0.7')).toEqual(['ja', 'en']);
    expect(acceptedLanguages(null)).toEqual([]);
  });
});

describe('languageOfTag', () => {
  it('maps a BCP 47 tag to its supported language by its primary subtag', () => {
    expect(languageOfTag('ja-JP')).toBe('ja');
    expect(languageOfTag('en-GB')).toBe('en');
    expect(languageOfTag('zh-Hant')).toBeUndefined();
  });
});
