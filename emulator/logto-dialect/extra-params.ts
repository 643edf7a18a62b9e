/**
 * Logto's extra `/oidc/auth` parameters, declared so that oidc-provider keeps them for the sign-in
 * experience (`ExtraParamsKey` in https://github.com/logto-io/logto/blob/v1.37.1/packages/schemas/src/consts/oidc.ts).
 * See `docs/logto-protocol.md`, "Authorization request".
 */

/** `login_hint` and `ui_locales` are standard and need no declaration. */
export const logtoExtraParams = [
  'interaction_mode',
  'first_screen',
  'direct_sign_in',
  'organization_id',
  'identifier',
  'one_time_token',
  'google_one_tap_credential',
];
