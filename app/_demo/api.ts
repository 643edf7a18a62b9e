import type { LogtoConfig } from '@/lib/config';

/** The permission the demo's protected API (`/api/reports`) requires. */
export const REPORTS_SCOPE = 'read:reports';

/**
 * The API resource indicator the demo's protected API accepts tokens for: `DEMO_API_RESOURCE`,
 * else the first of `LOGTO_RESOURCES`.
 */
export function reportsResource(config: LogtoConfig): string {
  return process.env.DEMO_API_RESOURCE || config.resources[0] || 'https://reports.example.com';
}
