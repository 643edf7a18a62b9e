import { LogtoError } from '../../logto/errors.js';
import { chunkSlots, existingChunkNames, MAX_CHUNK_LENGTH, readChunks, splitIntoChunks } from './chunks.js';
import { cookieName, cookieOptions, deletion, type CookieReader, type CookieWrite } from './cookie-store.js';
import { seal, unsealCached } from './seal.js';
import { evictionOrder, withoutToken, type SessionData } from './session-data.js';
import { fromStoredSession, toStoredSession } from './stored-session.js';

/** The session cookie's base name; see `sessionCookieName` for the name actually used. */
export const SESSION_COOKIE = 'logto_session';

/** Sliding lifetime of the session cookie; Logto's default refresh-token lifetime. */
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;

/** The most chunks a session may take. */
export const MAX_SESSION_CHUNKS = 3;

/**
 * The most the session may take in the `Cookie` header: what `readChunks` accepts for
 * `MAX_SESSION_CHUNKS`, and so the most the writer may write. Beyond it, cached API tokens are
 * evicted, so a user with many organizations never hits a 431; a session that still does not fit
 * is not written at all (`session.too_large`).
 */
export const SESSION_BUDGET = MAX_SESSION_CHUNKS * MAX_CHUNK_LENGTH;

/** How the session cookie is sealed and named. */
export interface SessionCookieSettings {
  /** `LOGTO_COOKIE_SECRET`: the first seals, any of them unseals. */
  secrets: readonly string[];
  /** https: `Secure` and the `__Host-` prefix. */
  secure: boolean;
}

/**
 * The session cookie as read: absent, present but not a session this app wrote (`invalid`: clear
 * it), or the unsealed session.
 */
type SessionRead =
  | { status: 'none' }
  | { status: 'invalid' }
  | { status: 'valid'; session: SessionData };

/** `logto_session`, or `__Host-logto_session` on https. */
export const sessionCookieName = (secure: boolean) => cookieName(SESSION_COOKIE, secure);

/**
 * Reads and unseals the session. Anything but a set of chunks we wrote, byte for byte, reads as
 * `invalid`. The same cookie presented again is not unsealed again (see `unsealCached`): the
 * session returned is shared and frozen, so treat it as read-only (every helper here makes new
 * objects).
 */
export async function readSessionCookie(reader: CookieReader, settings: SessionCookieSettings): Promise<SessionRead> {
  const read = readChunks(reader, sessionCookieName(settings.secure), MAX_SESSION_CHUNKS);
  if (read.status !== 'present') return read;
  const session = fromStoredSession(await unsealCached(read.value, settings.secrets, SESSION_TTL_SECONDS));
  return session ? { status: 'valid', session } : { status: 'invalid' };
}

/**
 * Seals the session within the budget, evicting cached API tokens (soonest to expire first, the
 * ones in `keep` last) if needed. The writes set every chunk slot: chunks written, every other
 * slot deleted, so two responses racing each other leave the browser one coherent set whatever
 * order they arrive in.
 *
 * Throws `LogtoError('session.too_large')`, writing nothing, when the session does not fit even
 * without any cached token: a cookie `readSessionCookie` would refuse reads as signed out, and
 * the next sign-in would write it again, a loop. Callers end the attempt or the session instead.
 */
export async function writeSessionCookie(
  reader: CookieReader,
  session: SessionData,
  settings: SessionCookieSettings,
  keep: ReadonlySet<string> = new Set(),
): Promise<{ writes: CookieWrite[]; session: SessionData }> {
  const sealSession = (data: SessionData) => seal(toStoredSession(data), settings.secrets, SESSION_TTL_SECONDS);
  let current = session;
  let sealed = await sealSession(current);
  const order = evictionOrder(current);
  const evictable = [...order.filter((key) => !keep.has(key)), ...order.filter((key) => keep.has(key))];
  while (sealed.length > SESSION_BUDGET && evictable.length > 0) {
    current = withoutToken(current, evictable.shift()!);
    sealed = await sealSession(current);
  }
  if (sealed.length > SESSION_BUDGET) {
    throw new LogtoError('session.too_large', { detail: `${sealed.length} sealed bytes, budget ${SESSION_BUDGET}.` });
  }

  const name = sessionCookieName(settings.secure);
  const options = cookieOptions(settings.secure, SESSION_TTL_SECONDS);
  const chunks = splitIntoChunks(name, sealed);
  const written = new Set(chunks.map((chunk) => chunk.name));
  const writes: CookieWrite[] = chunks.map((chunk) => ({ ...chunk, options }));
  for (const slot of allSessionNames(reader, name)) {
    if (!written.has(slot)) writes.push(deletion(slot, settings.secure));
  }
  return { writes, session: current };
}

/** Whether `error` is `writeSessionCookie` refusing a session that cannot fit. */
export const isSessionTooLarge = (error: unknown): boolean => error instanceof LogtoError && error.code === 'session.too_large';

/** Every slot a session can occupy, plus any stray chunk present beyond them. */
function allSessionNames(reader: CookieReader, name: string): string[] {
  return [...new Set([...chunkSlots(name, MAX_SESSION_CHUNKS), ...existingChunkNames(reader, name)])];
}

/** Deletes every slot a session can occupy, and any stray chunk present. */
export function clearSessionCookie(reader: CookieReader, secure: boolean): CookieWrite[] {
  return allSessionNames(reader, sessionCookieName(secure)).map((slot) => deletion(slot, secure));
}
