import type { LogtoConfig } from '../../config.js';
import { verifyIdToken } from '../../logto/id-token.js';
import { processTokenResponse, refreshGrantRequest } from '../../logto/token.js';
import type { DiscoveryDocument, TokenResponse } from '../../logto/types.js';
import { discover, requestOptions } from '../logto-client.js';
import { cachedToken, sessionClaims, type SessionData } from '../cookies/session-data.js';
import { withoutOutageMark } from './outage-mark.js';
import { classifyRefreshError, isTokenSpecific, type RefreshFailure } from './refresh-failure.js';
import { needKey, tokenKeyFor, type RefreshTask } from './token-needs.js';

/** What `ensureTokens` did. */
export interface RefreshOutcome {
  /** The best session available: refreshed where it could be, otherwise as it was. */
  session: SessionData;
  /** Whether `session` differs from the one passed in, i.e. the cookie must be written. */
  changed: boolean;
  /** The first failure, when a needed token could not be refreshed. */
  failure?: RefreshFailure;
}

/** One run of refresh grants: its outcome, and Logto's refusals of single tokens by `needKey`. */
export interface GrantRun {
  outcome: RefreshOutcome;
  refusals: Map<string, RefreshFailure>;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function applyResponse(
  session: SessionData,
  task: RefreshTask,
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
  // Logto answered: whatever outage was marked is over.
  const next: SessionData = {
    ...withoutOutageMark(session),
    claims,
    refreshToken: response.refreshToken ?? session.refreshToken,
  };
  if (task.kind === 'core') return { ...next, accessToken: entry };
  return { ...next, tokens: { ...session.tokens, [tokenKeyFor(task)]: entry } };
}

/**
 * Runs the refresh grants of `tasks` one after another, each with the newest refresh token
 * (Logto rotates them). A refusal of one API or organization token is noted and the rest go on;
 * any other failure stops the run. Every ID token returned is verified, with the signed-in `sub`
 * required.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RefreshTokens
 */
export async function runRefreshGrants(session: SessionData, tasks: readonly RefreshTask[], config: LogtoConfig): Promise<GrantRun> {
  let current = session;
  let changed = false;
  const refusals = new Map<string, RefreshFailure>();
  let discovery: DiscoveryDocument;
  try {
    discovery = await discover(config);
  } catch (error) {
    return { outcome: { session, changed, failure: classifyRefreshError(error) }, refusals };
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
        refusals.set(needKey(task), { ...classifyRefreshError(error), fatal: false, reason: undefined, tokenOnly: true });
        continue;
      }
      return { outcome: { session: current, changed, failure: classifyRefreshError(error) }, refusals };
    }
  }
  const [firstRefusal] = refusals.values();
  return { outcome: { session: current, changed, failure: firstRefusal }, refusals };
}
