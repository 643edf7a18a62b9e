import type { Metadata } from 'next';
import Link from 'next/link';
import { signInUrl } from '@/lib/auth/base-url';
import { describeAuthError, toAuthErrorCode } from '@/lib/auth/error-codes';
import { configProblems } from '@/lib/config';
import { toSafeReturnTo } from '@/lib/safe-redirect';

export const metadata: Metadata = { title: 'Sign-in problem' };
export const dynamic = 'force-dynamic';

/** Shows error codes and our own copy only; nothing from the URL is rendered as it came. */
export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string; returnTo?: string; parameter?: string | string[] }>;
}) {
  const params = await searchParams;
  const code = toAuthErrorCode(params.code);
  const { title, description } = describeAuthError(code);
  const returnTo = toSafeReturnTo(params.returnTo, 'http://placeholder.invalid');
  const refused = [params.parameter ?? []].flat().filter((name) => /^[\w-]{1,32}$/.test(name));
  const problems =
    code === 'config.invalid'
      ? configProblems()
      : code === 'sign_in.invalid_parameter'
        ? refused.map((name) => `The "${name}" option is not accepted as given.`)
        : [];
  const canRetry = code !== 'config.invalid' && code !== 'sign_out.cross_site';

  return (
    <div className="mx-auto max-w-xl rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
      <p className="text-xs font-semibold uppercase tracking-wide text-rose-600">Sign-in problem</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      <p className="mt-2 text-slate-600">{description}</p>
      {problems.length > 0 && (
        <ul className="mt-4 list-disc space-y-1 rounded-lg bg-rose-50 p-4 pl-8 text-sm text-rose-900" aria-label={code === 'config.invalid' ? 'Configuration problems' : 'Refused sign-in options'}>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-xs text-slate-400">
        Error code: <code className="font-mono" data-testid="error-code">{code}</code>
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        {canRetry && (
          <a href={signInUrl(returnTo)} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            {code === 'session.expired' ? 'Sign in again' : 'Try again'}
          </a>
        )}
        <Link href="/" className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50">
          Back to home
        </Link>
      </div>
    </div>
  );
}
