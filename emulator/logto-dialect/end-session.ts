/**
 * Logto's RP-initiated logout never asks: the confirmation form submits itself with `logout=yes`,
 * as https://github.com/logto-io/logto/blob/v1.37.1/packages/core/static/html/logout.html does.
 * See `docs/logto-protocol.md`, "Revocation and end session".
 */
import type { Configuration } from 'oidc-provider';

import { chooseLanguage, type UiLanguage } from '../i18n/text';
import { signedOutPage, signingOutPage } from '../views/end-session';

type LogoutFeature = NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>;
type LogoutContext = Parameters<NonNullable<LogoutFeature['postLogoutSuccessSource']>>[0];

/** The end-session request's `ui_locales` (the confirmation has none), else the browser's language. */
function languageOf(ctx: LogoutContext): UiLanguage {
  const params: unknown = ctx.oidc?.params;
  const uiLocales = params && typeof params === 'object' && 'ui_locales' in params ? params.ui_locales : undefined;
  return chooseLanguage(uiLocales, ctx.get('accept-language') || undefined);
}

export const logtoLogout: LogoutFeature = {
  enabled: true,
  logoutSource: (ctx, form) => {
    ctx.type = 'html';
    ctx.body = signingOutPage(form, languageOf(ctx));
  },
  postLogoutSuccessSource: (ctx) => {
    ctx.type = 'html';
    ctx.body = signedOutPage(languageOf(ctx));
  },
};
