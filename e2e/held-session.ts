import type { BrowserContext } from '@playwright/test';
import { readSessionCookie } from '../lib/auth/cookies/session-cookie';
import type { SessionData } from '../lib/auth/cookies/session-data';
import { LOCAL_APP_ENV } from './mode';

/** The app's credentials in this run: the local provider's seed, or the real tenant's from the environment. */
export function appCredentials(): { id: string; secret: string; cookieSecret: string } {
  const local = process.env.E2E_MODE !== 'real';
  return {
    id: local ? LOCAL_APP_ENV.LOGTO_APP_ID : process.env.LOGTO_APP_ID!,
    secret: local ? LOCAL_APP_ENV.LOGTO_APP_SECRET : process.env.LOGTO_APP_SECRET!,
    cookieSecret: local ? LOCAL_APP_ENV.LOGTO_COOKIE_SECRET : process.env.LOGTO_COOKIE_SECRET!,
  };
}

/**
 * The session a browser holds for `appUrl`, unsealed the way the app does it (the test knows the
 * cookie secret), or `null` when it holds none: to reach the refresh token and check at Logto
 * whether it still works.
 */
export async function heldSession(context: BrowserContext, appUrl: string, cookieSecret = appCredentials().cookieSecret): Promise<SessionData | null> {
  const cookies = (await context.cookies(appUrl)).map(({ name, value }) => ({ name, value }));
  const reader = { get: (name: string) => cookies.find((cookie) => cookie.name === name), getAll: () => cookies };
  const read = await readSessionCookie(reader, { secrets: cookieSecret.split(','), secure: false });
  return read.status === 'valid' ? read.session : null;
}

/** What Logto's token endpoint says to a refresh with `refreshToken`: 200, or the OAuth error. */
export async function tryRefresh(
  context: BrowserContext,
  endpoint: string,
  refreshToken: string,
  client = appCredentials(),
): Promise<{ status: number; error?: string }> {
  const response = await context.request.post(`${endpoint}/oidc/token`, {
    headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}` },
    form: { grant_type: 'refresh_token', refresh_token: refreshToken },
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { status: response.status(), ...(body.error ? { error: body.error } : {}) };
}
