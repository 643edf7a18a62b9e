import { LogtoError, OidcResponseError } from './errors.js';
import { timingSafeEqual } from './http.js';

const single = (params: URLSearchParams, name: string): string | undefined => {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : values.length === 0 ? undefined : '';
};

/**
 * Validates the redirect back from Logto and returns the authorization code. Checks, in order:
 * `state` present and equal to the attempt's (constant-time), `iss` present (unless
 * `requireIss: false`) and equal to the discovered issuer (RFC 9207, Logto always sends it), then
 * an `error` parameter, then the `code`. A parameter given twice counts as a mismatch.
 *
 * @param callbackUrl The full URL the browser was redirected to.
 * @param expected `state` from the transaction, `issuer` from discovery; `requireIss` defaults to
 *   `true`.
 * @throws {LogtoError} `callback.state_missing`, `callback.state_mismatch`, `callback.iss_missing`,
 *   `callback.iss_mismatch`, `callback.code_missing`.
 * @throws {OidcResponseError} `callback.error` with the `error` and `error_description` Logto sent
 *   (status 400; the description is untrusted text).
 * @see RFC 6749 sections 4.1.2 and 10.12, RFC 9207 section 2.4, docs/logto-protocol.md#authorization-request
 */
export function validateCallback(
  callbackUrl: URL,
  expected: { state: string; issuer: string; requireIss?: boolean },
): { code: string } {
  const params = callbackUrl.searchParams;

  const state = single(params, 'state');
  if (state === undefined) throw new LogtoError('callback.state_missing');
  if (!expected.state || !timingSafeEqual(state, expected.state)) throw new LogtoError('callback.state_mismatch');

  const iss = single(params, 'iss');
  if (iss === undefined) {
    if (expected.requireIss ?? true) throw new LogtoError('callback.iss_missing');
  } else if (iss !== expected.issuer) {
    throw new LogtoError('callback.iss_mismatch');
  }

  const error = single(params, 'error');
  if (error !== undefined) {
    throw new OidcResponseError('callback.error', {
      error: error || 'invalid_request',
      error_description: single(params, 'error_description'),
      status: 400,
    });
  }

  const code = single(params, 'code');
  if (!code) throw new LogtoError('callback.code_missing');
  return { code };
}
