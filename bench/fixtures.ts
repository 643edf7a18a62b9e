/**
 * Sessions for the in-process figures, made like the unit tests make them
 * (`lib/auth/test-utils/sessions.ts`), sealed and chunked by the product's own `writeSessionCookie`.
 */
import type { CookieWrite } from '@/lib/auth/cookies/cookie-store';
import { writeSessionCookie, type SessionCookieSettings } from '@/lib/auth/cookies/session-cookie';
import type { SessionData } from '@/lib/auth/cookies/session-data';
import { emptyReader } from '@/lib/auth/test-utils/sessions';

export { accessToken, emptyReader, sessionWith } from '@/lib/auth/test-utils/sessions';

/** Where the in-process middleware figures pretend the app runs. */
export const MIDDLEWARE_APP_ORIGIN = 'http://127.0.0.1:3000';

/**
 * The configuration the in-process middleware figures run the app's middleware under. Logto is
 * never contacted: every session they present has fresh tokens, and the endpoint is a dead port.
 */
export const MIDDLEWARE_ENV = {
  LOGTO_ENDPOINT: 'http://127.0.0.1:9',
  LOGTO_APP_ID: 'logto-next-demo',
  LOGTO_APP_SECRET: 'local-emulator-secret-not-for-production',
  LOGTO_COOKIE_SECRET: 'bench-cookie-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  LOGTO_BASE_URL: MIDDLEWARE_APP_ORIGIN,
  LOGTO_SCOPES:
    'email phone address custom_data identities roles urn:logto:scope:organizations urn:logto:scope:organization_roles read:reports write:reports read:invoices write:invoices read:members write:members read:projects',
  LOGTO_RESOURCES: 'https://api-0.example.com https://api-1.example.com',
};

/** The cookies a fresh browser would hold after `writeSessionCookie` (deletions dropped). */
export async function sealSession(session: SessionData, settings: SessionCookieSettings) {
  const result = await writeSessionCookie(emptyReader, session, settings);
  const live = result.writes.filter((write: CookieWrite) => write.options.maxAge > 0);
  const cookieHeader = live.map((write) => `${write.name}=${write.value}`).join('; ');
  return { writes: live, kept: result.session, cookieHeader };
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
