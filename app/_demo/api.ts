import type { LogtoConfig } from 'next-logto';

/** The permission the demo's protected APIs (`/api/reports`, `/api/organizations/[id]/reports`) require. */
export const REPORTS_SCOPE = 'read:reports';

/** The path of the demo's organization-level API for one organization. */
export const organizationReportsPath = (organizationId: string) =>
  `/api/organizations/${encodeURIComponent(organizationId)}/reports`;

/**
 * The API resource indicator the demo's protected API accepts tokens for: `DEMO_API_RESOURCE`,
 * else the first of `LOGTO_RESOURCES`.
 */
export function reportsResource(config: LogtoConfig): string {
  return process.env.DEMO_API_RESOURCE || config.resources[0] || 'https://reports.example.com';
}
