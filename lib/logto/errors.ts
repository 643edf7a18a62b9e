const messages = {
  'config.invalid': 'The Logto configuration is invalid.',
  'discovery.request_failed': 'The Logto discovery document could not be fetched.',
  'discovery.invalid': 'The Logto discovery document is invalid.',
  'discovery.issuer_mismatch': 'The discovery document names a different issuer than the endpoint.',
  'discovery.insecure_issuer': 'The issuer uses http: on a host that is not loopback.',
  'callback.error': 'The authorization server answered the sign-in with an error.',
  'callback.state_missing': 'The sign-in callback carries no state.',
  'callback.state_mismatch': 'The sign-in callback state does not match the sign-in attempt.',
  'callback.iss_missing': 'The sign-in callback carries no iss parameter.',
  'callback.iss_mismatch': 'The sign-in callback iss parameter names another issuer.',
  'callback.code_missing': 'The sign-in callback carries no authorization code.',
  'transaction.missing': 'No sign-in attempt is pending in this browser (it expired or was already used).',
  'token.request_failed': 'The token endpoint could not be reached.',
  'token.error_response': 'The token endpoint answered with an error.',
  'token.invalid_response': 'The token endpoint answered with an invalid body.',
  'id_token.missing': 'The token response carries no ID token.',
  'id_token.invalid': 'The ID token is invalid.',
  'id_token.invalid_signature': 'The ID token signature could not be verified.',
  'id_token.nonce_mismatch': 'The ID token nonce does not match the sign-in attempt.',
  'id_token.invalid_iat': 'The ID token was issued too far from the current time.',
  'id_token.subject_mismatch': 'The refreshed ID token belongs to another user.',
  'id_token.stale_authentication': 'The ID token does not show the fresh authentication that was asked for (auth_time).',
  'userinfo.request_failed': 'The userinfo endpoint could not be reached.',
  'userinfo.error_response': 'The userinfo endpoint answered with an error.',
  'userinfo.invalid_response': 'The userinfo endpoint answered with an invalid body.',
  'userinfo.subject_mismatch': 'The userinfo subject does not match the signed-in user.',
  'revocation.request_failed': 'The revocation endpoint could not be reached.',
  'revocation.error_response': 'The revocation endpoint answered with an error.',
  'logout_token.invalid': 'The back-channel logout token is invalid.',
  'logout_token.invalid_signature': 'The back-channel logout token signature could not be verified.',
  'jwks.request_failed': 'The signing keys (JWKS) could not be fetched.',
  'access_token.missing': 'No access token was presented.',
  'access_token.invalid': 'The access token is invalid.',
  'access_token.insufficient_scope': 'The access token lacks a required scope.',
  'access_token.organization_not_allowed': 'The access token is scoped to an organization; this API accepts only tokens without organization_id.',
  'access_token.organization_required': 'This API needs an access token scoped to the organization of the request (organization_id).',
  'access_token.organization_mismatch': 'The access token is scoped to another organization.',
  'session.missing': 'There is no signed-in session.',
  'session.refresh_token_missing': 'The session has no refresh token.',
  'session.too_large': 'The session does not fit in the cookies a browser sends back, even without cached tokens.',
  'sign_in.invalid_parameter': 'The sign-in request carries a parameter this app does not accept.',
} as const;

/**
 * Every error code of the library, `<step>.<reason>`: stable, so callers and tests branch on it
 * (never on a message).
 */
export type LogtoErrorCode = keyof typeof messages;

/** The message of each code: fixed English text, free of anything from the network. */
export const logtoErrorMessages: Readonly<Record<LogtoErrorCode, string>> = Object.freeze(messages);

/** `value` if it is one of the library's error codes, else `null` (for codes read from untrusted input). */
export function asLogtoErrorCode(value: string | null | undefined): LogtoErrorCode | null {
  return value && Object.hasOwn(messages, value) ? (value as LogtoErrorCode) : null;
}

/**
 * The one error class of the library. `code` is stable and is what callers branch on; `message`
 * is for people. The underlying failure (a jose error, a fetch TypeError) is kept as `cause`.
 */
export class LogtoError extends Error {
  /** What failed; see `LogtoErrorCode`. */
  readonly code: LogtoErrorCode;

  constructor(code: LogtoErrorCode, options?: { cause?: unknown; detail?: string }) {
    const base = messages[code];
    super(options?.detail ? `${base} ${options.detail}` : base, { cause: options?.cause });
    this.name = this.constructor.name;
    this.code = code;
  }
}

/**
 * An OAuth error body (`{ error, error_description }`) from Logto. `errorDescription` is
 * untrusted text from the network: log it, never render it as HTML.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
export class OidcResponseError extends LogtoError {
  /** The OAuth `error` code (`invalid_grant`, …), or `http_error_<status>` when there was none. */
  readonly error: string;
  /** The OAuth `error_description`: untrusted text from the network. */
  readonly errorDescription: string | undefined;
  /** The HTTP status of the answer (400 for an error in the authorization callback). */
  readonly status: number;

  constructor(
    code: LogtoErrorCode,
    body: { error: string; error_description?: string; status: number },
    options?: { cause?: unknown },
  ) {
    super(code, { cause: options?.cause, detail: `(${body.status} ${body.error})` });
    this.error = body.error;
    this.errorDescription = body.error_description;
    this.status = body.status;
  }
}

/** Whether `value` is a `LogtoError` (an `OidcResponseError` or a `ConfigError` included). */
export const isLogtoError = (value: unknown): value is LogtoError => value instanceof LogtoError;
