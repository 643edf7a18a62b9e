/**
 * Logto's error bodies, always JSON: `{ code: "oidc.<error>", message, error_uri?, error,
 * error_description, …rest }`, or the plain OAuth body for `?parse_error=false`. See
 * `docs/logto-protocol.md`, "Token endpoint and errors", and Logto's `koa-oidc-error-handler`:
 * https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/middleware/koa-oidc-error-handler.ts
 */
import type { Configuration } from 'oidc-provider';

import { isRecord, type ProviderMiddleware } from './middleware';

/** The English `errors.oidc.*` phrases of https://github.com/logto-io/logto/blob/v1.37.1/packages/phrases/src/locales/en/errors/oidc.ts. */
const oidcErrorMessages: Record<string, string> = {
  invalid_scope: 'Invalid scope: {{error_description}}.',
  invalid_token: 'Invalid token provided.',
  invalid_client_metadata: 'Invalid client metadata provided.',
  insufficient_scope: 'Token missing scope `{{scope}}`.',
  invalid_request: 'Request is invalid.',
  invalid_grant: 'Grant request is invalid.',
  invalid_issuer: 'Invalid issuer.',
  invalid_redirect_uri: "`redirect_uri` did not match any of the client's registered `redirect_uris`.",
  access_denied: 'Access denied.',
  invalid_target: 'Invalid resource indicator.',
  unsupported_grant_type: 'Unsupported `grant_type` requested.',
  unsupported_response_mode: 'Unsupported `response_mode` requested.',
  unsupported_response_type: 'Unsupported `response_type` requested.',
  server_error: 'An unknown OIDC error occurred. Please try again later.',
  temporarily_unavailable: 'The server is temporarily unavailable. Please try again later.',
};

/** `{ error, error_description, … }` → Logto's body. Also used for the emulator's own 5xx answers. */
export function toLogtoErrorBody(body: Record<string, unknown>): Record<string, unknown> {
  const error = String(body.error);
  const template = oidcErrorMessages[error] ?? `An OIDC error occurred: oidc.${error}.`;
  const message = template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => String(body[key] ?? ''));
  const { error: _error, error_description: description, ...rest } = body;
  return {
    code: `oidc.${error}`,
    message,
    ...(error === 'invalid_grant' ? { error_uri: 'https://openid.sh/debug/invalid_grant' } : {}),
    error,
    error_description: description,
    ...rest,
  };
}

/** oidc-provider's `renderError`: the error body as JSON instead of an HTML page. */
export const renderJsonError: Configuration['renderError'] = (ctx, out) => {
  ctx.type = 'json';
  ctx.body = out;
};

export const logtoErrorBody: ProviderMiddleware = async (ctx, next) => {
  await next();
  if (ctx.status >= 400 && isRecord(ctx.body) && typeof ctx.body.error === 'string' && ctx.query.parse_error !== 'false') {
    ctx.body = toLogtoErrorBody(ctx.body);
  }
};
