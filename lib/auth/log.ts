import { LogtoError, OidcResponseError } from '../logto/errors.js';

type Level = 'info' | 'warn' | 'error';

const SAFE_CODE = /^[A-Za-z][\w.:-]{0,63}$/;

const safeField = (value: unknown): string | undefined =>
  typeof value === 'string' && SAFE_CODE.test(value) ? value : undefined;

/**
 * One error as codes only: the library's code, Logto's OAuth `error` and HTTP status, and along
 * the `cause` chain each error's name, its `code` (`ERR_JWT_EXPIRED`, `ECONNREFUSED`) and, for a
 * failed claim check, the claim's name. Never a message, a description or a payload: jose keeps
 * the token's claims on its errors, and messages can quote values.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof OidcResponseError) {
      parts.push(`${current.code} (${current.status} ${safeField(current.error) ?? 'error'})`);
    } else if (current instanceof LogtoError) {
      parts.push(current.code);
    } else if (current instanceof Error) {
      const record = current as Error & { code?: unknown; claim?: unknown };
      const code = safeField(record.code);
      const claim = safeField(record.claim);
      parts.push([safeField(current.name) ?? 'Error', code, claim && `claim ${claim}`].filter(Boolean).join(' '));
    } else {
      parts.push(typeof current);
      break;
    }
    current = (current as Error).cause;
  }
  return parts.join(' ← ');
}

/**
 * Logs an authentication event. `fields` must be codes, paths or counts, never a token or a
 * claim value; errors are reduced by {@link describeError}.
 */
export function logAuthEvent(level: Level, event: string, error?: unknown, fields: Record<string, string | number> = {}): void {
  const details = Object.entries(fields).map(([name, value]) => `${name}=${value}`);
  if (error !== undefined) details.push(`error=${describeError(error)}`);
  console[level](`[logto] ${event}${details.length ? ` ${details.join(' ')}` : ''}`);
}
