import Link from 'next/link';
import { logto } from '@/app/_demo/logto';
import { LanguageSwitch } from '../_i18n/language-switch';
import { getI18n } from '../_i18n/server';
import { getSessionOrNull } from './session-safe';
import { SignOutButton } from './sign-out-button';

/**
 * One row on a phone: the brand and the actions never break inside (on a screen too narrow for
 * both, the actions move below the brand as a whole). Every target is at least 40 px high. Signed
 * in, a phone shows the brand's mark only (its name stays for screen readers), so the language
 * switch, Dashboard and Sign out fit beside it in either language.
 */
export async function SiteHeader() {
  const [session, { t }] = await Promise.all([getSessionOrNull(), getI18n()]);
  const name = session?.claims.name ?? session?.claims.username ?? session?.claims.email ?? session?.claims.sub;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-2 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          prefetch={false}
          className="flex min-h-10 items-center gap-2 whitespace-nowrap rounded-lg text-sm font-semibold tracking-tight sm:text-base"
        >
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">
            L
          </span>
          <span className={session ? 'sr-only sm:not-sr-only' : undefined}>
            Logto <span className="text-slate-500">×</span> Next.js
          </span>
        </Link>
        <div className="flex items-center gap-1 sm:gap-3">
          <LanguageSwitch />
          <nav aria-label={t.header.accountNavigation} className="flex items-center gap-1 text-sm sm:gap-3">
            {session ? (
              <>
                <Link
                  href="/protected"
                  prefetch={false}
                  className="inline-flex min-h-10 items-center whitespace-nowrap rounded-lg px-2 font-medium text-slate-700 hover:bg-slate-100 hover:text-brand-600"
                >
                  {t.header.dashboard}
                </Link>
                <span className="hidden text-slate-600 sm:inline" data-testid="signed-in-as">
                  {name}
                </span>
                <SignOutButton label={t.header.signOut} />
              </>
            ) : (
              <a
                href={logto.paths.signIn}
                className="inline-flex min-h-10 items-center whitespace-nowrap rounded-lg bg-brand-600 px-3 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
              >
                {t.header.signIn}
              </a>
            )}
          </nav>
        </div>
      </div>
    </header>
  );
}
