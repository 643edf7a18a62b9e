import { expect } from 'vitest';
import { LogtoError, type LogtoErrorCode } from '../errors.js';

/** The LogtoError `fn` throws (for assertions on its other fields); fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): LogtoError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LogtoError) return error;
    throw error;
  }
  throw new Error('expected a LogtoError');
}

/** The `code` of the LogtoError `fn` throws; fails the test when it throws nothing or something else. */
export function thrownCode(fn: () => unknown): LogtoErrorCode {
  return thrown(fn).code;
}

/** The `code` of the LogtoError `promise` rejects with. */
export async function rejectedCode(promise: Promise<unknown>): Promise<LogtoErrorCode> {
  return (await rejection(promise)).code;
}

/** The LogtoError `promise` rejects with (for assertions on its other fields). */
export async function rejection(promise: Promise<unknown>): Promise<LogtoError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LogtoError);
  return error as LogtoError;
}

/** A JSON `Response`, as a Logto endpoint would send it. */
export const jsonResponse = (body: unknown, status = 200, headers?: Record<string, string>) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
