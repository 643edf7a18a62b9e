import type { Metadata } from 'next';
import Link from 'next/link';
import { toAuthErrorCode, toSafeReturnTo } from 'next-logto';
import { logto } from '@/app/_demo/logto';
import { getSessionOrNull } from '../../_components/session-safe';
import { describeAuthErrorIn } from '../../_i18n/auth-errors';
import { getI18n } from '../../_i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t.errorPage.title };
}
export const dynamic = 'force-dynamic';

/** Shows error codes and our own copy only; nothing from the URL is rendered as it came. */
export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string; returnTo?: string; parameter?: string | string[] }>;
}) {
  const [params, session, { language, t }] = await Promise.all([searchParams, getSessionOrNull(), getI18n()]);
  const text = t.errorPage;
  const code = toAuthErrorCode(params.code);
  const { title, description } = describeAuthErrorIn(language, code);
  const returnTo = toSafeReturnTo(params.returnTo, 'http://placeholder.invalid', logto.paths.defaultReturnTo);
  const refused = [params.parameter ?? []].flat().filter((name) => /^[\w-]{1,32}$/.test(name));
  const problems =
    code === 'config.invalid'
      ? logto.configProblems()
      : code === 'sign_in.invalid_parameter'
        ? refused.map((name) => text.refusedOption(name))
        : [];
  // A signed-in user goes back to the dashboard; "Try again" would start a new sign-in (which
  // cannot succeed while the configuration is broken or the session is too large to be stored).
  const canRetry = !session && code !== 'config.invalid' && code !== 'sign_out.cross_site' && code !== 'session.too_large';
  const action = 'inline-flex min-h-10 items-center rounded-lg px-4 py-2 text-sm font-semibold';

  return (
    <div className="mx-auto max-w-xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <p className="text-xs font-semibold uppercase tracking-wide text-rose-600">{text.title}</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
      <p className="mt-2 text-slate-600">{description}</p>
      {problems.length > 0 && (
        <ul className="mt-4 list-disc space-y-1 rounded-lg bg-rose-50 p-4 pl-8 text-sm text-rose-900" aria-label={code === 'config.invalid' ? text.configurationProblems : text.refusedOptions}>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-xs text-slate-600">
        {text.errorCode} <code className="font-mono" data-testid="error-code">{code}</code>
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        {session ? (
          <Link href="/protected" prefetch={false} className={`${action} bg-brand-600 text-white hover:bg-brand-700`}>
            {text.backToDashboard}
          </Link>
        ) : (
          canRetry && (
            <a href={logto.signInUrl(returnTo)} className={`${action} bg-brand-600 text-white hover:bg-brand-700`}>
              {code === 'session.expired' ? text.signInAgain : text.tryAgain}
            </a>
          )
        )}
        <Link href="/" prefetch={false} className={`${action} border border-slate-300 text-slate-700 hover:bg-slate-50`}>
          {text.backToHome}
        </Link>
      </div>
    </div>
  );
}
