import type { IdTokenClaims } from '../../logto/types.js';
import { SIGNED_OUT, signedInSession, type ClientSession } from '../client/session-state.js';
import type { SessionView } from './session-view.js';

/**
 * The part of a session view a client component gets (`ClientSession`): status, claims and
 * expiry, copied key by key. Which tokens the session holds, and any field a view may gain later,
 * stay on the server; a token string is never among them.
 */
export function toClientSession<Claims extends IdTokenClaims>(view: SessionView<Claims> | null): ClientSession<Claims> {
  return view ? signedInSession(view.claims, view.status === 'grace') : SIGNED_OUT;
}

/** `getClientSession` over the app's `getSession`: the session for `LogtoSessionProvider`. */
export function createClientSessionReader<Claims extends IdTokenClaims>(
  getSession: () => Promise<SessionView<Claims> | null>,
): () => Promise<ClientSession<Claims>> {
  return async () => toClientSession(await getSession());
}
