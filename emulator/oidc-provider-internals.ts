/**
 * The one module allowed to deep-import oidc-provider internals (types in
 * `oidc-provider-modules.d.ts`). Logto's refresh_token grant is a fork of upstream's and reuses
 * the same helpers; keeping the imports here means an oidc-provider upgrade touches one file.
 */
export {
  checkAccountMismatch,
  createAccessToken,
  issueIdToken,
  validateAccount,
} from 'oidc-provider/lib/helpers/grant_common.js';
export { validateGrant } from 'oidc-provider/lib/helpers/grant_source.js';
export { buildTokenResponse } from 'oidc-provider/lib/helpers/grant_response.js';
export { default as resolveResource } from 'oidc-provider/lib/helpers/resolve_resource.js';
export type { ResolveResourceConfig } from 'oidc-provider/lib/helpers/resolve_resource.js';
export { default as revoke } from 'oidc-provider/lib/helpers/revoke.js';
export { default as validatePresence } from 'oidc-provider/lib/helpers/validate_presence.js';
