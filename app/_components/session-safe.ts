import 'server-only';
import { getSession } from '@/lib/auth/server';
import type { SessionData } from '@/lib/auth/session-data';

/** The session for public pages: a configuration problem reads as signed out, not a crash. */
export async function getSessionOrNull(): Promise<SessionData | null> {
  try {
    return await getSession();
  } catch {
    return null;
  }
}
