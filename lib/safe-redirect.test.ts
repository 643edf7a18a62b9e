import { describe, expect, it } from 'vitest';

import corpus from './open-redirect-payloads.json';
import { toSafeReturnTo } from './safe-redirect.js';

const origin = corpus.appOrigin;
const fallback = '/fallback';

describe('toSafeReturnTo', () => {
  it('has a corpus of at least 40 payloads', () => {
    expect(corpus.payloads.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.payloads)('refuses %j', (payload) => {
    expect(toSafeReturnTo(payload, origin, fallback)).toBe(fallback);
  });

  it.each([
    ['/protected', '/protected'],
    ['/protected/tokens?tab=id#claims', '/protected/tokens?tab=id#claims'],
    ['https://app.example.com/protected?x=1', '/protected?x=1'],
    ['HTTPS://APP.EXAMPLE.COM/protected', '/protected'],
    ['https://app.example.com:443/protected', '/protected'],
    ['/', '/'],
    ['/search?q=a%2Fb', '/search?q=a%2Fb'],
    ['/caf%C3%A9', '/caf%C3%A9'],
    ['/a/../b', '/b'],
    ['/a b', '/a%20b'],
  ])('keeps %j as %j', (input, expected) => {
    expect(toSafeReturnTo(input, origin, fallback)).toBe(expected);
  });

  it('falls back for empty input', () => {
    expect(toSafeReturnTo(null, origin, '/protected')).toBe('/protected');
    expect(toSafeReturnTo(undefined, origin, '/protected')).toBe('/protected');
    expect(toSafeReturnTo('', origin, '/protected')).toBe('/protected');
    expect(toSafeReturnTo('//evil.com', origin, '/protected')).toBe('/protected');
  });

  it('accepts an app origin given as any URL on it, including http localhost', () => {
    expect(toSafeReturnTo('/x', 'https://app.example.com/some/page?y=1', fallback)).toBe('/x');
    expect(toSafeReturnTo('http://localhost:3000/x', 'http://localhost:3000', fallback)).toBe('/x');
    expect(toSafeReturnTo('http://localhost:3001/x', 'http://localhost:3000', fallback)).toBe(fallback);
    expect(() => toSafeReturnTo('/x', 'not a url', fallback)).toThrow(TypeError);
  });

  it('refuses very long values', () => {
    expect(toSafeReturnTo(`/${'a'.repeat(5000)}`, origin, fallback)).toBe(fallback);
  });
});
