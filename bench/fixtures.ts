/**
 * Sessions for the in-process figures, made like the unit tests make them
 * (`lib/auth/test-utils/sessions.ts`), sealed and chunked by the product's own `writeSessionCookie`.
 */
import type { CookieWrite } from '@/lib/auth/cookies/cookie-store';
import { writeSessionCookie, type SessionCookieSettings } from '@/lib/auth/cookies/session-cookie';
import type { SessionData } from '@/lib/auth/cookies/session-data';
import { emptyReader } from '@/lib/auth/test-utils/sessions';

export { accessToken, emptyReader, sessionWith } from '@/lib/auth/test-utils/sessions';

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
