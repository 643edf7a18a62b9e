import Link from 'next/link';
import { logto } from '@/app/_demo/logto';
import { getSessionOrNull } from './_components/session-safe';
import { getI18n } from './_i18n/server';

export const dynamic = 'force-dynamic';

const socialConnectors = [
  { target: 'feishu', label: 'Feishu', mark: '飞', color: 'bg-sky-500' },
  { target: 'azuread', label: 'Azure AD', mark: 'M', color: 'bg-blue-600' },
  { target: 'gitlab', label: 'GitLab', mark: 'G', color: 'bg-orange-500' },
] as const;

const buttonBase =
  'inline-flex min-h-11 w-full items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-center text-sm font-semibold shadow-sm transition';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ signed_out?: string }> }) {
  const [session, params, { t }] = await Promise.all([getSessionOrNull(), searchParams, getI18n()]);
  const text = t.home;
  return (
    <div className="grid gap-10 lg:grid-cols-[1.2fr_1fr] lg:items-start">
      <section className="space-y-6">
        <p className="inline-flex rounded-full bg-brand-50 px-3 py-1 text-xs font-semibold text-brand-700">
          Next.js App Router · Logto · OIDC
        </p>
        <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">{text.heading}</h1>
        <p className="max-w-xl text-lg text-slate-600">{text.intro}</p>
        <ul className="grid gap-3 sm:grid-cols-2">
          {text.features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 bg-white p-4">
              <p className="font-semibold text-slate-800">{feature.title}</p>
              <p className="mt-1 text-sm text-slate-600">{feature.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" aria-labelledby="get-started">
        {params.signed_out === 'local' && (
          <p role="status" className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-800">
            {text.signedOutLocally}
          </p>
        )}
        {session ? (
          <div className="space-y-4">
            <h2 id="get-started" className="text-xl font-semibold">
              {text.welcomeBack(session.claims.name ?? undefined)}
            </h2>
            <p className="text-sm text-slate-600">{text.signedIn}</p>
            <Link href="/protected" prefetch={false} className={`${buttonBase} bg-brand-600 text-white hover:bg-brand-700`}>
              {text.goToDashboard}
            </Link>
          </div>
        ) : (
          <div className="space-y-4">
            <h2 id="get-started" className="text-xl font-semibold">
              {text.getStarted}
            </h2>
            <div className="grid gap-3 sm:grid-cols-2">
              <a href={logto.paths.signIn} className={`${buttonBase} bg-brand-600 text-white hover:bg-brand-700`}>
                {text.signIn}
              </a>
              <a
                href={logto.paths.signUp}
                className={`${buttonBase} border border-brand-600 bg-white text-brand-700 hover:bg-brand-50`}
              >
                {text.createAccount}
              </a>
            </div>
            <div className="flex items-center gap-3 py-1 text-xs uppercase tracking-wide text-slate-600">
              <span aria-hidden className="h-px flex-1 bg-slate-200" />
              {text.or}
              <span aria-hidden className="h-px flex-1 bg-slate-200" />
            </div>
            <div className="grid gap-2">
              {socialConnectors.map((connector) => (
                <a
                  key={connector.target}
                  href={`${logto.paths.signIn}?direct_sign_in=social:${connector.target}`}
                  className={`${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
                >
                  <span
                    aria-hidden
                    className={`grid h-5 w-5 place-items-center rounded text-[11px] font-bold text-white ${connector.color}`}
                  >
                    {connector.mark}
                  </span>
                  {text.continueWith(connector.label)}
                </a>
              ))}
              <a
                href={`${logto.paths.signIn}?first_screen=identifier:sign_in&identifier=email`}
                className={`${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
              >
                <span aria-hidden className="grid h-5 w-5 place-items-center rounded bg-slate-700 text-[11px] text-white">
                  @
                </span>
                {text.signInWithEmailCode}
              </a>
            </div>
            <p className="text-xs text-slate-600">{text.directSignInNote}</p>
          </div>
        )}
      </section>
    </div>
  );
}
