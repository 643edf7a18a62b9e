import { formatClaim, isDateClaim } from './format';

/** A readable table of claims; dates rendered as dates, objects as JSON. */
export function ClaimsTable({ claims, caption }: { claims: object; caption: string }) {
  const entries = Object.entries(claims);
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <table className="w-full table-fixed text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-1/3 px-4 py-2 font-semibold sm:w-1/4">
              Claim
            </th>
            <th scope="col" className="px-4 py-2 font-semibold">
              Value
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map(([name, value]) => {
            const text = formatClaim(name, value);
            return (
              <tr key={name} className="align-top">
                <th scope="row" className="px-4 py-2 font-mono text-xs font-medium text-slate-600">
                  {name}
                </th>
                <td className="px-4 py-2 break-words">
                  {typeof value === 'object' && value !== null ? (
                    <pre className="overflow-x-auto whitespace-pre-wrap font-mono text-xs text-slate-700">{text}</pre>
                  ) : (
                    <span className={isDateClaim(name) ? 'text-slate-800' : 'font-mono text-xs text-slate-800'}>
                      {text}
                      {isDateClaim(name) && (
                        <span className="ml-2 font-mono text-[11px] text-slate-400">{String(value)}</span>
                      )}
                    </span>
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
