import type { Metadata } from 'next';
import { REPORTS_SCOPE, reportsResource } from '@/app/_demo/api';
import { logto, getAccessToken, requireSession } from '@/app/_demo/logto';
import { Notice } from '../../_components/notice';
import { TokenCard } from '../../_components/token-card';
import { RichText } from '../../_i18n/rich-text';
import { getI18n } from '../../_i18n/server';
import { callProtectedApi } from './call-api';
import { ApiAnswer } from './api-answer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t.resources.title };
}

export default async function ResourcesPage() {
  await requireSession('/protected/resources');
  const config = logto.getConfig();
  const resources = config.resources;
  const results = await Promise.all(resources.map(async (resource) => ({ resource, result: await getAccessToken(resource) })));
  const apiResource = reportsResource(config);
  const apiToken = results.find((entry) => entry.resource === apiResource)?.result;
  const apiUrl = `${config.baseUrl ?? config.vercelOrigins[0]}/api/reports`;
  const apiCall = await callProtectedApi(apiUrl, apiToken?.ok ? apiToken.token : undefined);
  const text = (await getI18n()).t.resources;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{text.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <RichText template={text.intro} values={{ function: <code className="font-mono">getAccessToken(resource)</code> }} />
        </p>
      </div>
      {resources.length === 0 && (
        <Notice title={text.noneConfigured}>
          <p>{text.noneConfiguredHelp}</p>
        </Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {results.map(({ resource, result }) => (
          <TokenCard key={resource} title={resource} result={result} testId={`resource-token-${resource}`} />
        ))}
      </div>
      {resources.length > 0 && (
        <section className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={text.protectedApi}>
          <h2 className="text-lg font-semibold">{text.callingApi}</h2>
          <p className="text-sm text-slate-600">
            <RichText
              template={text.apiAccepts}
              values={{
                endpoint: <code className="font-mono">GET /api/reports</code>,
                resource: <code className="font-mono">{apiResource}</code>,
                scope: <code className="font-mono">{REPORTS_SCOPE}</code>,
              }}
            />
          </p>
          <ApiAnswer result={apiCall} statusLabel={text.status} testIdPrefix="api" />
        </section>
      )}
    </div>
  );
}
