import { describe, expect, it } from 'vitest';

import {
  assertAudience,
  assertBoolean,
  assertNullableString,
  assertNumber,
  assertObject,
  assertOptionalString,
  assertString,
  assertStringArray,
} from './assert.js';
import { thrownCode as codeOf } from './test-utils/errors.js';

describe('assert helpers', () => {
  it('pass valid values and throw the given code otherwise', () => {
    const code = 'token.invalid_response';
    expect(() => assertObject({}, code, 'x')).not.toThrow();
    expect(codeOf(() => assertObject([], code, 'x'))).toBe(code);
    expect(codeOf(() => assertObject(null, code, 'x'))).toBe(code);
    expect(() => assertString('', code, 'x')).not.toThrow();
    expect(codeOf(() => assertString('', code, 'x', { nonEmpty: true }))).toBe(code);
    expect(codeOf(() => assertString(1, code, 'x'))).toBe(code);
    expect(() => assertNumber(0, code, 'x')).not.toThrow();
    expect(codeOf(() => assertNumber(Number.NaN, code, 'x'))).toBe(code);
    expect(codeOf(() => assertNumber('1', code, 'x'))).toBe(code);
    expect(() => assertBoolean(false, code, 'x')).not.toThrow();
    expect(codeOf(() => assertBoolean('true', code, 'x'))).toBe(code);
    expect(() => assertStringArray(['a'], code, 'x')).not.toThrow();
    expect(codeOf(() => assertStringArray(['a', 1], code, 'x'))).toBe(code);
    expect(() => assertOptionalString(undefined, code, 'x')).not.toThrow();
    expect(codeOf(() => assertOptionalString(null, code, 'x'))).toBe(code);
    expect(() => assertNullableString(null, code, 'x')).not.toThrow();
    expect(() => assertAudience(['a'], code)).not.toThrow();
    expect(codeOf(() => assertAudience({}, code))).toBe(code);
  });

  it('narrow the type', () => {
    const value: unknown = { a: 'x' };
    assertObject(value, 'discovery.invalid', 'value');
    assertString(value.a, 'discovery.invalid', 'a');
    expect(value.a.toUpperCase()).toBe('X');
  });
});
