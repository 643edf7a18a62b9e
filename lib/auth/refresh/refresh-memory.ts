import type { SessionData } from '../cookies/session-data.js';
import type { GrantRun } from './refresh-grant.js';
import type { RefreshFailure } from './refresh-failure.js';
import { needKey, type RefreshTask } from './token-needs.js';

/**
 * In-process memory of recent refreshes, keyed by a hash of the refresh token presented. Requests
 * that raced with a refresh adopt the session it produced instead of presenting a refresh token
 * Logto has already rotated (which would revoke the whole grant), and recent failures are not
 * retried at once. A failure answers only for what it concerns: a refused grant or an unreachable
 * Logto for every need, Logto's refusal of one token for that token's need alone (its resource,
 * organization or both).
 */

/** What requests presenting one refresh token may reuse, while it stands. */
interface Recollection {
  /** The session a refresh with this token produced lately. */
  session?: SessionData;
  /** A failure that concerns the whole session: the grant refused, or Logto unreachable. */
  failure?: RefreshFailure;
  /** Logto's refusal of the token `task` asks for, if it was refused lately. */
  refusalOf(task: RefreshTask): RefreshFailure | undefined;
}

interface Dated<T> {
  value: T;
  until: number;
}

interface Memory {
  session: Dated<SessionData>;
  failure?: Dated<RefreshFailure>;
  refusals: Map<string, Dated<RefreshFailure>>;
  /** When the last of the above stops counting. */
  until: number;
}

/** A session produced, or a refusal of the grant, is reused this long. */
const REMEMBER_RESULT_SECONDS = 60;
/** An outage, or Logto's refusal of one token, is retried after this long. */
const REMEMBER_FAILURE_SECONDS = 5;
const MAX_REMEMBERED = 5_000;

const remembered = new Map<string, Memory>();
/**
 * A synchronous pre-filter for `remembered`: FNV-1a (32 bits, not a security boundary) of each
 * refresh token remembered lately → when its entry stops counting. No live entry here means no
 * live entry in `remembered` for that token, so the request need not hash its refresh token.
 */
const recentlyRemembered = new Map<number, number>();

function quickHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The key refreshes presenting `refreshToken` are remembered under (SHA-256, base64). */
export async function refreshTokenKey(refreshToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(refreshToken));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** Whether anything may be remembered for `refreshToken` at `now` (false means surely nothing). */
export function mayBeRemembered(refreshToken: string, now: number): boolean {
  return (recentlyRemembered.get(quickHash(refreshToken)) ?? 0) > now;
}

const live = <T>(entry: Dated<T> | undefined, now: number): T | undefined =>
  entry && entry.until > now ? entry.value : undefined;

/** What is remembered under `key` and still stands at `now`, if anything. */
export function recall(key: string, now: number): Recollection | undefined {
  const memory = remembered.get(key);
  if (!memory || memory.until <= now) return undefined;
  return {
    session: live(memory.session, now),
    failure: live(memory.failure, now),
    refusalOf: (task) => live(memory.refusals.get(needKey(task)), now),
  };
}

function makeRoom(now: number): void {
  if (remembered.size >= MAX_REMEMBERED) {
    for (const [staleKey, memory] of remembered) if (memory.until <= now) remembered.delete(staleKey);
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  }
  if (recentlyRemembered.size >= MAX_REMEMBERED) {
    for (const [quick, until] of recentlyRemembered) if (until <= now) recentlyRemembered.delete(quick);
  }
}

/**
 * Remembers what a run of refresh grants presenting `presented` (hashed to `key`) produced at
 * `now`. Refusals of single tokens remembered earlier for the same refresh token are kept.
 */
export function remember(key: string, presented: string, run: GrantRun, now: number): void {
  makeRoom(now);
  const { session, failure } = run.outcome;
  const refusals = new Map<string, Dated<RefreshFailure>>();
  for (const [need, refusal] of remembered.get(key)?.refusals ?? []) if (refusal.until > now) refusals.set(need, refusal);
  for (const [need, refusal] of run.refusals) refusals.set(need, { value: refusal, until: now + REMEMBER_FAILURE_SECONDS });
  const sessionWide = failure && !failure.tokenOnly ? failure : undefined;
  const memory: Memory = {
    session: { value: session, until: now + REMEMBER_RESULT_SECONDS },
    ...(sessionWide && {
      failure: { value: sessionWide, until: now + (sessionWide.fatal ? REMEMBER_RESULT_SECONDS : REMEMBER_FAILURE_SECONDS) },
    }),
    refusals,
    until: now + REMEMBER_RESULT_SECONDS,
  };
  remembered.set(key, memory);
  const quick = quickHash(presented);
  recentlyRemembered.set(quick, Math.max(recentlyRemembered.get(quick) ?? 0, memory.until));
}

/** For tests: forget every refresh remembered. */
export function forgetRefreshesForTests(): void {
  remembered.clear();
  recentlyRemembered.clear();
}
