/**
 * Logto's RP-initiated logout never asks: the confirmation form submits itself with `logout=yes`,
 * as https://github.com/logto-io/logto/blob/v1.37.1/packages/core/static/html/logout.html does.
 * See `docs/logto-protocol.md`, "Revocation and end session".
 */
import type { Configuration } from 'oidc-provider';

import { signedOutPage, signingOutPage } from '../views/end-session';

type LogoutFeature = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;

export const logtoLogout: LogoutFeature = {
  enabled: true,
  logoutSource: (ctx, form) => {
    ctx.type = 'html';
    ctx.body = signingOutPage(form);
  },
  postLogoutSuccessSource: (ctx) => {
    ctx.type = 'html';
    ctx.body = signedOutPage();
  },
};
