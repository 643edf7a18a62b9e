import type { IdTokenClaims } from 'next-logto/oidc';
import { ClaimsTable } from '../_components/claims-table';
import { Countdown } from '../_components/countdown';
import { getI18n } from '../_i18n/server';

/** The claims page's content, from a session view (or, for the benchmark, static data). */
export async function ClaimsView({ claims, hasRefreshToken }: { claims: IdTokenClaims; hasRefreshToken: boolean }) {
  const { t } = await getI18n();
  const text = t.claims;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{text.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{text.description}</p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-600">{text.subject}</dt>
          <dd className="mt-1 truncate font-mono text-sm" data-testid="subject">
            {claims.sub}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-600">{text.idTokenExpiresIn}</dt>
          <dd className="mt-1 text-sm font-medium">
            <Countdown expiresAt={claims.exp} />
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-600">{text.refreshToken}</dt>
          <dd className="mt-1 text-sm font-medium">{hasRefreshToken ? text.refreshTokenHeld : text.refreshTokenNone}</dd>
        </div>
      </dl>
      <ClaimsTable claims={claims} caption={text.title} />
    </div>
  );
}
