import { existingChunkNames, MAX_CHUNK_LENGTH, readChunks, splitIntoChunks } from './chunks';
import { cookieOptions, deletion, type CookieReader, type CookieWrite } from './cookie-store';
import { seal, unsealCached } from './seal';
import { evictionOrder, isSessionData, withoutToken, type SessionData } from './session-data';

export const SESSION_COOKIE = 'logto_session';

/** Sliding lifetime of the session cookie; Logto's default refresh-token lifetime. */
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

/**
 * The most the session may take in the `Cookie` header (three chunks). Beyond it, cached API
 * tokens are evicted, so a user with many organizations never hits a 431.
 */
export const SESSION_BUDGET = 3 * MAX_CHUNK_LENGTH;

export interface SessionCookieSettings {
  secrets: readonly string[];
  secure: boolean;
}

export type SessionRead =
  | { status: 'none' }
  | { status: 'invalid' }
  | { status: 'valid'; session: SessionData };

/**
 * Reads and unseals the session. Tampered, truncated or foreign cookies read as `invalid`. The
 * same cookie presented again is not unsealed again (see `unsealCached`): the session returned
 * is shared and frozen, so treat it as read-only (every helper here makes new objects).
 */
export async function readSessionCookie(reader: CookieReader, settings: SessionCookieSettings): Promise<SessionRead> {
  const sealed = readChunks(reader, SESSION_COOKIE);
  if (!sealed) return { status: 'none' };
  const data = await unsealCached(sealed, settings.secrets, SESSION_TTL_SECONDS);
  return isSessionData(data) ? { status: 'valid', session: data } : { status: 'invalid' };
}

/**
 * Seals the session within the budget, evicting cached API tokens (soonest to expire first) if
 * needed, and returns the cookies to set plus deletions of stale chunks.
 */
export async function writeSessionCookie(
  reader: CookieReader,
  session: SessionData,
  settings: SessionCookieSettings,
): Promise<{ writes: CookieWrite[]; session: SessionData }> {
  let current = session;
  let sealed = await seal(current, settings.secrets, SESSION_TTL_SECONDS);
  const evictable = evictionOrder(current);
  while (sealed.length > SESSION_BUDGET && evictable.length > 0) {
    current = withoutToken(current, evictable.shift()!);
    sealed = await seal(current, settings.secrets, SESSION_TTL_SECONDS);
  }

  const options = cookieOptions(settings.secure, SESSION_TTL_SECONDS);
  const chunks = splitIntoChunks(SESSION_COOKIE, sealed);
  const written = new Set(chunks.map((chunk) => chunk.name));
  const writes: CookieWrite[] = chunks.map((chunk) => ({ ...chunk, options }));
  for (const name of existingChunkNames(reader, SESSION_COOKIE)) {
    if (!written.has(name)) writes.push(deletion(name, settings.secure));
  }
  return { writes, session: current };
}

/** Deletes every session chunk present. */
export function clearSessionCookie(reader: CookieReader, secure: boolean): CookieWrite[] {
  return existingChunkNames(reader, SESSION_COOKIE).map((name) => deletion(name, secure));
}
