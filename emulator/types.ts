/**
 * Shapes of the seed file (`emulator/seed.json`) and of the emulator's in-memory state.
 * Field names follow Logto's own data model (camelCase columns, connector config keys) so that
 * the seed reads like a Logto tenant export.
 */

export type JsonObject = { [key: string]: unknown };

export interface SeedApplication {
  id: string;
  name: string;
  secret: string;
  /** Logto application type. Only `Traditional` (a confidential web app) is modelled. */
  type: 'Traditional';
  /** First-party apps are auto-consented, like Logto's `koa-auto-consent`. */
  isThirdParty: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  /**
   * Logto's `oidcClientMetadata.backchannelLogoutUri`: where a logout token is POSTed when the
   * user's Logto session ends (OpenID Connect Back-Channel Logout 1.0).
   */
  backchannelLogoutUri?: string;
  /** Logto's `oidcClientMetadata.backchannelLogoutSessionRequired`: ID and logout tokens carry `sid`. */
  backchannelLogoutSessionRequired: boolean;
}

export interface SeedResourceScope {
  name: string;
  description?: string;
}

export interface SeedResource {
  indicator: string;
  name: string;
  /** Overrides the emulator-wide access token TTL for this API (Logto: `access_token_ttl`). */
  accessTokenTtl?: number;
  scopes: SeedResourceScope[];
}

export interface SeedPermission {
  resource: string;
  scope: string;
}

export interface SeedRole {
  name: string;
  description?: string;
  permissions: SeedPermission[];
}

export interface SeedOrganizationRole {
  name: string;
  description?: string;
  scopes: string[];
}

export interface SeedOrganizationTemplate {
  scopes: SeedResourceScope[];
  roles: SeedOrganizationRole[];
}

export interface SeedOrganization {
  id: string;
  name: string;
  description: string | null;
}

export interface UserAddress {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** Logto's `users.profile` column (all optional). */
export interface UserProfile {
  familyName?: string;
  givenName?: string;
  middleName?: string;
  nickname?: string;
  preferredUsername?: string;
  profile?: string;
  website?: string;
  gender?: string;
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  address?: UserAddress;
}

/** A connector's `SocialUserInfo` as stored in `identities.<target>.details`. */
export interface SocialUserInfo {
  id: string;
  email?: string;
  phone?: string;
  name?: string;
  avatar?: string;
  rawData?: JsonObject;
}

export interface UserIdentity {
  userId: string;
  details?: SocialUserInfo;
}

export interface UserOrganizationMembership {
  id: string;
  roles: string[];
}

export interface SeedUser {
  id: string;
  username: string | null;
  /** Plain text on purpose: these are published demo credentials. */
  password: string | null;
  name: string | null;
  avatar: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  profile: UserProfile;
  customData: JsonObject;
  identities: Record<string, UserIdentity>;
  roles: string[];
  organizations: UserOrganizationMembership[];
}

export interface User extends SeedUser {
  /** Epoch milliseconds, like Logto's `created_at` claim. */
  createdAt: number;
  updatedAt: number;
}

export type PostmarkUsageType = 'Register' | 'SignIn' | 'ForgotPassword' | 'Generic';

export interface PostmarkConfig {
  serverToken: string;
  fromEmail: string;
  templates: { usageType: string; templateAlias: string }[];
}

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  scope?: string;
}

export interface AzureAdConfig {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  cloudInstance: string;
  prompts?: string[];
  scopes?: string[];
}

export interface GitLabConfig {
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/**
 * Where the emulator sends a connector's server-to-server calls instead of the real vendor.
 * Not a Logto field: real connectors hard-code `api.postmarkapp.com`, `passport.feishu.cn`,
 * `gitlab.com` and `graph.microsoft.com`.
 */
export interface ConnectorEmulatorSettings {
  apiBaseUrl?: string;
  graphApiBaseUrl?: string;
}

interface ConnectorBase<Id extends string, Target extends string, Type, Config> {
  id: Id;
  target: Target;
  type: Type;
  /** Shown as "Continue with {name}" on the sign-in page. */
  name: string;
  enabled: boolean;
  config: Config;
  emulator: ConnectorEmulatorSettings;
}

export type PostmarkConnector = ConnectorBase<'postmark-mail', 'postmark-mail', 'Email', PostmarkConfig>;
export type FeishuConnector = ConnectorBase<'feishu-web', 'feishu', 'Social', FeishuConfig>;
export type AzureAdConnector = ConnectorBase<'azuread-universal', 'azuread', 'Social', AzureAdConfig>;
export type GitLabConnector = ConnectorBase<'gitlab-universal', 'gitlab', 'Social', GitLabConfig>;
export type SocialConnector = FeishuConnector | AzureAdConnector | GitLabConnector;
export type Connector = PostmarkConnector | SocialConnector;

export interface MockOAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface MockUpstream<Account> {
  /** What the consent page calls the provider, e.g. "GitLab". */
  displayName: string;
  clients: MockOAuthClient[];
  accounts: Account[];
}

/** GitLab's OIDC userinfo shape (`/oauth/userinfo`). */
export interface GitLabAccount {
  sub: string;
  name: string;
  nickname: string;
  preferred_username: string;
  email: string;
  email_verified: boolean;
  profile?: string;
  picture?: string;
  groups?: string[];
}

/** Feishu's `/suite/passport/oauth/userinfo` shape. */
export interface FeishuAccount {
  sub: string;
  name: string;
  picture: string;
  open_id: string;
  union_id: string;
  en_name: string;
  tenant_key: string;
  avatar_url: string;
  avatar_thumb: string;
  avatar_middle: string;
  avatar_big: string;
  email?: string | null;
  user_id?: string | null;
  employee_no?: string | null;
  mobile?: string | null;
}

/** Microsoft Graph `GET /v1.0/me` shape. */
export interface AzureAdAccount {
  id: string;
  displayName: string;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  userPrincipalName: string;
  jobTitle?: string | null;
  mobilePhone?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[];
}

export interface MockPostmark {
  serverToken: string;
  senderSignatures: string[];
  templateAliases: string[];
}

export interface MockUpstreams {
  postmark: MockPostmark;
  gitlab: MockUpstream<GitLabAccount>;
  feishu: MockUpstream<FeishuAccount>;
  azuread: MockUpstream<AzureAdAccount> & { tenantId: string };
}

export interface Seed {
  applications: SeedApplication[];
  resources: SeedResource[];
  roles: SeedRole[];
  organizationTemplate: SeedOrganizationTemplate;
  organizations: SeedOrganization[];
  users: SeedUser[];
  connectors: Connector[];
  mockUpstreams: MockUpstreams;
}
