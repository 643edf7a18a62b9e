import type { TokenResult } from '@/lib/auth/server';
import { ClaimsTable } from './claims-table';
import { Countdown } from './countdown';

const reasons: Record<Exclude<TokenResult, { ok: true }>['reason'], string> = {
  signed_out: 'You are signed out.',
  not_configured: 'This resource is not in LOGTO_RESOURCES.',
  organizations_disabled: 'Organization tokens need the urn:logto:scope:organizations scope in LOGTO_SCOPES.',
  not_member: 'You are not a member of this organization.',
  not_minted: 'Logto did not issue a token for it (no permission granted, or the resource was not requested at sign-in).',
  expired: 'The token has expired. Reload to refresh it.',
  malformed: 'The cached token is not a JWT this app can read; Logto may have been configured to issue opaque tokens for this resource.',
  refused: 'Logto refused to issue it (no access to this resource or organization).',
  refresh_failed: 'Logto could not be reached to mint it. Reload in a moment.',
};

function maskToken(token: string): string {
  return token.length > 24 ? `${token.slice(0, 12)}…${token.slice(-8)}` : '…';
}

/** One API-resource or organization token: audience, scopes, expiry and decoded claims. */
export function TokenCard({ title, subtitle, result, testId }: { title: string; subtitle?: string; result: TokenResult; testId: string }) {
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
            expires in <Countdown expiresAt={result.expiresAt} />
          </span>
        ) : (
          <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-800">unavailable</span>
        )}
      </header>
      {result.ok ? (
        <>
          {scopes.length > 0 ? (
            <ul role="list" className="flex flex-wrap gap-1.5" aria-label="Scopes">
              {scopes.map((scope) => (
                <li key={scope} className="rounded-md bg-brand-50 px-2 py-0.5 font-mono text-xs text-brand-700" data-testid="scope">
                  {scope}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-600">No scopes granted</p>
          )}
          <p className="font-mono text-xs text-slate-600 [overflow-wrap:anywhere]" title="The token itself stays on the server">
            <span className="sr-only">Token, masked (it stays on the server): </span>
            {maskToken(result.token)}
          </p>
          <ClaimsTable claims={result.claims} caption={`Claims of the token for ${title}`} />
        </>
      ) : (
        <p className="text-sm text-slate-600">{reasons[result.reason]}</p>
      )}
    </article>
  );
}
