import Link from 'next/link';
import { organizationReportsPath, reportsResource } from '@/app/_demo/api';
import { logto, getAccessToken, getOrganizationToken, requireSession } from '@/app/_demo/logto';
import { organizationPagePath } from '@/app/_demo/routes';
import { Notice } from '../../_components/notice';
import { TokenCard } from '../../_components/token-card';
import { RichText } from '../../_i18n/rich-text';
import { getI18n } from '../../_i18n/server';
import { callProtectedApi } from '../resources/call-api';
import { OrganizationApiCall } from './organization-api-call';

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
  const config = logto.getConfig();
  const organizations = claims.organizations ?? [];
  const roles = rolesByOrganization(claims.organization_roles);
  const current = selected ?? organizations[0];
  const result = current ? await getOrganizationToken(current) : undefined;
  const [resource] = config.resources;
  const scoped = current && resource ? await getAccessToken(resource, { organizationId: current }) : undefined;
  // The organization-level API, called as any API client would, with this organization's token.
  const apiPath = current && organizations.includes(current) && scoped ? organizationReportsPath(current) : undefined;
  const apiCall = apiPath
    ? await callProtectedApi(`${config.baseUrl ?? config.vercelOrigins[0]}${apiPath}`, scoped?.ok ? scoped.token : undefined)
    : undefined;

  const text = (await getI18n()).t.organizations;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{text.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <RichText
            template={text.intro}
            values={{
              function: <code className="font-mono">getOrganizationToken(id)</code>,
              audience: <code className="font-mono">urn:logto:organization:&lt;id&gt;</code>,
            }}
          />
        </p>
      </div>
      {!config.organizationsEnabled ? (
        <Notice title={text.notRequested}>
          <p>{text.notRequestedHelp}</p>
        </Notice>
      ) : organizations.length === 0 ? (
        <Notice title={text.noMembership}>
          <p>{text.noMembershipHelp}</p>
        </Notice>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:items-start">
          <nav aria-label={text.yourOrganizations} className="rounded-xl border border-slate-200 bg-white p-1">
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
                      {(roles.get(id) ?? []).join(', ') || text.noRole}
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
                subtitle={text.roles((roles.get(current) ?? []).join(', '))}
                result={result}
                testId={`organization-token-${current}`}
              />
              {resource && scoped && (
                <TokenCard
                  title={resource}
                  subtitle={text.scopedTokenSubtitle}
                  result={scoped}
                  testId={`organization-resource-token-${current}`}
                />
              )}
              {apiPath && apiCall && (
                <OrganizationApiCall path={apiPath} resource={reportsResource(config)} result={apiCall} text={text} />
              )}
            </div>
          ) : (
            <Notice tone="warning" title={text.notMember} />
          )}
        </div>
      )}
    </div>
  );
}
