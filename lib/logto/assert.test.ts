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
} from './assert';
import { LogtoError } from './errors';

const codeOf = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LogtoError) return error.code;
    throw error;
  }
  return undefined;
};

describe('assert helpers', () => {
  it('pass valid values and throw the given code otherwise', () => {
    const code = 'token.invalid_response';
    expect(codeOf(() => assertObject({}, code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertObject([], code, 'x'))).toBe(code);
    expect(codeOf(() => assertObject(null, code, 'x'))).toBe(code);
    expect(codeOf(() => assertString('', code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertString('', code, 'x', { nonEmpty: true }))).toBe(code);
    expect(codeOf(() => assertString(1, code, 'x'))).toBe(code);
    expect(codeOf(() => assertNumber(0, code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertNumber(Number.NaN, code, 'x'))).toBe(code);
    expect(codeOf(() => assertNumber('1', code, 'x'))).toBe(code);
    expect(codeOf(() => assertBoolean(false, code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertBoolean('true', code, 'x'))).toBe(code);
    expect(codeOf(() => assertStringArray(['a'], code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertStringArray(['a', 1], code, 'x'))).toBe(code);
    expect(codeOf(() => assertOptionalString(undefined, code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertOptionalString(null, code, 'x'))).toBe(code);
    expect(codeOf(() => assertNullableString(null, code, 'x'))).toBeUndefined();
    expect(codeOf(() => assertAudience(['a'], code))).toBeUndefined();
    expect(codeOf(() => assertAudience({}, code))).toBe(code);
  });

  it('narrow the type', () => {
    const value: unknown = { a: 'x' };
    assertObject(value, 'discovery.invalid', 'value');
    assertString(value.a, 'discovery.invalid', 'a');
    expect(value.a.toUpperCase()).toBe('X');
  });
});
