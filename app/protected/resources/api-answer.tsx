import type { ApiCallResult } from './call-api';

/** What one of the app's protected APIs answered: its status (green for 200) and its body. */
export function ApiAnswer({ result, statusLabel, testIdPrefix }: { result: ApiCallResult; statusLabel: string; testIdPrefix: string }) {
  return (
    <>
      <p className="text-sm">
        {statusLabel}{' '}
        <strong data-testid={`${testIdPrefix}-status`} className={result.status === 200 ? 'text-emerald-700' : 'text-rose-700'}>
          {result.status}
        </strong>
      </p>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs text-slate-100" data-testid={`${testIdPrefix}-body`}>
        {result.body}
      </pre>
    </>
  );
}
