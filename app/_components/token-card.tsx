import type { TokenResult } from 'next-logto';
import { getI18n } from '../_i18n/server';
import { ClaimsTable } from './claims-table';
import { Countdown } from './countdown';

type UnavailableReason = Exclude<TokenResult, { ok: true }>['reason'];

// Fails to compile when the library adds a reason the dictionary does not explain.
const explainsEveryReason = (reasons: Readonly<Record<UnavailableReason, string>>) => reasons;

function maskToken(token: string): string {
  return token.length > 24 ? `${token.slice(0, 12)}…${token.slice(-8)}` : '…';
}

/** One API-resource or organization token: audience, scopes, expiry and decoded claims. */
export async function TokenCard({ title, subtitle, result, testId }: { title: string; subtitle?: string; result: TokenResult; testId: string }) {
  const { t } = await getI18n();
  const text = t.tokenCard;
  const reasons = explainsEveryReason(text.reasons);
  const scopes = result.ok ? (result.claims.scope ?? '').split(' ').filter(Boolean) : [];
  return (
    <article className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId} aria-label={title}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-mono text-sm font-semibold text-slate-900 [overflow-wrap:anywhere]">{title}</h2>
          {subtitle && <p className="text-sm text-slate-600">{subtitle}</p>}
        </div>
        {result.ok ? (
          <span className="rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-semibold text-emerald-700">
            {text.expiresIn} <Countdown expiresAt={result.expiresAt} />
          </span>
        ) : (
          <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-800">{text.unavailable}</span>
        )}
      </header>
      {result.ok ? (
        <>
          {scopes.length > 0 ? (
            <ul role="list" className="flex flex-wrap gap-1.5" aria-label={text.scopes}>
              {scopes.map((scope) => (
                <li key={scope} className="rounded-md bg-brand-50 px-2 py-0.5 font-mono text-xs text-brand-700" data-testid="scope">
                  {scope}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-600">{text.noScopes}</p>
          )}
          <p className="font-mono text-xs text-slate-600 [overflow-wrap:anywhere]" title={text.tokenStaysOnServer}>
            <span className="sr-only">{text.maskedToken}</span>
            {maskToken(result.token)}
          </p>
          <ClaimsTable claims={result.claims} caption={text.claimsCaption(title)} />
        </>
      ) : (
        <p className="text-sm text-slate-600">{reasons[result.reason]}</p>
      )}
    </article>
  );
}
