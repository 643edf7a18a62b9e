import { REPORTS_SCOPE } from '@/app/_demo/api';
import type { Dictionary } from '../../_i18n/en';
import { RichText } from '../../_i18n/rich-text';
import { ApiAnswer } from '../resources/api-answer';
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
      <ApiAnswer result={result} statusLabel={text.status} testIdPrefix="organization-api" />
    </section>
  );
}
