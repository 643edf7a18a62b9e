import type { IdTokenClaims } from '../../logto/types.js';

/**
 * The session as client components see it: serialisable, and never a token. Build it on the
 * server with `logto.getClientSession()`; the provider keeps it in step with `paths.user`.
 */
export type ClientSession<Claims extends IdTokenClaims = IdTokenClaims> =
  | {
      /** A user is signed in. */
      status: 'signed-in';
      /** The verified ID-token claims. */
      claims: Claims;
      /** When the claims expire (epoch seconds); the middleware refreshes them ahead. */
      expiresAt: number;
      /** The claims expired while Logto could not be reached and are served until the outage grace ends. */
      grace: boolean;
    }
  | {
      /** Nobody is signed in. */
      status: 'signed-out';
      /** No claims. */
      claims: null;
      /** No expiry. */
      expiresAt: null;
      /** Not in an outage grace. */
      grace: false;
    };

/** Every key a `ClientSession` may have: nothing else ever reaches a client component. */
export const CLIENT_SESSION_KEYS = Object.freeze(['status', 'claims', 'expiresAt', 'grace'] as const);

/** The signed-out session. */
export const SIGNED_OUT: ClientSession<never> = Object.freeze({ status: 'signed-out', claims: null, expiresAt: null, grace: false });

/** The routes the client helpers use, from the server's `logto.paths` (extra paths are ignored). */
export interface ClientPaths {
  /** The sign-in route (`GET`, `?returnTo=`). */
  signIn: string;
  /** The sign-out route (`POST` from the app's own pages). */
  signOut: string;
  /** The JSON route `{ isAuthenticated, status, claims }` the provider re-reads. */
  user: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A signed-in `ClientSession` from ID-token claims, built key by key so nothing else (a token,
 * a cache of tokens) can ride along.
 */
export function signedInSession<Claims extends IdTokenClaims>(claims: Claims, grace: boolean): ClientSession<Claims> {
  return { status: 'signed-in', claims, expiresAt: claims.exp, grace };
}

/**
 * The session the `paths.user` route describes, or `undefined` when the body is not one of its
 * answers (a proxy's error page, a 503 for a configuration problem): keep what is shown then.
 */
export function fromUserResponse<Claims extends IdTokenClaims = IdTokenClaims>(body: unknown): ClientSession<Claims> | undefined {
  if (!isRecord(body) || typeof body.isAuthenticated !== 'boolean') return undefined;
  if (!body.isAuthenticated) return 'error' in body ? undefined : SIGNED_OUT;
  const { claims, status } = body;
  if (!isRecord(claims) || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
  return signedInSession(claims as unknown as Claims, status === 'grace');
}

/** What can happen to the session a provider holds. */
export type SessionAction<Claims extends IdTokenClaims = IdTokenClaims> =
  | { type: 'synced'; session: ClientSession<Claims> }
  | { type: 'signed-out' };

/** Whether two sessions show the same thing (claims compared by value). */
export function sameSession(a: ClientSession, b: ClientSession): boolean {
  if (a.status !== b.status || a.expiresAt !== b.expiresAt || a.grace !== b.grace) return false;
  return JSON.stringify(a.claims) === JSON.stringify(b.claims);
}

/**
 * The provider's reducer: the new session, or the very same state object when nothing changed,
 * so a focus that finds the same session re-renders nothing.
 */
export function sessionReducer<Claims extends IdTokenClaims>(state: ClientSession<Claims>, action: SessionAction<Claims>): ClientSession<Claims> {
  const next = action.type === 'signed-out' ? SIGNED_OUT : action.session;
  return sameSession(state, next) ? state : next;
}

/** The sign-in route that returns to `returnTo` afterwards. */
export function signInHref(paths: Pick<ClientPaths, 'signIn'>, returnTo?: string): string {
  return returnTo === undefined ? paths.signIn : `${paths.signIn}?${new URLSearchParams({ returnTo })}`;
}
