import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { REPORTS_SCOPE, reportsResource } from '@/lib/demo-api';
import { getAccessToken, requireSession } from '@/lib/auth/server';
import { Notice } from '../../_components/notice';
import { TokenCard } from '../../_components/token-card';
import { callProtectedApi } from './call-api';

export const metadata: Metadata = { title: 'API resources' };

export default async function ResourcesPage() {
  await requireSession('/protected/resources');
  const config = getConfig();
  const resources = config.resources;
  const results = await Promise.all(resources.map(async (resource) => ({ resource, result: await getAccessToken(resource) })));
  const apiResource = reportsResource(config);
  const apiToken = results.find((entry) => entry.resource === apiResource)?.result;
  const apiUrl = `${config.baseUrl ?? config.vercelOrigins[0]}/api/reports`;
  const apiCall = await callProtectedApi(apiUrl, apiToken?.ok ? apiToken.token : undefined);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">API resources</h1>
        <p className="mt-1 text-sm text-slate-600">
          <code className="font-mono">getAccessToken(resource)</code> for each of LOGTO_RESOURCES: a JWT whose audience is
          the resource and whose scopes are the permissions your roles grant. The middleware refreshes them before they
          expire.
        </p>
      </div>
      {resources.length === 0 && (
        <Notice title="No API resources configured">
          <p>Set LOGTO_RESOURCES to one or more API resource indicators registered in Logto.</p>
        </Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {results.map(({ resource, result }) => (
          <TokenCard key={resource} title={resource} result={result} testId={`resource-token-${resource}`} />
        ))}
      </div>
      {resources.length > 0 && (
        <section className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="Protected API">
          <h2 className="text-lg font-semibold">Calling the protected API</h2>
          <p className="text-sm text-slate-600">
            <code className="font-mono">GET /api/reports</code> accepts only Logto access tokens for{' '}
            <code className="font-mono">{apiResource}</code> with the <code className="font-mono">{REPORTS_SCOPE}</code>{' '}
            scope. Called from the server with the token above:
          </p>
          <p className="text-sm">
            Status:{' '}
            <strong data-testid="api-status" className={apiCall.status === 200 ? 'text-emerald-700' : 'text-rose-700'}>
              {apiCall.status}
            </strong>
          </p>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs text-slate-100" data-testid="api-body">
            {apiCall.body}
          </pre>
        </section>
      )}
    </div>
  );
}
