import { buildOrganizationUrn } from '../../logto/scopes.js';
import { isDue, type SessionData } from '../cookies/session-data.js';

/** Which tokens a request needs fresh. */
export interface TokenNeeds {
  /** The ID-token claims and the userinfo access token. */
  core?: boolean;
  /** API resource indicators, each requested at sign-in (`LOGTO_RESOURCES`, or `session.signInResources`): `resource` on the refresh grant. */
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

/** One refresh grant: the core tokens, or one API, organization or organization-scoped API token. */
export type RefreshTask =
  | { kind: 'core' }
  | { kind: 'resource'; resource: string }
  | { kind: 'organization'; organizationId: string }
  | ({ kind: 'organization_resource' } & OrganizationResource);

/** The key a cached API token is stored under: the resource indicator or the organization URN. */
export function tokenKeyFor(task: { resource: string; organizationId?: string } | { organizationId: string }): string {
  if (!('resource' in task)) return buildOrganizationUrn(task.organizationId);
  // A resource token for an organization: its audience plus the organization it is scoped to.
  return task.organizationId === undefined ? task.resource : `${task.resource}#${buildOrganizationUrn(task.organizationId)}`;
}

/**
 * What a task asks Logto for, as one unambiguous string: the kind, then the `resource` and
 * `organization_id` it sends (so R, O and R-in-O are three different needs).
 */
export function needKey(task: RefreshTask): string {
  switch (task.kind) {
    case 'core':
      return JSON.stringify([task.kind]);
    case 'resource':
      return JSON.stringify([task.kind, task.resource]);
    case 'organization':
      return JSON.stringify([task.kind, task.organizationId]);
    case 'organization_resource':
      return JSON.stringify([task.kind, task.resource, task.organizationId]);
  }
}

/** The cache keys of the API and organization tokens in `needs`. */
export function neededTokenKeys(needs: TokenNeeds): Set<string> {
  return new Set([
    ...(needs.resources ?? []),
    ...(needs.organizations ?? []).map((organizationId) => buildOrganizationUrn(organizationId)),
    ...(needs.organizationResources ?? []).map((scoped) => tokenKeyFor(scoped)),
  ]);
}

/**
 * The refreshes `session` needs at `now` for `needs`, one refresh grant each: the core first,
 * then API resources, organization-scoped resources and organizations. Empty when all are fresh.
 */
export function planTasks(session: SessionData, needs: TokenNeeds, now: number): RefreshTask[] {
  const tasks: RefreshTask[] = [];
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
