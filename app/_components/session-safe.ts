import 'server-only';
import { getSession, type SessionView } from '@/lib/auth/server';

/** The session for public pages: a configuration problem reads as signed out, not a crash. */
export async function getSessionOrNull(): Promise<SessionView | null> {
  try {
    return await getSession();
  } catch {
    return null;
  }
}
