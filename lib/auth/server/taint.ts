import * as React from 'react';
import type { SessionData } from '../cookies/session-data.js';

type TaintUniqueValue = (message: string, lifetime: object, value: string) => void;

/**
 * React's `experimental_taintUniqueValue`, present in the server build when `next.config.mjs`
 * sets `experimental.taint`; elsewhere (tests, a client bundle) there is nothing to taint.
 */
const taintUniqueValue = (React as unknown as { experimental_taintUniqueValue?: TaintUniqueValue })
  .experimental_taintUniqueValue;

const MESSAGE =
  'A Logto token was about to be passed to a client component. Tokens stay on the server: pass the session view or the claims instead.';

/**
 * Marks a token string so React refuses to serialise it into a client component's props for as
 * long as `lifetime` lives.
 * @see https://react.dev/reference/react/experimental_taintUniqueValue
 */
function taintToken(lifetime: object, token: string): void {
  taintUniqueValue?.(MESSAGE, lifetime, token);
}

/** Sessions already tainted: the unsealed session is shared by every request carrying that cookie. */
const taintedSessions = new WeakSet<SessionData>();

/**
 * Taints every token string of a session, so none can reach a client component. Once per session
 * object: React registers the lifetime object on every call, so tainting per request would grow
 * its registry with every page view.
 */
export function taintSession(session: SessionData): void {
  if (taintedSessions.has(session)) return;
  taintedSessions.add(session);
  if (session.refreshToken) taintToken(session, session.refreshToken);
  if (session.accessToken) taintToken(session, session.accessToken.token);
  for (const token of Object.values(session.tokens)) taintToken(session, token.token);
}
