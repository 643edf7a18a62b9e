/** A `fetch`-compatible function; injected so the core runs anywhere and tests need no mocks. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The discovery fields this client reads (docs/logto-protocol.md#discovery). */
export interface DiscoveryDocument {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly userinfo_endpoint: string;
  readonly end_session_endpoint: string;
  readonly revocation_endpoint: string;
  readonly jwks_uri: string;
  /** Algorithms allowed for ID tokens and JWT access tokens. Never contains `none` or HS*. */
  readonly id_token_signing_alg_values_supported: readonly string[];
  readonly authorization_response_iss_parameter_supported: boolean;
}

/** A successful token-endpoint body after validation (docs/logto-protocol.md#token-endpoint-and-errors). */
export interface TokenResponse {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds, as sent by the server. */
  readonly expiresIn: number;
  /** Epoch seconds, computed from `expiresIn` and the time the request was sent. */
  readonly expiresAt: number;
  readonly idToken?: string;
  readonly refreshToken?: string;
  /** Space-separated; may be empty for resource tokens without granted permissions. */
  readonly scope: string;
}

/** Logto's address claim (OIDC standard address). */
export interface AddressClaim {
  formatted?: string;
  street_address?: string;
  locality?: string;
  region?: string;
  postal_code?: string;
  country?: string;
}

/** `identities.<target>` in userinfo: the connector's user id and its stored profile. */
export interface SocialIdentity {
  userId: string;
  details?: {
    id?: string;
    email?: string;
    phone?: string;
    name?: string;
    avatar?: string;
    rawData?: unknown;
    [key: string]: unknown;
  };
}

export interface SsoIdentity {
  issuer: string;
  identityId: string;
  detail: unknown;
}

export interface OrganizationData {
  id: string;
  name: string;
  description: string | null;
}

/** JSON values as they come from a token or userinfo body. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Claims of a Logto ID token (docs/logto-protocol.md#claims). `created_at` and `updated_at` are epoch
 * **milliseconds** (Logto's quirk); `iat`, `exp` and `auth_time` are epoch seconds.
 */
export interface IdTokenClaims {
  sub: string;
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  at_hash?: string;
  sid?: string;
  auth_time?: number;
  name?: string | null;
  picture?: string | null;
  username?: string | null;
  preferred_username?: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  nickname?: string;
  profile?: string;
  website?: string;
  gender?: string;
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  created_at?: number;
  updated_at?: number;
  email?: string | null;
  email_verified?: boolean;
  phone_number?: string | null;
  phone_number_verified?: boolean;
  address?: AddressClaim | null;
  roles?: string[];
  organizations?: string[];
  /** `"<organizationId>:<roleName>"` entries. */
  organization_roles?: string[];
  /** Present only when the tenant enables these extended claims in the ID token. */
  custom_data?: Record<string, JsonValue>;
  identities?: Record<string, SocialIdentity>;
  organization_data?: OrganizationData[];
}

/** The userinfo body (docs/logto-protocol.md#userinfo): ID-token profile claims plus userinfo-only ones. */
export interface UserInfoResponse extends Omit<IdTokenClaims, 'iss' | 'aud' | 'exp' | 'iat' | 'nonce' | 'at_hash'> {
  custom_data?: Record<string, JsonValue>;
  identities?: Record<string, SocialIdentity>;
  sso_identities?: SsoIdentity[];
  organization_data?: OrganizationData[];
}

/** Claims of a Logto JWT access token: API resource or organization (docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens). */
export interface AccessTokenClaims {
  jti?: string;
  sub: string;
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  /** Space-separated; empty (seen on Logto 1.37) or absent when no permission was granted. */
  scope?: string;
  client_id?: string;
  /** Set when a resource token was minted for an organization. */
  organization_id?: string;
}
