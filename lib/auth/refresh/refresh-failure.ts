import { LogtoError, OidcResponseError, type LogtoErrorCode } from '../../logto/errors';

/**
 * What a failed refresh means for the session. Only failures to reach Logto (network errors,
 * timeouts, 5xx, 429) are temporary; any answer of Logto's that refuses the refresh token or the
 * client, or that fails verification, ends the session, with the reason the user is shown.
 */

/** Every reason a session can end with. */
export const SESSION_END_REASONS = [
  'session.revoked',
  'session.client_rejected',
  'session.access_denied',
  'session.refused',
  'session.unverifiable',
  'session.expired',
  'session.outage_expired',
] as const;

/** Why a session ended: what Logto said (or that it said nothing for too long). */
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** `value` if it is a reason a session can end with, else `null` (it came in a request header). */
export function asSessionEndReason(value: string | null): SessionEndReason | null {
  return (SESSION_END_REASONS as readonly string[]).includes(value ?? '') ? (value as SessionEndReason) : null;
}

/** A refresh that did not complete, and what it means for the session. */
export interface RefreshFailure {
  /** The library's code for what failed (`token.error_response`, `token.request_failed`, …). */
  code: LogtoErrorCode;
  /**
   * Logto refused (an OAuth error, an answer that fails verification): the session is over and
   * only a new sign-in helps. Otherwise the failure is temporary: a network error, a timeout, a
   * 5xx or a 429.
   */
  fatal: boolean;
  /** Why the session ended, when `fatal`. */
  reason?: SessionEndReason;
  /** Logto refused one API or organization token; the session and the other tokens are fine. */
  tokenOnly?: boolean;
  /** The OAuth `error` from Logto, when it sent one. */
  error?: string;
}

/** Failures to reach Logto, as opposed to Logto's answers: only these are worth retrying. */
const UNREACHABLE_CODES = new Set<LogtoErrorCode>(['token.request_failed', 'discovery.request_failed', 'jwks.request_failed']);

function isTemporary(error: unknown): boolean {
  if (error instanceof OidcResponseError) return error.status >= 500 || error.status === 429;
  if (error instanceof LogtoError) return UNREACHABLE_CODES.has(error.code);
  return true; // not Logto's word (a runtime failure): the outage grace bounds it
}

/** OAuth errors that condemn the refresh token or the client, whichever token was asked for. */
const GRANT_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

function endReason(error: unknown): SessionEndReason {
  if (!(error instanceof OidcResponseError)) return 'session.unverifiable';
  switch (error.error) {
    case 'invalid_grant':
      return 'session.revoked';
    case 'invalid_client':
    case 'unauthorized_client':
      return 'session.client_rejected';
    case 'access_denied':
      return 'session.access_denied';
    default:
      return 'session.refused';
  }
}

/**
 * Classifies an error thrown by a refresh: temporary (Logto unreachable: retry, serve the session
 * within the outage grace) or fatal, with the reason the session ended. `invalid_grant` means the
 * refresh token is dead (Logto never says why).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokens
 */
export function classifyRefreshError(error: unknown): RefreshFailure {
  const code: LogtoErrorCode = error instanceof LogtoError ? error.code : 'token.request_failed';
  const oauthError = error instanceof OidcResponseError ? { error: error.error } : {};
  if (isTemporary(error)) return { code, fatal: false, ...oauthError };
  return { code, fatal: true, reason: endReason(error), ...oauthError };
}

/**
 * A refusal that concerns one API or organization token only (403, `invalid_target`,
 * `invalid_scope`, …): that token stays unavailable and the rest of the plan goes on.
 */
export const isTokenSpecific = (error: unknown) =>
  error instanceof OidcResponseError && !isTemporary(error) && !GRANT_ERRORS.has(error.error);
