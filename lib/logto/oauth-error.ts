import { isObject } from './assert.js';
import { OidcResponseError, type LogtoErrorCode } from './errors.js';
import { readJson } from './http.js';

const parseChallenge = (header: string | null): { error?: string; error_description?: string } => {
  if (!header) return {};
  const read = (name: string) => {
    const match = new RegExp(`(?:^|[\\s,])${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
    return match?.[1]?.replace(/\\(.)/g, '$1');
  };
  return { error: read('error'), error_description: read('error_description') };
};

/**
 * Turns a non-2xx response into an `OidcResponseError`: the OAuth `error` from the JSON body (or
 * the `WWW-Authenticate` challenge), else `http_error_<status>` as the Logto SDK does for bodies
 * that are not OAuth errors (a 502 HTML page, say).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export const oauthErrorFromResponse = async (
  code: LogtoErrorCode,
  response: Response,
): Promise<OidcResponseError> => {
  const challenge = parseChallenge(response.headers.get('www-authenticate'));
  const json = await readJson(response);
  const body = json.ok && isObject(json.value) ? json.value : {};
  const error = typeof body.error === 'string' && body.error ? body.error : challenge.error;
  const description =
    typeof body.error_description === 'string'
      ? body.error_description
      : typeof body.message === 'string'
        ? body.message
        : challenge.error_description;
  return new OidcResponseError(
    code,
    { error: error || `http_error_${response.status}`, error_description: description, status: response.status },
    { cause: json.ok ? undefined : json.cause },
  );
};
