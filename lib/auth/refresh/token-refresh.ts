import type { LogtoConfig } from '../../config';
import { verifyIdToken } from '../../logto/id-token';
import { buildOrganizationUrn } from '../../logto/scopes';
import { processTokenResponse, refreshGrantRequest } from '../../logto/token';
import type { DiscoveryDocument, TokenResponse } from '../../logto/types';
import { discover, requestOptions } from '../logto-client';
import { classifyRefreshError, isTokenSpecific, type RefreshFailure } from './refresh-failure';
import { cachedToken, isDue, sessionClaims, type CachedToken, type SessionData } from '../cookies/session-data';

/** Which tokens a request needs fresh. */
export interface TokenNeeds {
  /** The ID-token claims and the userinfo access token. */
  core?: boolean;
  /** API resource indicators, each requested at sign-in (`LOGTO_RESOURCES`): `resource` on the refresh grant. */
  resources?: readonly string[];
  /** Organization ids: organization tokens, `organization_id` on the refresh grant. */
  organizations?: readonly string[];
  /** API resources scoped to an organization (`resource` and `organization_id` on the refresh grant). */
  organizationResources?: readonly OrganizationResource[];
}

/**
 * An API resource token scoped to one organization (it carries an `organization_id` claim).
 * @see https://docs.logto.io/authorization/organization-level-api-resources
 */
export interface OrganizationResource {
  resource: string;
  organizationId: string;
}

export type { RefreshFailure, SessionEndReason } from './refresh-failure';

/** What `ensureTokens` did. */
export interface RefreshOutcome {
  /** The best session available: refreshed where it could be, otherwise as it was. */
  session: SessionData;
  /** Whether `session` differs from the one passed in, i.e. the cookie must be written. */
  changed: boolean;
  /** The first failure, when a needed token could not be refreshed. */
  failure?: RefreshFailure;
}

type Task =
  | { kind: 'core' }
  | { kind: 'resource'; resource: string }
  | { kind: 'organization'; organizationId: string }
  | ({ kind: 'organization_resource' } & OrganizationResource);

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The key a cached API token is stored under: the resource indicator or the organization URN. */
export function tokenKeyFor(task: { resource: string; organizationId?: string } | { organizationId: string }): string {
  if (!('resource' in task)) return buildOrganizationUrn(task.organizationId);
  // A resource token for an organization: its audience plus the organization it is scoped to.
  return task.organizationId === undefined ? task.resource : `${task.resource}#${buildOrganizationUrn(task.organizationId)}`;
}

/** The cache keys of the API and organization tokens in `needs`. */
export function neededTokenKeys(needs: TokenNeeds): Set<string> {
  return new Set([
    ...(needs.resources ?? []),
    ...(needs.organizations ?? []).map((organizationId) => buildOrganizationUrn(organizationId)),
    ...(needs.organizationResources ?? []).map((scoped) => tokenKeyFor(scoped)),
  ]);
}

/** The session without the outage marker: Logto has vouched for it again. */
function verifiedAgain(session: SessionData): SessionData {
  if (session.outageSince === undefined) return session;
  const { outageSince: _outageSince, ...rest } = session;
  return rest;
}

/**
 * The refreshes `session` needs at `now` for `needs`, one refresh grant each: the core first,
 * then API resources, organization-scoped resources and organizations. Empty when all are fresh.
 */
export function planTasks(session: SessionData, needs: TokenNeeds, now: number): Task[] {
  const tasks: Task[] = [];
  const claimsDue = isDue({ issuedAt: session.claims.iat, expiresAt: session.claims.exp }, now);
  if (needs.core && (claimsDue || isDue(session.accessToken, now))) tasks.push({ kind: 'core' });
  for (const resource of needs.resources ?? []) {
    if (isDue(session.tokens[resource], now)) tasks.push({ kind: 'resource', resource });
  }
  for (const scoped of needs.organizationResources ?? []) {
    if (isDue(session.tokens[tokenKeyFor(scoped)], now)) tasks.push({ kind: 'organization_resource', ...scoped });
  }
  for (const organizationId of needs.organizations ?? []) {
    if (isDue(session.tokens[buildOrganizationUrn(organizationId)], now)) {
      tasks.push({ kind: 'organization', organizationId });
    }
  }
  return tasks;
}

async function applyResponse(
  session: SessionData,
  task: Task,
  response: TokenResponse,
  requestedAt: number,
  discovery: DiscoveryDocument,
  config: LogtoConfig,
): Promise<SessionData> {
  let claims = session.claims;
  if (response.idToken) {
    const verified = await verifyIdToken(response.idToken, {
      discovery,
      clientId: config.appId,
      fetch: requestOptions().fetch,
      expectedSubject: session.claims.sub,
    });
    claims = sessionClaims(verified);
  }
  const entry = cachedToken(response, requestedAt);
  const next: SessionData = {
    ...(response.idToken ? verifiedAgain(session) : session),
    claims,
    refreshToken: response.refreshToken ?? session.refreshToken,
  };
  if (task.kind === 'core') return { ...next, accessToken: entry };
  return { ...next, tokens: { ...session.tokens, [tokenKeyFor(task)]: entry } };
}

