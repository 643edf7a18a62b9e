/** A `fetch`-compatible function; injected so the core runs anywhere and tests need no mocks. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The discovery fields this client reads (docs/logto-protocol.md#discovery).
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 */
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
  /** Whether the authorization response carries `iss` (RFC 9207); `false` when not advertised. */
  readonly authorization_response_iss_parameter_supported: boolean;
}

/**
 * A successful token-endpoint body after validation (docs/logto-protocol.md#token-endpoint-and-errors).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
export interface TokenResponse {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds, as sent by the server. */
  readonly expiresIn: number;
  /** Epoch seconds, computed from `expiresIn` and the time the request was sent. */
  readonly expiresAt: number;
  /** Not yet verified: pass it to `verifyIdToken`. Present when `openid` was granted. */
  readonly idToken?: string;
  /** Present when `offline_access` was granted; Logto may send back the very token it was given. */
  readonly refreshToken?: string;
  /** Space-separated; may be empty for resource tokens without granted permissions. */
  readonly scope: string;
}

/**
 * Logto's address claim (OIDC standard address).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AddressClaim
 */
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
  /** The user's id at the connector (e.g. their GitLab user id). */
  userId: string;
  /** The profile the connector returned, as Logto stored it. */
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

/** One entry of `sso_identities` in userinfo: the user's identity at an enterprise SSO connector. */
export interface SsoIdentity {
  /** The SSO provider's issuer. */
  issuer: string;
  /** The user's id at that provider. */
  identityId: string;
  /** The profile the provider returned (note: `detail`, singular, unlike `SocialIdentity`). */
  detail: unknown;
}

/** One entry of `organization_data` (userinfo, scope `urn:logto:scope:organizations`). */
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
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDToken
 * @see https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims
 * @see https://docs.logto.io/developers/custom-id-token
 */
export interface IdTokenClaims {
  sub: string;
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  at_hash?: string;
  /** Logto's session id; only for apps whose back-channel logout requires the session. */
  sid?: string;
  /** When the user last authenticated; only after `prompt=login` or `max_age`. */
  auth_time?: number;
  /** `null` when unset, like `picture`, `username`, `email` and `phone_number`. */
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
  /** Epoch **milliseconds**. */
  created_at?: number;
  /** Epoch **milliseconds** (OIDC says seconds; Logto sends milliseconds). */
  updated_at?: number;
  email?: string | null;
  /** `true` whenever the user has a primary email: not a verification flag. */
  email_verified?: boolean;
  phone_number?: string | null;
  phone_number_verified?: boolean;
  address?: AddressClaim | null;
  /** Role names (scope `roles`). */
  roles?: string[];
  /** Organization ids (scope `urn:logto:scope:organizations`). */
  organizations?: string[];
  /** `"<organizationId>:<roleName>"` entries. */
  organization_roles?: string[];
  /** Present only when the tenant enables these extended claims in the ID token. */
  custom_data?: Record<string, JsonValue>;
  identities?: Record<string, SocialIdentity>;
  organization_data?: OrganizationData[];
}

/**
 * The userinfo body (docs/logto-protocol.md#userinfo): ID-token profile claims plus userinfo-only ones.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfoResponse
 */
export interface UserInfoResponse extends Omit<IdTokenClaims, 'iss' | 'aud' | 'exp' | 'iat' | 'nonce' | 'at_hash'> {
  /** The user's `custom_data` (scope `custom_data`); here whatever the tenant's ID-token settings. */
  custom_data?: Record<string, JsonValue>;
  /** Social identities keyed by connector target (scope `identities`). */
  identities?: Record<string, SocialIdentity>;
  /** Enterprise SSO identities (scope `identities`). */
  sso_identities?: SsoIdentity[];
  /** The user's organizations with their names (scope `urn:logto:scope:organizations`). */
  organization_data?: OrganizationData[];
}

/**
 * Claims of a Logto JWT access token: API resource or organization (docs/logto-protocol.md#api-resource-tokens, docs/logto-protocol.md#organization-tokens).
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2
 * @see https://docs.logto.io/developers/custom-token-claims
 */
export interface AccessTokenClaims {
  jti?: string;
  sub: string;
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  /** Space-separated; empty (seen on Logto 1.37) or absent when no permission was granted. */
  scope?: string;
  /** The Logto app the token was issued to. */
  client_id?: string;
  /** Set when a resource token was minted for an organization. */
  organization_id?: string;
}
