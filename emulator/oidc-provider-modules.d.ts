// Types for the few oidc-provider 9.x internals that the emulator's refresh_token grant reuses
// (the same seam Logto keeps in
// https://github.com/logto-io/logto/tree/v1.37.1/packages/core/src/include.d/oidc-provider).
// Only `oidc-provider-internals.ts` may import these modules.

declare module 'oidc-provider/lib/helpers/grant_common.js' {
  import type { Account, KoaContextWithOIDC } from 'oidc-provider';
  import type Provider from 'oidc-provider';

  type AccessToken = InstanceType<Provider['AccessToken']>;
  type RefreshToken = InstanceType<Provider['RefreshToken']>;
  type Grant = InstanceType<Provider['Grant']>;

  export function createAccessToken(
    provider: Provider,
    ctx: KoaContextWithOIDC,
    source: {
      accountId: string;
      expiresWithSession?: boolean | undefined;
      grantId: string;
      sessionUid?: string | undefined;
      sid?: string | undefined;
    },
    gty: string | undefined,
  ): AccessToken;

  export function validateAccount(
    provider: Provider,
    ctx: KoaContextWithOIDC,
    source: RefreshToken,
    entityLabel: string,
  ): Promise<Account>;

  export function checkAccountMismatch(source: RefreshToken, grant: Grant): void;

  export function issueIdToken(
    provider: Provider,
    ctx: KoaContextWithOIDC,
    source: RefreshToken,
    at: AccessToken,
    grant: Grant,
    scopeOverride?: Set<string>,
  ): Promise<string | undefined>;
}

declare module 'oidc-provider/lib/helpers/grant_source.js' {
  import type { KoaContextWithOIDC } from 'oidc-provider';
  import type Provider from 'oidc-provider';

  export function validateGrant(
    provider: Provider,
    ctx: KoaContextWithOIDC,
    grantId: string | undefined,
  ): Promise<InstanceType<Provider['Grant']>>;
}

declare module 'oidc-provider/lib/helpers/grant_response.js' {
  import type Provider from 'oidc-provider';

  export function buildTokenResponse(
    provider: Provider,
    response: {
      accessToken: string;
      expiresIn: number;
      idToken?: string | undefined;
      refreshToken?: string | undefined;
      scope?: string | undefined;
      tokenType: string;
    },
  ): Record<string, unknown>;
}

declare module 'oidc-provider/lib/helpers/resolve_resource.js' {
  import type { KoaContextWithOIDC } from 'oidc-provider';
  import type Provider from 'oidc-provider';

  export interface ResolveResourceConfig {
    userinfo: { enabled: boolean };
    resourceIndicators: {
      enabled: boolean;
      useGrantedResource: (ctx: KoaContextWithOIDC, model: unknown) => boolean | Promise<boolean>;
      defaultResource: (
        ctx: KoaContextWithOIDC,
        client: unknown,
        oneOf?: readonly string[],
      ) => string | readonly string[] | undefined | Promise<string | readonly string[] | undefined>;
    };
  }

  export default function resolveResource(
    ctx: KoaContextWithOIDC,
    model: InstanceType<Provider['RefreshToken']>,
    config: ResolveResourceConfig,
    scopes: Set<string>,
  ): Promise<string | undefined>;
}

declare module 'oidc-provider/lib/helpers/revoke.js' {
  import type { KoaContextWithOIDC } from 'oidc-provider';

  export default function revoke(ctx: KoaContextWithOIDC, grantId: string | undefined): Promise<void>;
}

declare module 'oidc-provider/lib/helpers/validate_presence.js' {
  import type { KoaContextWithOIDC } from 'oidc-provider';

  export default function validatePresence(ctx: KoaContextWithOIDC, ...required: string[]): void;
}
