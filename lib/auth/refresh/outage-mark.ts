import type { SessionData } from '../cookies/session-data.js';
import type { RefreshOutcome } from './refresh-grant.js';

/**
 * The outage mark (`SessionData.outageSince`): when the first refresh failed for want of an answer
 * from Logto after the session's ID token had expired. The outage grace runs from it
 * (`sessionStatus`); a successful refresh clears it.
 */

/** The session without the outage mark: Logto has answered a refresh of it. */
export function withoutOutageMark(session: SessionData): SessionData {
  if (session.outageSince === undefined) return session;
  const { outageSince: _outageSince, ...rest } = session;
  return rest;
}

/**
 * `outcome` with the outage mark set at `now` when the refresh failed without an answer from
 * Logto while the claims have expired and no earlier failure is marked. A refused token
 * (`tokenOnly`) is an answer, and a refusal of the session ends it: neither marks.
 */
export function markOutage(outcome: RefreshOutcome, now: number): RefreshOutcome {
  const { session, failure } = outcome;
  if (!failure || failure.fatal || failure.tokenOnly) return outcome;
  if (session.claims.exp > now || session.outageSince !== undefined) return outcome;
  return { ...outcome, session: { ...session, outageSince: now }, changed: true };
}
