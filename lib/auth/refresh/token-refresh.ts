import type { LogtoConfig } from '../../config.js';
import type { CachedToken, SessionData } from '../cookies/session-data.js';
import { markOutage, withoutOutageMark } from './outage-mark.js';
import type { RefreshFailure } from './refresh-failure.js';
import { runRefreshGrants, type RefreshOutcome } from './refresh-grant.js';
import { forgetRefreshesForTests, mayBeRemembered, recall, refreshTokenKey, remember } from './refresh-memory.js';
import { planTasks, type TokenNeeds } from './token-needs.js';

/**
 * `ensureTokens`: the one entry point of refreshing, single-flight per refresh token. The refresh
 * grants themselves are in `refresh-grant.ts`, what they leave behind for concurrent requests in
 * `refresh-memory.ts`, which tokens a request needs in `token-needs.ts`.
 */

export { neededTokenKeys, planTasks, tokenKeyFor, type OrganizationResource, type TokenNeeds } from './token-needs.js';
export type { SessionEndReason } from './refresh-failure.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

const later = (a: CachedToken | undefined, b: CachedToken | undefined) =>
  !a || (b && b.expiresAt > a.expiresAt) ? b : a;

/** Takes whatever a concurrent refresh of the same session obtained that this copy lacks. */
function adopt(current: SessionData, newer: SessionData): SessionData {
  let changed = false;
  const tokens = { ...current.tokens };
  for (const [key, token] of Object.entries(newer.tokens)) {
    const best = later(tokens[key], token);
    if (best !== tokens[key]) {
      tokens[key] = best!;
      changed = true;
    }
  }
  const accessToken = later(current.accessToken, newer.accessToken);
  const claims = newer.claims.iat > current.claims.iat ? newer.claims : current.claims;
  const refreshToken = newer.refreshToken ?? current.refreshToken;
  changed ||=
    accessToken !== current.accessToken || claims !== current.claims || refreshToken !== current.refreshToken;
  if (!changed) return current;
  const base = claims !== current.claims ? withoutOutageMark(current) : current;
  return { ...base, tokens, accessToken, claims, refreshToken };
}

/** The refresh under way per refresh-token key (see `refreshTokenKey`). */
const inflight = new Map<string, Promise<void>>();

async function refresh(session: SessionData, needs: TokenNeeds, config: LogtoConfig): Promise<RefreshOutcome> {
  // The usual case: nothing due, no refresh under way, none of this refresh token remembered to
  // adopt. Same answer as the loop below, without hashing the refresh token (a WebCrypto call).
  const start = nowSeconds();
  const remembered = session.refreshToken !== undefined && mayBeRemembered(session.refreshToken, start);
  if (inflight.size === 0 && !remembered && planTasks(session, needs, start).length === 0) {
    return { session, changed: false };
  }
  let current = session;
  let changed = false;
  for (let round = 0; round < 5; round += 1) {
    if (!current.refreshToken) {
      const now = nowSeconds();
      if (planTasks(current, needs, now).length === 0) return { session: current, changed };
      const failure: RefreshFailure =
        current.claims.exp <= now
          ? { code: 'session.refresh_token_missing', fatal: true, reason: 'session.expired' }
          : { code: 'session.refresh_token_missing', fatal: false };
      return { session: current, changed, failure };
    }
    const presented = current.refreshToken;
    const key = await refreshTokenKey(presented);
    const now = nowSeconds();
    const known = recall(key, now);
    if (known?.session) {
      const adopted = adopt(current, known.session);
      if (adopted !== current) {
        changed = true;
        const rotated = adopted.refreshToken !== current.refreshToken;
        current = adopted;
        if (rotated) continue;
      }
    }
    const plan = planTasks(current, needs, now);
    if (plan.length === 0) return { session: current, changed };
    if (known?.failure) return { session: current, changed, failure: known.failure };
    // Tokens Logto refused a moment ago are not asked for again yet; the others still are.
    const refused = known ? plan.map((task) => known.refusalOf(task)).find((refusal) => refusal !== undefined) : undefined;
    const tasks = known ? plan.filter((task) => known.refusalOf(task) === undefined) : plan;
    if (tasks.length === 0) return { session: current, changed, failure: refused };

    const running = inflight.get(key);
    if (running) {
      await running;
      continue;
    }
    let release!: () => void;
    inflight.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      const run = await runRefreshGrants(current, tasks, config);
      remember(key, presented, run, nowSeconds());
      const { outcome } = run;
      return { ...outcome, changed: changed || outcome.changed, failure: outcome.failure ?? refused };
    } finally {
      inflight.delete(key);
      release();
    }
  }
  // Five rounds of adopting other requests' rotations and still due: report it as temporary
  // rather than as success, so the page says the tokens could not be refreshed.
  const due = planTasks(current, needs, nowSeconds()).length > 0;
  return due ? { session: current, changed, failure: { code: 'token.request_failed', fatal: false } } : { session: current, changed };
}

/**
 * Makes the tokens in `needs` fresh, refreshing ahead of expiry. Single-flight per refresh token:
 * concurrent callers with the same session wait for one refresh and share its result; the
 * refreshes a session needs run in sequence. Never throws: failures come back in `failure`, and
 * the session returned is the best one available (unchanged if nothing could be refreshed). A
 * failure without an answer from Logto after the claims expired marks the session's outage
 * (`outageSince`), from which the outage grace runs; a successful refresh clears the mark.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokens
 * @see docs/logto-protocol.md#refresh-token-rotation
 */
export async function ensureTokens(session: SessionData, needs: TokenNeeds, config: LogtoConfig): Promise<RefreshOutcome> {
  return markOutage(await refresh(session, needs, config), nowSeconds());
}

/** For tests: forget refreshes remembered across calls. */
export function resetRefreshMemoryForTests(): void {
  inflight.clear();
  forgetRefreshesForTests();
}
