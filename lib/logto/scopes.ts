/**
 * Scopes every sign-in needs: `openid` for the ID token, `offline_access` for a refresh token.
 *
 * @see docs/logto-protocol.md#authorization-request
 * @see https://openid.net/specs/openid-connect-core-1_0.html#OfflineAccess
 */
export const ReservedScope = Object.freeze({
  OpenId: 'openid',
  OfflineAccess: 'offline_access',
} as const);

/**
 * Logto's user scopes and the claims they unlock.
 *
 * @see docs/logto-protocol.md#claims
 * @see https://docs.logto.io/developers/custom-id-token
 */
export const UserScope = Object.freeze({
  Profile: 'profile',
  Email: 'email',
  Phone: 'phone',
  Address: 'address',
  CustomData: 'custom_data',
  Identities: 'identities',
  Roles: 'roles',
  Organizations: 'urn:logto:scope:organizations',
  OrganizationRoles: 'urn:logto:scope:organization_roles',
} as const);

/**
 * Resource indicators Logto reserves. Requesting `Organization` at sign-in is what lets the refresh
 * token later mint organization tokens.
 *
 * @see docs/logto-protocol.md#organization-tokens
 * @see https://docs.logto.io/authorization/organization-template/protect-organization-resources
 */
export const ReservedResource = Object.freeze({
  Organization: 'urn:logto:resource:organizations',
} as const);

/**
 * The audience prefix of organization tokens: `urn:logto:organization:<organizationId>`.
 *
 * @see docs/logto-protocol.md#organization-tokens
 */
export const organizationUrnPrefix = 'urn:logto:organization:';

/**
 * The audience of an organization token for `organizationId`.
 *
 * @see docs/logto-protocol.md#organization-tokens
 */
export function buildOrganizationUrn(organizationId: string): string {
  return `${organizationUrnPrefix}${organizationId}`;
}

/**
 * The organization id inside an organization audience URN.
 *
 * @throws {TypeError} When `urn` does not start with `urn:logto:organization:` or has no id.
 * @see docs/logto-protocol.md#organization-tokens
 */
export function getOrganizationIdFromUrn(urn: string): string {
  if (!urn.startsWith(organizationUrnPrefix) || urn.length === organizationUrnPrefix.length) {
    throw new TypeError(`"urn" must start with ${organizationUrnPrefix} and name an organization`);
  }
  return urn.slice(organizationUrnPrefix.length);
}

const unique = (values: readonly string[]): string[] => [...new Set(values.filter((value) => value.length > 0))];

/**
 * The scopes to request: `openid offline_access profile` first, then `scopes`, without duplicates
 * or empty entries, in insertion order (the Logto SDK's `withReservedScopes`).
 *
 * @see docs/logto-protocol.md#authorization-request
 */
export function withReservedScopes(scopes: readonly string[]): string[] {
  return unique([ReservedScope.OpenId, ReservedScope.OfflineAccess, UserScope.Profile, ...scopes]);
}

/**
 * The resources to request: `resources` plus `urn:logto:resource:organizations` when the
 * organizations scope is among `scopes`, without duplicates.
 *
 * @see docs/logto-protocol.md#authorization-request, docs/logto-protocol.md#organization-tokens
 */
export function withOrganizationResource(scopes: readonly string[], resources: readonly string[]): string[] {
  return unique(
    scopes.includes(UserScope.Organizations) ? [...resources, ReservedResource.Organization] : resources,
  );
}
