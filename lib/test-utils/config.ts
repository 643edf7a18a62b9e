import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../config.js';
import { thrown } from '../logto/test-utils/errors.js';

/** A complete, valid environment (the endpoint with a trailing slash, which is normalised away). */
export const VALID_ENV = {
  LOGTO_ENDPOINT: 'https://abc123.logto.app/',
  LOGTO_APP_ID: 'app',
  LOGTO_APP_SECRET: 'secret',
  LOGTO_COOKIE_SECRET: 'x'.repeat(32),
  LOGTO_BASE_URL: 'https://app.example.com',
};

/** The problems `parseConfig(env)` reports in its one `config.invalid` error. */
export function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  const error = thrown(() => parseConfig(env));
  expect(error).toBeInstanceOf(ConfigError);
  expect(error.code).toBe('config.invalid');
  return (error as ConfigError).problems;
}
