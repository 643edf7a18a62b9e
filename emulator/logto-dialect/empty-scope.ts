/**
 * Logto's JWT access tokens always carry `scope`: a token for a resource the user holds no
 * permission on says `scope: ""`, where oidc-provider would leave the claim out. See
 * `docs/logto-protocol.md`, "API resource tokens".
 */
import type { Configuration } from 'oidc-provider';

type JwtCustomizer = NonNullable<NonNullable<NonNullable<Configuration['formats']>['customizers']>['jwt']>;

export const emptyScopeClaim: JwtCustomizer = (_ctx, _token, jwt) => {
  jwt.payload.scope ??= '';
};
