import type { AccessTokenClaims, IdTokenClaims, JsonValue, UserInfoResponse } from '../logto/types.js';

/**
 * The app's own claim shapes, declared once as the type argument of `createLogto<…>()` and then
 * typed in every helper. They are declarations, not checks: Logto vouches for the tokens, the app
 * for what it put in them (custom JWT claims, `custom_data`).
 *
 *   createLogto<{ customData: { plan: 'free' | 'pro' }; accessTokenClaims: { tenant: string } }>()
 */
export interface LogtoTypes {
  /** Claims your ID tokens carry beyond the standard ones. */
  idTokenClaims?: object;
  /** Claims your access tokens carry beyond the standard ones (Logto's custom JWT claims). */
  accessTokenClaims?: object;
  /** The shape of the user's `custom_data` (userinfo, with the `custom_data` scope). */
  customData?: object;
}

/** The ID-token claims of an app declaring `T`. */
export type IdClaimsOf<T extends LogtoTypes> = T extends { idTokenClaims: infer C extends object } ? IdTokenClaims & C : IdTokenClaims;

/** The access-token claims of an app declaring `T`. */
export type AccessClaimsOf<T extends LogtoTypes> = T extends { accessTokenClaims: infer C extends object }
  ? AccessTokenClaims & C
  : AccessTokenClaims;

/** The userinfo response of an app declaring `T`, with its `custom_data` typed. */
export type UserInfoOf<T extends LogtoTypes> = Omit<UserInfoResponse, 'custom_data'> & {
  custom_data?: T extends { customData: infer D extends object } ? D : Record<string, JsonValue>;
};
