import { REPORTS_SCOPE } from '@/app/_demo/api';
import type { Dictionary } from '../../_i18n/en';
import { RichText } from '../../_i18n/rich-text';
import type { ApiCallResult } from '../resources/call-api';

/** The organization-level API called with the organization-scoped token: the path, what it accepts, its answer. */
export function OrganizationApiCall({
  path,
  resource,
  result,
  text,
}: {
  path: string;
  resource: string;
  result: ApiCallResult;
  text: Dictionary['organizations'];
}) {
  return (
    <section className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-label={text.organizationApi}>
      <h2 className="text-lg font-semibold">{text.callingOrganizationApi}</h2>
      <p className="text-sm text-slate-600">
        <RichText
          template={text.organizationApiAccepts}
          values={{
            endpoint: <code className="font-mono">GET {path}</code>,
            resource: <code className="font-mono">{resource}</code>,
            scope: <code className="font-mono">{REPORTS_SCOPE}</code>,
            claim: <code className="font-mono">organization_id</code>,
          }}
        />
      </p>
      <p className="text-sm">
        {text.status}{' '}
        <strong data-testid="organization-api-status" className={result.status === 200 ? 'text-emerald-700' : 'text-rose-700'}>
          {result.status}
        </strong>
      </p>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs text-slate-100" data-testid="organization-api-body">
        {result.body}
      </pre>
    </section>
  );
}
