import Link from 'next/link';
import { getConfig } from '@/lib/config';
import { getAccessToken, getOrganizationToken, requireSession } from '@/lib/auth/server';
import { organizationPagePath } from '@/lib/demo-routes';
import { Notice } from '../../_components/notice';
import { TokenCard } from '../../_components/token-card';

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

/**
 * The organizations page: every organization the user belongs to (from the ID token) as a
 * switcher, and the organization token of the selected one only. The middleware mints that one
 * token, so a member of 20 organizations never mints 20 tokens per view.
 */
export async function OrganizationView({ selected, returnTo }: { selected?: string; returnTo: string }) {
  const { claims } = await requireSession(returnTo);
  const config = getConfig();
  const organizations = claims.organizations ?? [];
  const roles = rolesByOrganization(claims.organization_roles);
  const current = selected ?? organizations[0];
  const result = current ? await getOrganizationToken(current) : undefined;
  const [resource] = config.resources;
  const scoped = current && resource ? await getAccessToken(resource, { organizationId: current }) : undefined;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Organizations</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your organizations and roles (from the ID token) and, for the one you pick, an organization token from{' '}
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
        <div className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:items-start">
          <nav aria-label="Your organizations" className="rounded-xl border border-slate-200 bg-white p-1">
            <ul className="grid gap-1">
              {organizations.map((id) => (
                <li key={id}>
                  <Link
                    href={organizationPagePath(id)}
                    prefetch={false}
                    aria-current={id === current ? 'page' : undefined}
                    className={`block rounded-lg px-3 py-2 text-sm ${
                      id === current ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100'
                    }`}
                  >
                    <span className="block truncate font-mono font-medium">{id}</span>
                    <span className={`block text-xs ${id === current ? 'text-white' : 'text-slate-600'}`}>
                      {(roles.get(id) ?? []).join(', ') || 'no role'}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {current && result ? (
            <div className="min-w-0 space-y-4">
              <TokenCard
                title={current}
                subtitle={`Roles: ${(roles.get(current) ?? []).join(', ') || 'none'}`}
                result={result}
                testId={`organization-token-${current}`}
              />
              {resource && scoped && (
                <TokenCard
                  title={resource}
                  subtitle={`For this organization: getAccessToken(resource, { organizationId })`}
                  result={scoped}
                  testId={`organization-resource-token-${current}`}
                />
              )}
            </div>
          ) : (
            <Notice tone="warning" title="You are not a member of this organization" />
          )}
        </div>
      )}
    </div>
  );
}
