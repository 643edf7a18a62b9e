import 'server-only';
import type { ClientSession, SessionView } from 'next-logto';
import { SIGNED_OUT } from 'next-logto/client';
import { getClientSession, getSession } from '@/app/_demo/logto';

/** The session for public pages: a configuration problem reads as signed out, not a crash. */
export async function getSessionOrNull(): Promise<SessionView | null> {
  try {
    return await getSession();
  } catch {
    return null;
  }
}

/** The session for the client components (`LogtoSessionProvider`): a configuration problem reads as signed out. */
export async function getClientSessionOrSignedOut(): Promise<ClientSession> {
  try {
    return await getClientSession();
  } catch {
    return SIGNED_OUT;
  }
}
