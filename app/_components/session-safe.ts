import 'server-only';
import type { SessionView } from '@/lib/auth';
import { getSession } from '@/app/_demo/logto';

/** The session for public pages: a configuration problem reads as signed out, not a crash. */
export async function getSessionOrNull(): Promise<SessionView | null> {
  try {
    return await getSession();
  } catch {
    return null;
  }
}
