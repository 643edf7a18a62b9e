import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { getOrganizationToken, requireSession } from '@/lib/auth/server';
import { Notice } from '../../_components/notice';
import { TokenCard } from '../../_components/token-card';

export const metadata: Metadata = { title: 'Organizations' };

/** `"<orgId>:<role>"` entries of the organization_roles claim, grouped by organization. */
function rolesByOrganization(entries: readonly string[] = []): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    if (separator < 1) continue;
    const id = entry.slice(0, separator);
    roles.set(id, [...(roles.get(id) ?? []), entry.slice(separator + 1)]);
  }
  return roles;
}

export default async function OrganizationsPage() {
  const { claims } = await requireSession('/protected/organizations');
  const config = getConfig();
  const organizations = claims.organizations ?? [];
  const roles = rolesByOrganization(claims.organization_roles);
  const tokens = await Promise.all(organizations.map(async (id) => ({ id, result: await getOrganizationToken(id) })));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Organizations</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your organizations and roles (from the ID token) and, for each, an organization token from{' '}
          <code className="font-mono">getOrganizationToken(id)</code>: audience{' '}
          <code className="font-mono">urn:logto:organization:&lt;id&gt;</code>, scopes from your organization roles.
        </p>
      </div>
      {!config.organizationsEnabled ? (
        <Notice title="Organizations are not requested">
          <p>Add urn:logto:scope:organizations (and urn:logto:scope:organization_roles) to LOGTO_SCOPES.</p>
        </Notice>
      ) : organizations.length === 0 ? (
        <Notice title="You are not a member of any organization">
          <p>Sign in as a user who belongs to an organization to see organization tokens.</p>
        </Notice>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {tokens.map(({ id, result }) => (
            <TokenCard
              key={id}
              title={id}
              subtitle={`Roles: ${(roles.get(id) ?? []).join(', ') || 'none'}`}
              result={result}
              testId={`organization-token-${id}`}
            />
          ))}
        </div>
      )}
    </div>
  );
}
