/**
 * Logto's discovery document, key for key and in order as captured from a real Logto 1.37
 * (`lib/logto/test-utils/observed/discovery.json`): oidc-provider's, plus `request_parameter_supported`
 * and `claim_types_supported`. See `docs/logto-protocol.md`, "Discovery".
 */
import { isRecord, type ProviderMiddleware } from './middleware';

const discoveryKeyOrder = [
  'authorization_endpoint',
  'claims_parameter_supported',
  'claims_supported',
  'code_challenge_methods_supported',
  'end_session_endpoint',
  'grant_types_supported',
  'issuer',
  'jwks_uri',
  'authorization_response_iss_parameter_supported',
  'response_modes_supported',
  'response_types_supported',
  'scopes_supported',
  'subject_types_supported',
  'token_endpoint_auth_methods_supported',
  'token_endpoint_auth_signing_alg_values_supported',
  'token_endpoint',
  'id_token_signing_alg_values_supported',
  'pushed_authorization_request_endpoint',
  'request_parameter_supported',
  'request_uri_parameter_supported',
  'userinfo_endpoint',
  'introspection_endpoint',
  'revocation_endpoint',
  'backchannel_logout_supported',
  'backchannel_logout_session_supported',
  'claim_types_supported',
];

export const logtoDiscovery: ProviderMiddleware = async (ctx, next) => {
  await next();
  if (ctx.path.startsWith('/.well-known/') && ctx.status === 200 && isRecord(ctx.body)) {
    ctx.body = shapeDiscovery(ctx.body);
  }
};

function shapeDiscovery(body: Record<string, unknown>): Record<string, unknown> {
  const complete: Record<string, unknown> = {
    ...body,
    request_parameter_supported: body.request_parameter_supported ?? false,
    claim_types_supported: ['normal'],
  };
  const ordered: Record<string, unknown> = {};
  for (const key of discoveryKeyOrder) {
    if (complete[key] !== undefined) ordered[key] = complete[key];
  }
  for (const [key, value] of Object.entries(complete)) {
    if (!(key in ordered) && value !== undefined) ordered[key] = value;
  }
  return ordered;
}
