import type { LogtoConfig, SessionData, TokenNeeds } from 'next-logto';

/** The dashboard page of one organization: `/protected/organizations/<id>`. */
export const organizationPagePath = (organizationId: string) => `/protected/organizations/${encodeURIComponent(organizationId)}`;

const ORGANIZATIONS_PAGE = /^\/protected\/organizations(?:\/([^/]+))?\/?$/;

/**
 * The organization a dashboard path shows: the one in `/protected/organizations/<id>`, or the
 * first of the user's on `/protected/organizations`; `undefined` when the path is not an
 * organizations page or names an organization the user is not a member of.
 */
export function selectedOrganization(pathname: string, organizations: readonly string[]): string | undefined {
  const match = ORGANIZATIONS_PAGE.exec(pathname);
  if (!match) return undefined;
  if (!match[1]) return organizations[0];
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return organizations.includes(id) ? id : undefined;
}

/**
 * The API tokens each dashboard page shows, for the middleware to make fresh before it renders:
 * the resources page every configured resource; an organization's page its organization token
 * and the first configured resource's token scoped to that organization.
 */
export function dashboardTokensFor(pathname: string, session: SessionData, config: LogtoConfig): Omit<TokenNeeds, 'core'> {
  if (pathname.startsWith('/protected/resources')) return { resources: config.resources };
  const organization = config.organizationsEnabled
    ? selectedOrganization(pathname, session.claims.organizations ?? [])
    : undefined;
  if (!organization) return {};
  const [resource] = config.resources;
  return {
    organizations: [organization],
    ...(resource ? { organizationResources: [{ resource, organizationId: organization }] } : {}),
  };
}
