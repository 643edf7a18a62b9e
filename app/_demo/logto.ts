import { createLogto } from 'next-logto';
import { LANGUAGE_COOKIE, negotiateLanguage } from '../_i18n/language';
import { dashboardTokensFor } from './routes';

/**
 * The demo's Logto integration: everything from the environment (`.env.development` offline),
 * the default paths, the API tokens each dashboard page shows, and Logto's sign-in page in the
 * dashboard's language.
 */
export const logto = createLogto({
  tokensFor: dashboardTokensFor,
  uiLocales: ({ cookies, headers }) => [negotiateLanguage(cookies.get(LANGUAGE_COOKIE)?.value, headers.get('accept-language'))],
});

export const {
  getSession,
  getClientSession,
  requireSession,
  getAccessToken,
  getOrganizationToken,
  fetchUserInfo,
  getRefreshFailure,
  getSessionEndReason,
  protectApi,
} = logto;
