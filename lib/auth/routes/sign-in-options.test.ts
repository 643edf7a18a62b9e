import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignInQuery } from './sign-in-options.js';

/** Each option the parser can set, and the query parameter it comes from. */
const OPTION_OF_PARAMETER: Record<string, string> = {
  returnTo: 'returnTo',
  prompt: 'prompt',
  maxAge: 'max_age',
  uiLocales: 'ui_locales',
  organizationId: 'organization_id',
  scopes: 'scope',
  resources: 'resource',
  loginHint: 'login_hint',
  firstScreen: 'first_screen',
  identifiers: 'identifier',
  directSignIn: 'direct_sign_in',
};
const OPTION_NAMES = Object.values(OPTION_OF_PARAMETER);
const INHERITED_NAMES = Object.getOwnPropertyNames(Object.prototype);
const SAFE_NAME = /^[\w-]{1,32}$/;

const name = fc.oneof(fc.constantFrom(...INHERITED_NAMES), fc.constantFrom(...OPTION_NAMES), fc.string({ maxLength: 40 }));
const value = fc.oneof(fc.constantFrom('1', 'login', 'ja en', 'https://api.example.com', 'register', 'social:google'), fc.string({ maxLength: 40 }));
const query = fc.array(fc.tuple(name, value), { maxLength: 8 });

describe('parseSignInQuery', () => {
  it.each(INHERITED_NAMES)('refuses the inherited name %s, naming it', (inherited) => {
    const { options, problems } = parseSignInQuery(new URLSearchParams([[inherited, '1']]));
    expect(problems).toEqual([{ parameter: inherited, reason: 'is not a sign-in option' }]);
    expect(options).toEqual({});
    expect(Object.getPrototypeOf(options)).toBe(Object.prototype);
  });

  it('never throws, refuses every unknown name, and reads only known options', () => {
    fc.assert(
      fc.property(query, (pairs) => {
        const { options, problems } = parseSignInQuery(new URLSearchParams(pairs));
        for (const [unknown] of pairs.filter(([pairName]) => !OPTION_NAMES.includes(pairName))) {
          const named = SAFE_NAME.test(unknown) ? unknown : 'a parameter';
          expect(problems).toContainEqual({ parameter: named, reason: 'is not a sign-in option' });
        }
        expect(Object.getPrototypeOf(options)).toBe(Object.prototype);
        for (const key of Object.keys(options)) {
          expect(Object.hasOwn(OPTION_OF_PARAMETER, key)).toBe(true);
          expect(pairs.some(([pairName]) => pairName === OPTION_OF_PARAMETER[key])).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
