import type { IdTokenClaims } from '@/lib/logto/types';
import { ClaimsTable } from '../_components/claims-table';
import { Countdown } from '../_components/countdown';

/** The claims page's content, from a session view (or, for the benchmark, static data). */
export function ClaimsView({ claims, hasRefreshToken }: { claims: IdTokenClaims; hasRefreshToken: boolean }) {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">ID token claims</h1>
        <p className="mt-1 text-sm text-slate-600">
          Verified at sign-in and at each refresh (signature, issuer, audience, expiry, nonce).
        </p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-600">Subject</dt>
          <dd className="mt-1 truncate font-mono text-sm" data-testid="subject">
            {claims.sub}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-600">ID token expires in</dt>
          <dd className="mt-1 text-sm font-medium">
            <Countdown expiresAt={claims.exp} />
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-600">Refresh token</dt>
          <dd className="mt-1 text-sm font-medium">{hasRefreshToken ? 'Held (kept fresh by the middleware)' : 'None'}</dd>
        </div>
      </dl>
      <ClaimsTable claims={claims} caption="ID token claims" />
    </div>
  );
}