/** Runs the tasks one after another, each with the newest refresh token (Logto rotates them). */
async function runTasks(session: SessionData, tasks: Task[], config: LogtoConfig): Promise<RefreshOutcome> {
  let current = session;
  let changed = false;
  let tokenFailure: RefreshFailure | undefined;
  let discovery: DiscoveryDocument;
  try {
    discovery = await discover(config);
  } catch (error) {
    return { session, changed, failure: classifyRefreshError(error) };
  }
  for (const task of tasks) {
    const requestedAt = nowSeconds();
    try {
      const response = await refreshGrantRequest(
        discovery,
        {
          clientId: config.appId,
          clientSecret: config.appSecret,
          refreshToken: current.refreshToken!,
          resource: task.kind === 'resource' || task.kind === 'organization_resource' ? task.resource : undefined,
          organizationId: task.kind === 'organization' || task.kind === 'organization_resource' ? task.organizationId : undefined,
        },
        requestOptions(),
      );
      const tokens = await processTokenResponse(response, { requestedAt });
      current = await applyResponse(current, task, tokens, requestedAt, discovery, config);
      changed = true;
    } catch (error) {
      if (task.kind !== 'core' && isTokenSpecific(error)) {
        tokenFailure ??= { ...classifyRefreshError(error), fatal: false, reason: undefined, tokenOnly: true };
        continue;
      }
      return { session: current, changed, failure: classifyRefreshError(error) };
    }
  }
  return { session: current, changed, failure: tokenFailure };
}

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
  const base = claims !== current.claims ? verifiedAgain(current) : current;
  return { ...base, tokens, accessToken, claims, refreshToken };
}

interface Remembered {
  session: SessionData;
  failure?: RefreshFailure;
  until: number;
}

/**
 * In-process memory, keyed by a hash of the refresh token presented: the refresh under way, and
 * for a short while its result. Requests that raced with a refresh adopt its result instead of
 * presenting a refresh token Logto has already rotated (which would revoke the whole grant).
 */
const inflight = new Map<string, Promise<void>>();
const remembered = new Map<string, Remembered>();
const REMEMBER_SUCCESS_SECONDS = 60;
const REMEMBER_FAILURE_SECONDS = 5;
const MAX_REMEMBERED = 5_000;
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

async function refreshTokenKey(refreshToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(refreshToken));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

function remember(key: string, presented: string, outcome: RefreshOutcome, now: number): void {
  if (remembered.size >= MAX_REMEMBERED) {
    for (const [staleKey, entry] of remembered) if (entry.until <= now) remembered.delete(staleKey);
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  }
  if (recentlyRemembered.size >= MAX_REMEMBERED) {
    for (const [quick, until] of recentlyRemembered) if (until <= now) recentlyRemembered.delete(quick);
  }
  const fatal = outcome.failure?.fatal;
  const seconds = outcome.failure && !fatal ? REMEMBER_FAILURE_SECONDS : REMEMBER_SUCCESS_SECONDS;
  remembered.set(key, { session: outcome.session, failure: outcome.failure, until: now + seconds });
  const quick = quickHash(presented);
  recentlyRemembered.set(quick, Math.max(recentlyRemembered.get(quick) ?? 0, now + seconds));
}

/**
 * Makes the tokens in `needs` fresh, refreshing ahead of expiry. Single-flight per refresh token:
 * concurrent callers with the same session wait for one refresh and share its result; the
 * refreshes a session needs run in sequence. Never throws: failures come back in `failure`, and
 * the session returned is the best one available (unchanged if nothing could be refreshed).
 * Every ID token a refresh returns is verified, with the signed-in `sub` required.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokens
 * @see docs/logto-protocol.md#refresh-token-rotation
 */
export async function ensureTokens(session: SessionData, needs: TokenNeeds, config: LogtoConfig): Promise<RefreshOutcome> {
  // The usual case: nothing due, no refresh under way, none of this refresh token remembered to
  // adopt. Same answer as the loop below, without hashing the refresh token (a WebCrypto call).
  const start = nowSeconds();
  const mayBeRemembered =
    session.refreshToken !== undefined && (recentlyRemembered.get(quickHash(session.refreshToken)) ?? 0) > start;
  if (inflight.size === 0 && !mayBeRemembered && planTasks(session, needs, start).length === 0) {
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
    const known = remembered.get(key);
    if (known && known.until > now) {
      const adopted = adopt(current, known.session);
      if (adopted !== current) {
        changed = true;
        const rotated = adopted.refreshToken !== current.refreshToken;
        current = adopted;
        if (rotated) continue;
      }
    }
    if (planTasks(current, needs, now).length === 0) return { session: current, changed };
    if (known?.failure && known.until > now) return { session: current, changed, failure: known.failure };

    const running = inflight.get(key);
    if (running) {
      await running;
      continue;
    }
    let release!: () => void;
    inflight.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      const outcome = await runTasks(current, planTasks(current, needs, now), config);
      remember(key, presented, outcome, nowSeconds());
      return { ...outcome, changed: changed || outcome.changed };
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

/** For tests: forget refreshes remembered across calls. */
export function resetRefreshMemoryForTests(): void {
  inflight.clear();
  remembered.clear();
  recentlyRemembered.clear();
}
