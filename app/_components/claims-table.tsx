import { Fragment } from 'react';
import { getI18n } from '../_i18n/server';
import { formatClaim, isDateClaim } from './format';

/**
 * A claim name with a line-break opportunity after each underscore, so a long name
 * (`phone_number_verified`) wraps at its words in a narrow column instead of running into the value.
 */
function ClaimName({ name }: { name: string }) {
  const parts = name.split(/(?<=_)/);
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/** A readable table of claims; dates rendered as dates in the page's language, objects as JSON. */
export async function ClaimsTable({ claims, caption }: { claims: object; caption: string }) {
  const { language, t } = await getI18n();
  const entries = Object.entries(claims);
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <table className="w-full table-fixed text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="w-[38%] px-3 py-2 font-semibold sm:w-1/4 sm:px-4">
              {t.claimsTable.claim}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold sm:px-4">
              {t.claimsTable.value}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map(([name, value]) => {
            const text = formatClaim(name, value, language);
            return (
              <tr key={name} className="align-top">
                <th
                  scope="row"
                  className="px-3 py-2 font-mono text-xs font-medium leading-5 text-slate-600 [overflow-wrap:anywhere] sm:px-4"
                >
                  <ClaimName name={name} />
                </th>
                <td className="px-3 py-2 [overflow-wrap:anywhere] sm:px-4">
                  {typeof value === 'object' && value !== null ? (
                    <pre className="overflow-x-auto whitespace-pre-wrap font-mono text-xs leading-5 text-slate-700">{text}</pre>
                  ) : isDateClaim(name) ? (
                    <span className="text-slate-800">
                      {text}
                      <span className="block font-mono text-xs text-slate-600 sm:ml-2 sm:inline">{String(value)}</span>
                    </span>
                  ) : (
                    <span className="font-mono text-xs leading-5 text-slate-800">{text}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
