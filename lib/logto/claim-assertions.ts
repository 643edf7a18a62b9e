import {
  assertArray,
  assertAudience,
  assertNullableString,
  assertNumber,
  assertObject,
  assertOptionalBoolean,
  assertOptionalNumber,
  assertOptionalString,
  assertOptionalStringArray,
  assertString,
} from './assert.js';
import type { LogtoErrorCode } from './errors.js';
import type { AccessTokenClaims, IdTokenClaims, UserInfoResponse } from './types.js';

const nullableStrings = ['name', 'picture', 'username', 'email', 'phone_number'] as const;
const optionalStrings = [
  'preferred_username',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'profile',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'sid',
] as const;
const optionalNumbers = ['created_at', 'updated_at', 'auth_time'] as const;
const optionalBooleans = ['email_verified', 'phone_number_verified'] as const;
const optionalStringArrays = ['roles', 'organizations', 'organization_roles'] as const;
const addressFields = ['formatted', 'street_address', 'locality', 'region', 'postal_code', 'country'] as const;

const assertProfileClaims = (claims: Record<string, unknown>, code: LogtoErrorCode) => {
  assertString(claims.sub, code, 'sub', { nonEmpty: true });
  for (const field of nullableStrings) assertNullableString(claims[field], code, field);
  for (const field of optionalStrings) assertOptionalString(claims[field], code, field);
  for (const field of optionalNumbers) assertOptionalNumber(claims[field], code, field);
  for (const field of optionalBooleans) assertOptionalBoolean(claims[field], code, field);
  for (const field of optionalStringArrays) assertOptionalStringArray(claims[field], code, field);

  const { address, custom_data, identities, sso_identities, organization_data } = claims;
  if (address !== undefined && address !== null) {
    assertObject(address, code, 'address');
    for (const field of addressFields) assertOptionalString(address[field], code, `address.${field}`);
  }
  if (custom_data !== undefined) assertObject(custom_data, code, 'custom_data');
  if (identities !== undefined) {
    assertObject(identities, code, 'identities');
    for (const [target, identity] of Object.entries(identities)) {
      assertObject(identity, code, `identities.${target}`);
      assertString(identity.userId, code, `identities.${target}.userId`);
      if (identity.details !== undefined) assertObject(identity.details, code, `identities.${target}.details`);
    }
  }
  if (sso_identities !== undefined) {
    assertArray(sso_identities, code, 'sso_identities');
    for (const identity of sso_identities) {
      assertObject(identity, code, 'sso_identities[]');
      assertString(identity.issuer, code, 'sso_identities[].issuer');
      assertString(identity.identityId, code, 'sso_identities[].identityId');
    }
  }
  if (organization_data !== undefined) {
    assertArray(organization_data, code, 'organization_data');
    for (const organization of organization_data) {
      assertObject(organization, code, 'organization_data[]');
      assertString(organization.id, code, 'organization_data[].id');
      assertString(organization.name, code, 'organization_data[].name');
      assertNullableString(organization.description, code, 'organization_data[].description');
    }
  }
};

/**
 * Narrows a userinfo body: a non-empty `sub` and well-typed standard and Logto claims. Unknown
 * claims are kept as they are.
 *
 * @throws {LogtoError} `code`
 * @see OpenID Connect Core 1.0 section 5.3.2, docs/logto-protocol.md#userinfo
 */
export function assertUserInfoClaims(
  value: unknown,
  code: LogtoErrorCode,
): asserts value is Record<string, unknown> & UserInfoResponse {
  assertObject(value, code, 'userinfo');
  assertProfileClaims(value, code);
}

/**
 * Narrows a verified ID-token payload: the registered claims (`iss`, `aud`, `exp`, `iat`, optional
 * `nonce`, `at_hash`) and every profile claim by type. Unknown claims are kept as they are.
 *
 * @throws {LogtoError} `code`
 * @see OpenID Connect Core 1.0 section 2, docs/logto-protocol.md#claims
 */
export function assertIdTokenClaims(
  value: unknown,
  code: LogtoErrorCode,
): asserts value is Record<string, unknown> & IdTokenClaims {
  assertObject(value, code, 'ID token claims');
  assertString(value.iss, code, 'iss');
  assertAudience(value.aud, code);
  assertNumber(value.exp, code, 'exp');
  assertNumber(value.iat, code, 'iat');
  assertOptionalString(value.nonce, code, 'nonce');
  assertOptionalString(value.at_hash, code, 'at_hash');
  assertProfileClaims(value, code);
}

/**
 * Narrows a JWT access-token payload (API resource or organization token).
 *
 * @throws {LogtoError} `code`
 * @see RFC 9068 section 2.2, docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens
 */
export function assertAccessTokenClaims(
  value: unknown,
  code: LogtoErrorCode,
): asserts value is Record<string, unknown> & AccessTokenClaims {
  assertObject(value, code, 'access token claims');
  assertString(value.sub, code, 'sub', { nonEmpty: true });
  assertString(value.iss, code, 'iss');
  assertAudience(value.aud, code);
  assertNumber(value.iat, code, 'iat');
  assertNumber(value.exp, code, 'exp');
  assertOptionalString(value.jti, code, 'jti');
  assertOptionalString(value.scope, code, 'scope');
  assertOptionalString(value.client_id, code, 'client_id');
  assertOptionalString(value.organization_id, code, 'organization_id');
}
