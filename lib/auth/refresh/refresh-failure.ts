import { LogtoError, OidcResponseError, type LogtoErrorCode } from '../../logto/errors.js';

/**
 * What a failed refresh means for the session. Only Logto's own refusals end it: an OAuth error
 * from the token endpoint (RFC 6749 §5.2), or a token response whose ID token fails verification.
 * Anything else is an outage, retried and bounded by the outage grace: a network error, a timeout,
 * a 5xx or 429, and every answer that is not Logto's (a proxy's or captive portal's HTML, a body
 * that is not a token response, a discovery document or JWKS that cannot be used).
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
  'session.too_large',
  'session.signed_out_elsewhere',
] as const;

/**
 * Why a session ended: what Logto said (or that it said nothing for too long), that the
 * refreshed session no longer fits in its cookies (`session.too_large`), or that Logto reported,
 * through a back-channel logout, that the user signed out elsewhere (`session.signed_out_elsewhere`).
 */
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
   * Logto refused (an OAuth error from its token endpoint, an ID token that fails verification):
   * the session is over and only a new sign-in helps. Otherwise the failure is temporary: Logto
   * did not answer, or what answered was not Logto.
   */
  fatal: boolean;
  /** Why the session ended, when `fatal`. */
  reason?: SessionEndReason;
  /** Logto refused one API or organization token; the session and the other tokens are fine. */
  tokenOnly?: boolean;
  /** The OAuth `error` from Logto, when it sent one. */
  error?: string;
}

/**
 * The errors a token endpoint answers with (RFC 6749 §5.2, RFC 8707 §2 `invalid_target`), and the
 * two Logto adds for organization tokens (403 `access_denied` and `insufficient_scope`, see
 * docs/logto-protocol.md#organization-tokens). Any other `error` is not an OAuth server's.
 */
const OAUTH_TOKEN_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'invalid_target',
  'access_denied',
  'insufficient_scope',
]);

/** The statuses those errors come with: 400, 401 for client authentication, 403 (Logto). */
const OAUTH_ERROR_STATUSES = new Set([400, 401, 403]);

/** Logto refusing the refresh: an OAuth error body from its token endpoint. */
const isLogtoRefusal = (error: unknown): error is OidcResponseError =>
  error instanceof OidcResponseError &&
  error.code === 'token.error_response' &&
  OAUTH_ERROR_STATUSES.has(error.status) &&
  OAUTH_TOKEN_ERRORS.has(error.error);

/**
 * Logto's token response carried an ID token that fails verification (wrong signature, audience,
 * subject, …). Not an outage: the refresh token it may have rotated is lost with it.
 */
const isUnverifiableAnswer = (error: unknown): boolean => error instanceof LogtoError && error.code.startsWith('id_token.');

/** Anything but Logto's own refusal: worth retrying, within the outage grace. */
const isTemporary = (error: unknown): boolean => !isLogtoRefusal(error) && !isUnverifiableAnswer(error);

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
 * Classifies an error thrown by a refresh: temporary (no answer from Logto: retry, serve the
 * session within the outage grace) or fatal, with the reason the session ended. `invalid_grant`
 * means the refresh token is dead (Logto never says why).
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
export const isTokenSpecific = (error: unknown) => isLogtoRefusal(error) && !GRANT_ERRORS.has(error.error);
