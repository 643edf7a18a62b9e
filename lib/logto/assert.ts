import { LogtoError, type LogtoErrorCode } from './errors.js';

const fail = (code: LogtoErrorCode, field: string, expected: string): never => {
  throw new LogtoError(code, { detail: `"${field}" must be ${expected}.` });
};

/**
 * Whether a value is a plain JSON object (not `null`, not an array); the non-throwing twin of
 * {@link assertObject}.
 *
 * @see docs/architecture.md#trust-boundaries
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Narrows a value from the network to a plain JSON object (not `null`, not an array).
 *
 * @param code The error code to throw with when the value is not an object.
 * @param field The name used in the error detail.
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertObject(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is Record<string, unknown> {
  if (!isObject(value)) {
    fail(code, field, 'an object');
  }
}

/**
 * Narrows a value to a string; with `nonEmpty` the empty string is refused too.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertString(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
  options?: { nonEmpty?: boolean },
): asserts value is string {
  if (typeof value !== 'string' || (options?.nonEmpty && value.length === 0)) {
    fail(code, field, options?.nonEmpty ? 'a non-empty string' : 'a string');
  }
}

/**
 * Narrows a value to a finite number (JSON has no NaN or Infinity, so anything else is a bug or an
 * attack).
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertNumber(value: unknown, code: LogtoErrorCode, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(code, field, 'a finite number');
  }
}

/**
 * Narrows a value to a boolean.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertBoolean(value: unknown, code: LogtoErrorCode, field: string): asserts value is boolean {
  if (typeof value !== 'boolean') {
    fail(code, field, 'a boolean');
  }
}

/**
 * Narrows a value to an array of strings.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertStringArray(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    fail(code, field, 'an array of strings');
  }
}

/**
 * Narrows a value to an array (of still unknown items).
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertArray(value: unknown, code: LogtoErrorCode, field: string): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    fail(code, field, 'an array');
  }
}

/**
 * Narrows a value to `string | undefined`: absent is fine, any other type is not.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertOptionalString(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is string | undefined {
  if (value !== undefined) assertString(value, code, field);
}

/**
 * Narrows a value to `number | undefined`.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertOptionalNumber(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is number | undefined {
  if (value !== undefined) assertNumber(value, code, field);
}

/**
 * Narrows a value to `boolean | undefined`.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertOptionalBoolean(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is boolean | undefined {
  if (value !== undefined) assertBoolean(value, code, field);
}

/**
 * Narrows a value to `string | null | undefined` (Logto sends `null` for unset profile columns).
 *
 * @throws {LogtoError} `code`
 * @see docs/logto-protocol.md#claims
 */
export function assertNullableString(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is string | null | undefined {
  if (value !== undefined && value !== null) assertString(value, code, field);
}

/**
 * Narrows a value to `string[] | undefined`.
 *
 * @throws {LogtoError} `code`
 * @see docs/architecture.md#trust-boundaries
 */
export function assertOptionalStringArray(
  value: unknown,
  code: LogtoErrorCode,
  field: string,
): asserts value is string[] | undefined {
  if (value !== undefined) assertStringArray(value, code, field);
}

/**
 * Narrows a JWT `aud` claim: one string or an array of strings.
 *
 * @throws {LogtoError} `code`
 * @see RFC 7519 section 4.1.3
 */
export function assertAudience(
  value: unknown,
  code: LogtoErrorCode,
  field = 'aud',
): asserts value is string | string[] {
  if (typeof value !== 'string') assertStringArray(value, code, field);
}
